package org.homanic.host.bench;

import org.homanic.host.pool.BufferPool;
import org.homanic.host.pool.MessageBuffer;
import org.homanic.host.rx.IncomingMessage;
import org.homanic.protocol.wire.DataView;
import org.homanic.protocol.wire.FrameParser;
import org.homanic.protocol.wire.HomaConstants;
import org.homanic.protocol.wire.PacketType;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Random;

/**
 * Single-thread throughput of the receive path for MTU-sized DATA packets: validate each
 * packet ({@link FrameParser}), apply the reassembly rule and copy the payload into the
 * message's bpages ({@link IncomingMessage}), with a bpage allocation and release per message.
 * The yardstick is {@code MemorySegment.copy} of the same payload bytes in the same
 * packet-sized pieces into one plain region, measured in the same run: the ratio says how much
 * the bookkeeping costs over the copy that cannot be avoided.
 */
public final class ReassemblyBench {

    /** @param messageBytes length of each message; @param payloadPerPacket bytes of message data per DATA packet */
    public record Setup(int messageBytes, int payloadPerPacket, boolean shuffled, long warmupMillis, long measureMillis,
                        int repetitions, long seed) {
        public Setup {
            if (messageBytes < 1 || messageBytes > HomaConstants.MAX_MESSAGE_LENGTH) throw new IllegalArgumentException("message bytes must be 1..1000000");
            if (payloadPerPacket < 1 || payloadPerPacket > 65_000) throw new IllegalArgumentException("payload per packet must be 1..65000");
            if (repetitions < 1 || measureMillis < 1 || warmupMillis < 0) throw new IllegalArgumentException("need at least one repetition of at least 1 ms");
        }

        /** 1,000,000-byte messages in 1424-byte packets (1500-byte MTU, IPv4), in order. */
        public static Setup defaults() {
            return new Setup(HomaConstants.MAX_MESSAGE_LENGTH, 1424, false, 1000, 200, 9, 1);
        }
    }

    /** Medians over the repetitions, in GB/s (10^9 bytes of message data per second). */
    public record Result(Setup setup, int packetsPerMessage, double reassemblyGBps, double copyGBps,
                         double[] reassemblySamples, double[] copySamples) {
        public double ratio() { return reassemblyGBps / copyGBps; }
    }

    private final Setup setup;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment packets;
    private final long[] packetStart;
    private final int[] packetLength;
    private final BufferPool pool;
    private final MemorySegment copyTarget;
    private final FrameParser parser = new FrameParser();
    private final DataView data = new DataView();
    /** Keeps the JIT from discarding work whose result nobody reads. */
    private long sink;

    public ReassemblyBench(Setup setup) {
        this.setup = setup;
        int n = (setup.messageBytes() + setup.payloadPerPacket() - 1) / setup.payloadPerPacket();
        int slot = DataView.HEADER_LENGTH + setup.payloadPerPacket();
        packets = arena.allocate((long) n * slot, 64);
        packetStart = new long[n];
        packetLength = new int[n];
        Random random = new Random(setup.seed());
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        if (setup.shuffled()) java.util.Collections.shuffle(Arrays.asList(order), random);
        byte[] payload = new byte[setup.payloadPerPacket()];
        for (int k = 0; k < n; k++) {
            int i = order[k];
            long offset = (long) i * setup.payloadPerPacket();
            int count = (int) Math.min(setup.payloadPerPacket(), setup.messageBytes() - offset);
            long at = (long) k * slot;
            data.wrap(packets, at).initCommon(PacketType.DATA, 40_000, 100, 2);
            data.messageLength(setup.messageBytes()).incoming(setup.messageBytes()).segOffset(offset);
            random.nextBytes(payload);
            MemorySegment.copy(MemorySegment.ofArray(payload), 0, packets, at + DataView.HEADER_LENGTH, count);
            packetStart[k] = at;
            packetLength[k] = DataView.HEADER_LENGTH + count;
        }
        pool = new BufferPool(arena, 64L * BufferPool.BPAGE_SIZE);
        copyTarget = arena.allocate(setup.messageBytes(), 4096);
    }

    /** Reassembles one message from all its packets; returns the bytes placed. */
    long reassembleOnce() {
        int length = setup.messageBytes();
        MessageBuffer pages = pool.allocate(length);
        IncomingMessage in = new IncomingMessage(length, length, 0);
        in.attach(pages);
        for (int k = 0; k < packetStart.length; k++) {
            long at = packetStart[k];
            if (!parser.parseHoma(packets, at, packetLength[k])) throw new IllegalStateException("bench packet refused: " + parser.rejection());
            data.wrap(packets, at);
            if (!in.accept(packets, at + DataView.HEADER_LENGTH, data.offset(), parser.payloadLength()).kept()) {
                throw new IllegalStateException("bench packet dropped");
            }
        }
        if (!in.complete()) throw new IllegalStateException("bench message incomplete");
        sink += pages.get(length - 1);
        pool.release(pages);
        return length;
    }

    /** The same payload bytes, in the same pieces, copied to one plain region. */
    long copyOnce() {
        for (int k = 0; k < packetStart.length; k++) {
            long at = packetStart[k];
            int count = packetLength[k] - DataView.HEADER_LENGTH;
            long offset = data.wrap(packets, at).offset();
            MemorySegment.copy(packets, at + DataView.HEADER_LENGTH, copyTarget, offset, count);
        }
        sink += copyTarget.get(java.lang.foreign.ValueLayout.JAVA_BYTE, setup.messageBytes() - 1);
        return setup.messageBytes();
    }

    /** Bytes per second of {@code op} run repeatedly for about {@code millis}. */
    private static double rate(java.util.function.LongSupplier op, long millis) {
        long bytes = 0;
        long start = System.nanoTime();
        long end = start + millis * 1_000_000;
        long now;
        do {
            for (int i = 0; i < 8; i++) bytes += op.getAsLong();
            now = System.nanoTime();
        } while (now < end);
        return bytes / ((now - start) / 1e9);
    }

    /**
     * Warm-up of both paths, then alternating repetitions (so drift in machine load hits both
     * alike); medians in GB/s.
     */
    public Result run() {
        long warmEnd = System.nanoTime() + setup.warmupMillis() * 1_000_000;
        while (System.nanoTime() < warmEnd) {
            reassembleOnce();
            copyOnce();
        }
        double[] re = new double[setup.repetitions()];
        double[] cp = new double[setup.repetitions()];
        for (int r = 0; r < setup.repetitions(); r++) {
            re[r] = rate(this::reassembleOnce, setup.measureMillis()) / 1e9;
            cp[r] = rate(this::copyOnce, setup.measureMillis()) / 1e9;
        }
        if (sink == 42) System.out.print("");
        return new Result(setup, packetStart.length, median(re), median(cp), re, cp);
    }

    /** Frees the native memory. */
    public void close() {
        arena.close();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
}
