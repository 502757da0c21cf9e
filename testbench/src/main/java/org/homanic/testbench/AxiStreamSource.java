package org.homanic.testbench;

import java.util.ArrayDeque;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Drives frames into a design's AXI-Stream slave interface: one beat per cycle when the design
 * is ready, with random idle cycles between beats ({@link #gaps(double)}). The last beat of a
 * frame carries tlast and a tkeep with its low lanes set; while tvalid is low the data lines
 * carry random bytes, so a design that reads them without tvalid fails its checks.
 */
public final class AxiStreamSource implements Clocked {
    private final AxiStreamPorts ports;
    private final Port tkeep, tlast, tready; // null when the interface lacks them
    private final Random random;
    private final ArrayDeque<AxiStreamFrame> queue = new ArrayDeque<>();
    private final byte[] noise;
    private final int lanes;
    private double gapProbability;
    private Consumer<AxiStreamFrame> onSent = f -> {};
    private AxiStreamFrame current;
    private int offset;          // bytes of the current frame already accepted
    private boolean presenting;  // tvalid is high: the beat must stay until accepted
    private int beatLength;
    private long framesSent;

    public AxiStreamSource(AxiStreamPorts ports, Random random) {
        this.ports = ports;
        this.tkeep = ports.tkeep().orElse(null);
        this.tlast = ports.tlast().orElse(null);
        this.tready = ports.tready().orElse(null);
        this.random = random;
        this.lanes = ports.lanes();
        this.noise = new byte[lanes];
        ports.tvalid().set(false);
    }

    /** Probability that the source idles in a cycle where it could send a beat. */
    public AxiStreamSource gaps(double probability) {
        this.gapProbability = probability;
        return this;
    }

    /** Called with each frame once its last beat is accepted (feed the reference model here). */
    public AxiStreamSource onSent(Consumer<AxiStreamFrame> listener) {
        this.onSent = listener;
        return this;
    }

    public void send(AxiStreamFrame frame) {
        if (frame.length() == 0) throw new IllegalArgumentException("AXI-Stream frames have at least one byte");
        queue.addLast(frame);
    }

    /** Frames fully accepted by the design. */
    public long framesSent() {
        return framesSent;
    }

    /** Whether every queued frame was accepted. */
    public boolean idle() {
        return current == null && queue.isEmpty();
    }

    @Override
    public void drive() {
        if (presenting) return; // AXI-Stream: a presented beat stays unchanged until accepted
        if (current == null) current = queue.pollFirst();
        if (current == null || random.nextDouble() < gapProbability) {
            random.nextBytes(noise);
            ports.tdata().setBytes(noise, 0, lanes);
            ports.tvalid().set(false);
            return;
        }
        int remaining = current.length() - offset;
        beatLength = Math.min(lanes, remaining);
        ports.tdata().setBytes(current.unsafeData(), offset, beatLength);
        if (tkeep != null) tkeep.set(beatLength == 64 ? -1L : (1L << beatLength) - 1);
        if (tlast != null) tlast.set(remaining <= lanes);
        ports.tvalid().set(true);
        presenting = true;
    }

    @Override
    public void sample(long cycle) {
        if (!presenting) return;
        if (tready != null && !tready.isHigh()) return;
        offset += beatLength;
        presenting = false;
        if (offset == current.length()) {
            AxiStreamFrame done = current;
            current = null;
            offset = 0;
            framesSent++;
            onSent.accept(done);
        }
    }
}
