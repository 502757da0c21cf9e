package org.homanic.rtl.nic.sim;

import java.util.ArrayDeque;

/**
 * An output-queued Ethernet switch: every port has eight strict-priority queues (by the IP
 * priority bits, TOS / traffic class 7..5) sharing one byte budget, serializes at the link rate
 * and delivers after the propagation delay. Store and forward; a frame that finds its port's
 * budget used up is dropped and counted. Time is in NIC clock cycles.
 */
public final class SwitchModel {
    /** Bytes a frame occupies on the wire beyond its own: preamble, SFD, FCS, inter-frame gap. */
    public static final int WIRE_OVERHEAD = 24;

    private record Queued(byte[] frame, int from) {}

    /** Where frames go once they leave a port. */
    public interface Sink {
        void deliver(int port, byte[] frame, long atCycle, int from);
    }

    private final int ports;
    private final double bytesPerCycle;
    private final long propagationCycles;
    private final long portBufferBytes;
    private final Sink sink;
    @SuppressWarnings("unchecked")
    private final ArrayDeque<Queued>[][] queues;
    private final long[] queuedBytes;
    private final long[] busyUntil;
    private final long[] priorityFrames = new long[8];
    private long dropsBufferFull;
    private long dropsNoRoute;
    private long forwarded;

    public SwitchModel(int ports, double linkGbps, double clockNs, long propagationCycles, long portBufferBytes, Sink sink) {
        if (ports < 2) throw new IllegalArgumentException("a switch needs at least two ports");
        if (linkGbps <= 0) throw new IllegalArgumentException("link rate must be positive");
        this.ports = ports;
        this.bytesPerCycle = linkGbps * clockNs / 8;
        this.propagationCycles = propagationCycles;
        this.portBufferBytes = portBufferBytes;
        this.sink = sink;
        this.queues = new ArrayDeque[ports][8];
        for (int p = 0; p < ports; p++) for (int l = 0; l < 8; l++) queues[p][l] = new ArrayDeque<>();
        this.queuedBytes = new long[ports];
        this.busyUntil = new long[ports];
    }

    /** Cycles a frame of {@code bytes} occupies a link. */
    public long serializationCycles(int bytes) {
        return (long) Math.ceil((bytes + WIRE_OVERHEAD) / bytesPerCycle);
    }

    /** A whole frame arrived from {@code fromPort}; it is queued at the port of its IPv4 destination. */
    public void arrive(byte[] frame, int fromPort) {
        int dst = frame.length >= 34 && frame[12] == 0x08 && frame[13] == 0x00
                ? NicDatapath.hostOf(((frame[30] & 0xFF) << 24) | ((frame[31] & 0xFF) << 16) | ((frame[32] & 0xFF) << 8) | (frame[33] & 0xFF))
                : -1;
        if (dst < 0 || dst >= ports) {
            dropsNoRoute++;
            return;
        }
        if (queuedBytes[dst] + frame.length > portBufferBytes) {
            dropsBufferFull++;
            return;
        }
        int level = (frame[15] & 0xFF) >>> 5;
        queues[dst][level].add(new Queued(frame, fromPort));
        queuedBytes[dst] += frame.length;
    }

    /** Starts the next frame on every idle port (strict priority, 7 first). */
    public void cycle(long now) {
        for (int p = 0; p < ports; p++) {
            if (busyUntil[p] > now || queuedBytes[p] == 0) continue;
            for (int l = 7; l >= 0; l--) {
                Queued q = queues[p][l].poll();
                if (q == null) continue;
                queuedBytes[p] -= q.frame().length;
                busyUntil[p] = now + serializationCycles(q.frame().length);
                priorityFrames[l]++;
                forwarded++;
                sink.deliver(p, q.frame(), busyUntil[p] + propagationCycles, q.from());
                break;
            }
        }
    }

    public boolean idle(long now) {
        for (int p = 0; p < ports; p++) if (queuedBytes[p] > 0 || busyUntil[p] > now) return false;
        return true;
    }

    public long dropsBufferFull() { return dropsBufferFull; }
    public long dropsNoRoute() { return dropsNoRoute; }
    public long forwarded() { return forwarded; }
    /** Frames sent per priority level, 0..7. */
    public long[] priorityFrames() { return priorityFrames.clone(); }
    public long queuedBytes(int port) { return queuedBytes[port]; }
}
