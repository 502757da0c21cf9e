package org.homanic.testbench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Collects frames from a design's AXI-Stream master interface, pulling tready low at random
 * ({@link #backPressure(double)}). Keeps the bytes whose tkeep bit is set, in lane order, so null
 * bytes inside a beat are dropped as AXI-Stream specifies; a frame ends with the beat that has
 * tlast. Each frame goes to the listener with the cycle of its last beat, e.g. to a
 * {@link Scoreboard}.
 */
public final class AxiStreamSink implements Clocked {

    /** Receives each complete frame and the clock cycle in which its last beat was transferred. */
    public interface FrameListener {
        void frame(AxiStreamFrame frame, long cycle);
    }

    private final AxiStreamPorts ports;
    private final Port tkeep, tlast, tready; // null when the interface lacks them
    private final Random random;
    private final byte[] beat;
    private final int lanes;
    private byte[] assembling = new byte[256];
    private int length;
    private double backPressure;
    private FrameListener listener = (f, c) -> {};
    private final List<AxiStreamFrame> received = new ArrayList<>();
    private boolean keepFrames = true;

    public AxiStreamSink(AxiStreamPorts ports, Random random) {
        this.ports = ports;
        this.tkeep = ports.tkeep().orElse(null);
        this.tlast = ports.tlast().orElse(null);
        this.tready = ports.tready().orElse(null);
        this.random = random;
        this.lanes = ports.lanes();
        this.beat = new byte[lanes];
    }

    /** Probability that tready is low in a cycle. */
    public AxiStreamSink backPressure(double probability) {
        this.backPressure = probability;
        return this;
    }

    public AxiStreamSink onFrame(FrameListener listener) {
        this.listener = listener;
        return this;
    }

    /** Whether to keep received frames for {@link #received()} (on by default; off for long runs). */
    public AxiStreamSink keepFrames(boolean keep) {
        this.keepFrames = keep;
        return this;
    }

    public List<AxiStreamFrame> received() {
        return received;
    }

    @Override
    public void drive() {
        if (tready != null) tready.set(!(random.nextDouble() < backPressure));
    }

    @Override
    public void sample(long cycle) {
        if (!ports.tvalid().isHigh()) return;
        if (tready != null && !tready.isHigh()) return;
        ports.tdata().getBytes(beat, 0);
        long keep = tkeep != null ? tkeep.get() : -1L;
        if (length + lanes > assembling.length) assembling = Arrays.copyOf(assembling, assembling.length * 2);
        for (int lane = 0; lane < lanes; lane++) {
            if ((keep >>> lane & 1) != 0) assembling[length++] = beat[lane];
        }
        if (tlast == null || tlast.isHigh()) {
            AxiStreamFrame frame = new AxiStreamFrame(Arrays.copyOf(assembling, length));
            length = 0;
            if (keepFrames) received.add(frame);
            listener.frame(frame, cycle);
        }
    }
}
