package org.homanic.rtl.classifier;

import org.homanic.hdl.Verilog;
import org.homanic.protocol.wire.DataView;
import org.homanic.protocol.wire.FrameBuilder;
import org.homanic.protocol.wire.HomaView;
import org.homanic.protocol.wire.PacketType;
import org.homanic.testbench.BuildOptions;
import org.homanic.testbench.Model;
import org.homanic.testbench.Port;
import org.homanic.testbench.Simulator;
import org.homanic.testbench.VerilogDesign;

import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Throughput and latency of both directions in simulation: back-to-back valid Homa frames of one
 * size (one beat per cycle, no idle cycles), the host side (ingress) or the MAC (egress) always
 * ready. Reports packets and beats per cycle from the first input beat to the last output beat,
 * the first-beat latency of each frame (cycles from its first beat in to its first beat out) and
 * the drops.
 */
public final class ClassifierBench {
    private ClassifierBench() {}

    public record Row(String direction, int frameBytes, int frames, int beatsPerFrame, long cycles,
                      double packetsPerCycle, double beatsPerCycle, long minLatency, long maxLatency, long drops) {}

    public static final int[] SIZES = {64, 65, 128, 256, 512, 1024, 1518, 4096, 9018};

    /** A valid Homa frame of exactly {@code size} bytes: BUSY padded below 90 bytes, else DATA. */
    public static byte[] frame(int size) {
        byte[] homa;
        if (size < 90) {
            homa = new byte[28];
            new HomaView().wrap(MemorySegment.ofArray(homa), 0).initCommon(PacketType.BUSY, 1000, 2000, 42);
        } else {
            homa = new byte[size - 34];
            MemorySegment s = MemorySegment.ofArray(homa);
            new HomaView().wrap(s, 0).initCommon(PacketType.DATA, 1000, 2000, 42);
            new DataView().wrap(s, 0).messageLength(1_000_000).incoming(40_000).segOffset(0);
        }
        byte[] f = new FrameBuilder().priority(5).build(homa);
        return f.length >= size ? f : java.util.Arrays.copyOf(f, size);
    }

    static Model model(Verilog.Design d) {
        return Model.load(new VerilogDesign(d.top(), new LinkedHashMap<>(d.verilogFiles())), BuildOptions.FASTEST);
    }

    public static List<Row> ingress(int width, int frames) {
        IngressClassifier.Params p = new IngressClassifier.Params(width, 8, 16384, 16384, 64);
        List<Row> rows = new ArrayList<>();
        try (Simulator sim = model(Verilog.emit(new IngressClassifier(p))).newSimulator()) {
            sim.reset(2);
            for (int q = 0; q <= p.queues(); q++) {
                sim.port("m_axis_" + q + "_tready").set(true);
                sim.port("m_meta_" + q + "_ready").set(true);
            }
            sim.port("m_event_ready").set(true);
            sim.port("cfg_queue_limit").set(0xFFFF);
            Port[] outValid = new Port[p.queues() + 1], outLast = new Port[p.queues() + 1];
            for (int q = 0; q <= p.queues(); q++) {
                outValid[q] = sim.port("m_axis_" + q + "_tvalid");
                outLast[q] = sim.port("m_axis_" + q + "_tlast");
            }
            for (int size : SIZES) {
                long[] before = new long[IngressCounter.ALL.size()];
                for (int i = 0; i < before.length; i++) before[i] = sim.port("counters_" + i).get();
                Row r = run(sim, "ingress", "s_axis_", outValid, outLast, p.beatBytes(), size, frames);
                long drops = 0;
                for (int i : new int[] {IngressCounter.BUFFER_FULL, IngressCounter.HOST_QUEUE_FULL}) {
                    drops += sim.port("counters_" + i).get() - before[i];
                }
                rows.add(new Row(r.direction(), r.frameBytes(), r.frames(), r.beatsPerFrame(), r.cycles(), r.packetsPerCycle(),
                        r.beatsPerCycle(), r.minLatency(), r.maxLatency(), drops + (frames - r.frames())));
            }
        }
        return rows;
    }

    public static List<Row> egress(int width, int frames) {
        EgressClassifier.Params p = new EgressClassifier.Params(width, 16384, 16384, 4, 16);
        List<Row> rows = new ArrayList<>();
        try (Simulator sim = model(Verilog.emit(new EgressClassifier(p))).newSimulator()) {
            sim.reset(2);
            sim.port("cfg_priority_map").set(ClassifierRegisters.IDENTITY_MAP);
            sim.port("cfg_unsched_bytes").set(40_000);
            sim.port("m_axis_tready").set(true);
            sim.port("cfg_level_limit").set(0xFFFF);
            Port[] outValid = {sim.port("m_axis_tvalid")}, outLast = {sim.port("m_axis_tlast")};
            for (int size : SIZES) {
                long before = sim.port("counters_" + EgressCounter.QUEUE_FULL).get()
                        + sim.port("counters_" + EgressCounter.STAGING_FULL).get();
                Row r = run(sim, "egress", "s_axis_", outValid, outLast, p.beatBytes(), size, frames);
                long drops = sim.port("counters_" + EgressCounter.QUEUE_FULL).get()
                        + sim.port("counters_" + EgressCounter.STAGING_FULL).get() - before;
                rows.add(new Row(r.direction(), r.frameBytes(), r.frames(), r.beatsPerFrame(), r.cycles(), r.packetsPerCycle(),
                        r.beatsPerCycle(), r.minLatency(), r.maxLatency(), drops + (frames - r.frames())));
            }
        }
        return rows;
    }

    private static Row run(Simulator sim, String direction, String in, Port[] outValid, Port[] outLast, int lanes,
                           int size, int frames) {
        byte[] f = frame(size);
        int beats = (f.length + lanes - 1) / lanes;
        Port valid = sim.port(in + "tvalid"), data = sim.port(in + "tdata"), keep = sim.port(in + "tkeep"),
                last = sim.port(in + "tlast");
        byte[] keepBytes = new byte[Math.max(1, lanes / 8)];
        ArrayDeque<Long> starts = new ArrayDeque<>();
        boolean[] inPacket = new boolean[outValid.length];
        long minLat = Long.MAX_VALUE, maxLat = 0, firstIn = -1, lastOut = -1, firstOut = -1;
        int received = 0, sentBeats = 0;
        long cycle = 0, idle = 0;
        while (idle < 200) {
            boolean sending = sentBeats < frames * beats;
            if (sending) {
                int off = (sentBeats % beats) * lanes;
                int n = Math.min(lanes, f.length - off);
                data.setBytes(f, off, n);
                java.util.Arrays.fill(keepBytes, (byte) 0);
                for (int i = 0; i < n; i++) keepBytes[i >> 3] |= (byte) (1 << (i & 7));
                keep.setBytes(keepBytes, 0, keepBytes.length);
                last.set(off + n == f.length);
                valid.set(true);
                if (off == 0) starts.add(cycle);
                if (firstIn < 0) firstIn = cycle;
                sentBeats++;
            } else {
                valid.set(false);
            }
            boolean any = false;
            for (int q = 0; q < outValid.length; q++) {
                if (outValid[q].isHigh()) {          // every output is always ready
                    any = true;
                    if (!inPacket[q]) {
                        long lat = cycle - starts.poll();
                        minLat = Math.min(minLat, lat);
                        maxLat = Math.max(maxLat, lat);
                    }
                    inPacket[q] = !outLast[q].isHigh();
                    if (outLast[q].isHigh()) {
                        received++;
                        lastOut = cycle;
                        if (firstOut < 0) firstOut = cycle;
                    }
                }
            }
            sim.tick();
            cycle++;
            idle = sending || any ? 0 : idle + 1;
        }
        // Steady state: packets per cycle between the ends of the first and the last packet out.
        long span = Math.max(1, lastOut - firstOut);
        double ppc = (received - 1) / (double) span;
        return new Row(direction, size, received, beats, lastOut - firstIn + 1, ppc, ppc * beats, minLat, maxLat, 0);
    }
}
