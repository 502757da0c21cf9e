package org.homanic.testbench.hdl;

import org.homanic.hdl.Axis;
import org.homanic.hdl.Module;
import org.homanic.hdl.constructs.Hierarchy;
import org.homanic.hdl.examples.AxisPipeline;
import org.homanic.hdl.examples.PacketPriorityArbiter;
import org.homanic.hdl.lib.Arbiter;
import org.homanic.hdl.lib.Demux;
import org.homanic.hdl.lib.Fifo;
import org.homanic.hdl.lib.PacketFifo;
import org.homanic.testbench.AxiStreamFrame;
import org.homanic.testbench.AxiStreamPorts;
import org.homanic.testbench.AxiStreamSink;
import org.homanic.testbench.AxiStreamSource;
import org.homanic.testbench.ClockedBench;
import org.homanic.testbench.Simulator;
import org.homanic.testbench.junit.HdlDesign;
import org.homanic.testbench.junit.Seed;
import org.homanic.testbench.junit.VerilatorTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.homanic.hdl.Hdl.UInt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hdl's stream library in simulation: words arrive in order and none is lost or
 * duplicated under random gaps and back-pressure; arbiters follow their policy; full-speed
 * paths move one word per cycle.
 */
class StreamLibrarySimTest {

    /** Runs one source into one sink through the design until every word is out. */
    private static List<Long> pass(Simulator sim, StreamPorts.Source source, StreamPorts.Sink sink, int words) {
        for (long cycle = 0; sink.received.size() < words; cycle++) {
            assertTrue(cycle < 50L * words + 1000, "stalled with " + sink.received.size() + " of " + words);
            source.drive();
            sink.drive();
            sim.eval();
            boolean in = source.fires();
            boolean out = sink.fires();
            if (out) {
                sink.take();
            }
            sim.tick();
            source.advance(in);
        }
        return sink.received;
    }

    public static final class Slices extends HdlDesign {
        @Override
        protected Module build() {
            return new Hierarchy();
        }
    }

    @Test
    @VerilatorTest(design = Slices.class)
    void registerSlicesKeepOrderUnderBackPressure(Simulator sim, Seed seed) {
        Random random = seed.random();
        sim.reset(2);
        StreamPorts.Source source = new StreamPorts.Source(sim, "wideIn", random, 0.3);
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            long w = random.nextLong() & 0xffffffffL;
            sent.add(w);
            source.queue.add(w);
        }
        sim.port("narrowIn_valid").set(false);
        sim.port("narrowOut_ready").set(true);
        assertEquals(sent, pass(sim, source, new StreamPorts.Sink(sim, "wideOut", random, 0.4), sent.size()));
    }

    @Test
    @VerilatorTest(design = Slices.class)
    void registerSlicesMoveOneWordPerCycle(Simulator sim) {
        sim.reset(2);
        sim.port("narrowIn_valid").set(true);
        sim.port("narrowOut_ready").set(true);
        sim.port("wideIn_valid").set(false);
        sim.port("wideOut_ready").set(true);
        int moved = 0;
        for (int i = 0; i < 100; i++) {
            sim.port("narrowIn_payload").set(i & 0xff);
            sim.eval();
            assertTrue(sim.port("narrowIn_ready").isHigh(), "a slice never refuses while the output drains");
            if (sim.port("narrowOut_valid").isHigh()) {
                moved++;
            }
            sim.tick();
        }
        assertTrue(moved >= 96, "after the pipeline fills, one word per cycle: " + moved);
    }

    public static final class Queue extends HdlDesign {
        @Override
        protected Module build() {
            return new Fifo<>(() -> UInt(24), 16);
        }
    }

    @Test
    @VerilatorTest(design = Queue.class)
    void fifoKeepsOrderAndReportsItsLevel(Simulator sim, Seed seed) {
        Random random = seed.random();
        sim.reset(2);
        StreamPorts.Source source = new StreamPorts.Source(sim, "in", random, 0.2);
        StreamPorts.Sink sink = new StreamPorts.Sink(sim, "out", random, 0.6);
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            long w = random.nextInt(1 << 24);
            sent.add(w);
            source.queue.add(w);
        }
        assertEquals(sent, pass(sim, source, sink, sent.size()));
        assertEquals(0, sim.port("level").get(), "empty at the end");
    }

    public static final class RoundRobin extends HdlDesign {
        @Override
        protected Module build() {
            return new Arbiter<>(() -> UInt(16), 3, Arbiter.Policy.ROUND_ROBIN, null);
        }
    }

    @Test
    @VerilatorTest(design = RoundRobin.class)
    void roundRobinServesBusyInputsInTurn(Simulator sim) {
        sim.reset(2);
        for (int i = 0; i < 3; i++) {
            sim.port("in_" + i + "_valid").set(true);
            sim.port("in_" + i + "_payload").set(100 + i);
        }
        sim.port("out_ready").set(true);
        List<Long> order = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            sim.eval();
            order.add(sim.port("out_payload").get());
            sim.tick();
        }
        assertEquals(List.of(100L, 101L, 102L, 100L, 101L, 102L, 100L, 101L, 102L), order);
    }

    public static final class Priority extends HdlDesign {
        @Override
        protected Module build() {
            // Without packets the priority arbiter has no state: purely combinational, no clock.
            return new Arbiter<>(() -> UInt(16), 3, Arbiter.Policy.PRIORITY, null);
        }
    }

    @Test
    @VerilatorTest(design = Priority.class)
    void priorityArbiterAlwaysServesTheLowestValidInput(Simulator sim, Seed seed) {
        Random random = seed.random();
        sim.port("out_ready").set(true);
        for (int i = 0; i < 1000; i++) {
            int mask = random.nextInt(8);
            for (int in = 0; in < 3; in++) {
                sim.port("in_" + in + "_valid").set((mask >> in & 1) == 1);
                sim.port("in_" + in + "_payload").set(in);
            }
            sim.eval();
            assertEquals(mask != 0 ? 1 : 0, sim.port("out_valid").get());
            if (mask != 0) {
                int winner = Integer.numberOfTrailingZeros(mask);
                assertEquals(winner, sim.port("out_payload").get(), "valid inputs " + Integer.toBinaryString(mask));
                assertEquals(1, sim.port("in_" + winner + "_ready").get());
            }
        }
    }

    public static final class Steer extends HdlDesign {
        @Override
        protected Module build() {
            return new Demux<>(() -> UInt(16), 3);
        }
    }

    @Test
    @VerilatorTest(design = Steer.class)
    void demuxSteersBySelectorAndDropsOutOfRange(Simulator sim, Seed seed) {
        Random random = seed.random();
        for (int i = 0; i < 1000; i++) {
            int select = random.nextInt(4);
            boolean[] ready = {random.nextBoolean(), random.nextBoolean(), random.nextBoolean()};
            sim.port("in_valid").set(true);
            sim.port("in_payload").set(i);
            sim.port("select").set(select);
            for (int o = 0; o < 3; o++) {
                sim.port("out_" + o + "_ready").set(ready[o]);
            }
            sim.eval();
            for (int o = 0; o < 3; o++) {
                assertEquals(o == select ? 1 : 0, sim.port("out_" + o + "_valid").get(), "output " + o);
            }
            assertEquals(select == 3 || ready[select] ? 1 : 0, sim.port("in_ready").get());
            assertEquals(select == 3 ? 1 : 0, sim.port("dropped").get());
        }
    }

    public static final class Pipeline extends HdlDesign {
        @Override
        protected Module build() {
            return new AxisPipeline(64, 1, 32);
        }
    }

    private static List<AxiStreamFrame> randomFrames(Random random, int count, int maxBytes) {
        List<AxiStreamFrame> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] data = new byte[1 + random.nextInt(maxBytes)];
            random.nextBytes(data);
            frames.add(new AxiStreamFrame(data));
        }
        return frames;
    }

    @Test
    @VerilatorTest(design = Pipeline.class)
    void axisPipelineDeliversEveryFrameWhole(Simulator sim, Seed seed) {
        Random random = seed.random();
        sim.reset(2);
        AxiStreamSource source = new AxiStreamSource(AxiStreamPorts.of(sim, "s_axis_"), random).gaps(0.3);
        AxiStreamSink sink = new AxiStreamSink(AxiStreamPorts.of(sim, "m_axis_"), random).backPressure(0.3);
        sim.port("s_axis_tuser").set(0);
        ClockedBench bench = new ClockedBench(sim).add(source, sink);
        List<AxiStreamFrame> frames = randomFrames(random, 200, 300);
        frames.forEach(source::send);
        bench.runUntil(() -> sink.received().size() == frames.size(), 200_000);
        assertEquals(frames, sink.received());
    }

    public static final class WidePipeline extends HdlDesign {
        @Override
        protected Module build() {
            return new AxisPipeline(1024, 1, 16);
        }
    }

    @Test
    @VerilatorTest(design = WidePipeline.class)
    void axiStreamHelpersHandle128ByteLanes(Simulator sim, Seed seed) {
        Random random = seed.random();
        sim.reset(2);
        sim.port("s_axis_tuser").set(0);
        AxiStreamSource source = new AxiStreamSource(AxiStreamPorts.of(sim, "s_axis_"), random).gaps(0.2);
        AxiStreamSink sink = new AxiStreamSink(AxiStreamPorts.of(sim, "m_axis_"), random).backPressure(0.2);
        ClockedBench bench = new ClockedBench(sim).add(source, sink);
        List<AxiStreamFrame> frames = randomFrames(random, 60, 700);
        frames.forEach(source::send);
        bench.runUntil(() -> sink.received().size() == frames.size(), 100_000);
        assertEquals(frames, sink.received(), "frames of every length, including partial 128-lane beats");
    }

    public static final class Arbitrated extends HdlDesign {
        @Override
        protected Module build() {
            return new PacketPriorityArbiter(3, 64);
        }
    }

    @Test
    @VerilatorTest(design = Arbitrated.class)
    void packetArbiterNeverInterleavesPackets(Simulator sim, Seed seed) {
        Random random = seed.random();
        sim.reset(2);
        List<AxiStreamSource> sources = new ArrayList<>();
        List<AxiStreamFrame> all = new ArrayList<>();
        ClockedBench bench = new ClockedBench(sim);
        for (int i = 0; i < 3; i++) {
            sim.port("s_axis_" + i + "_tuser").set(0);
            AxiStreamSource s = new AxiStreamSource(AxiStreamPorts.of(sim, "s_axis_" + i + "_"), random).gaps(0.2);
            sources.add(s);
            bench.add(s);
            for (AxiStreamFrame f : randomFrames(random, 40, 200)) {
                // Each frame carries its input number in its first byte, to tell them apart
                // (data() is a copy: the tagged bytes make a new frame).
                byte[] data = f.data();
                data[0] = (byte) i;
                AxiStreamFrame tagged = new AxiStreamFrame(data);
                s.send(tagged);
                all.add(tagged);
            }
        }
        AxiStreamSink sink = new AxiStreamSink(AxiStreamPorts.of(sim, "m_axis_"), random).backPressure(0.3);
        bench.add(sink);
        bench.runUntil(() -> sink.received().size() == all.size(), 400_000);
        // Whole frames come out (a interleaved frame would not equal any frame sent), each input in order.
        for (int i = 0; i < 3; i++) {
            int input = i;
            List<AxiStreamFrame> sent = all.stream().filter(f -> f.data()[0] == input).toList();
            List<AxiStreamFrame> got = sink.received().stream().filter(f -> f.data()[0] == input).toList();
            assertEquals(40, sent.size(), "every frame of input " + i + " tagged");
            assertEquals(sent, got, "frames of input " + i);
        }
    }

    public static final class Packets extends HdlDesign {
        @Override
        protected Module build() {
            return new PacketFifo<>(() -> new Axis.Beat(64, 1), 16, beat -> beat.last);
        }
    }

    @Test
    @VerilatorTest(design = Packets.class)
    void packetFifoStoresWholePacketsOrDropsThemWhole(Simulator sim, Seed seed) {
        Random random = seed.random();
        sim.reset(2);
        // Word = packet number << 8 | words left; packets of 1..12 words into 16 slots, a slow reader.
        List<List<Long>> good = new ArrayList<>();
        List<Long> current = new ArrayList<>();
        List<Long> out = new ArrayList<>();
        int packets = 0;
        int bad = 0;
        int droppedFull = 0;
        int droppedBad = 0;
        int remaining = 0;
        boolean markBad = false;
        for (int cycle = 0; cycle < 30_000; cycle++) {
            boolean stimulus = cycle < 20_000;
            boolean send = stimulus && random.nextInt(3) != 0;
            if (send && remaining == 0) {
                remaining = 1 + random.nextInt(12);
                markBad = random.nextInt(10) == 0;
                packets++;
                current = new ArrayList<>();
            }
            boolean valid = send && remaining > 0;
            long word = (long) packets << 8 | remaining;
            boolean last = remaining == 1;
            sim.port("in_valid").set(valid);
            sim.port("in_payload_data").set(word);
            sim.port("in_payload_last").set(last);
            sim.port("bad").set(markBad && last);
            sim.port("out_ready").set(!stimulus || random.nextInt(4) == 0);
            sim.eval();
            assertEquals(1, sim.port("in_ready").get(), "never back-pressures");
            if (sim.port("out_valid").isHigh() && sim.port("out_ready").isHigh()) {
                out.add(sim.port("out_payload_data").get());
            }
            droppedFull += (int) sim.port("droppedFull").get();
            droppedBad += (int) sim.port("droppedBad").get();
            sim.tick();
            if (valid) {
                current.add(word);
                remaining--;
                if (last && markBad) {
                    bad++;
                } else if (last) {
                    good.add(current);
                }
            }
        }
        // What comes out is a sequence of whole good packets, in the order they were sent.
        int o = 0;
        int delivered = 0;
        for (List<Long> p : good) {
            if (o < out.size() && out.get(o).equals(p.getFirst())) {
                assertEquals(p, out.subList(o, Math.min(out.size(), o + p.size())), "a packet comes out whole");
                o += p.size();
                delivered++;
            }
        }
        assertEquals(out.size(), o, "nothing but whole good packets, in order");
        // A packet still being sent when the stimulus stopped is neither; count only finished ones.
        assertEquals(good.size() + bad, delivered + droppedFull + droppedBad,
                "every finished packet is delivered or counted as dropped");
        assertTrue(droppedBad <= bad && droppedBad > 0, "bad packets are dropped: " + droppedBad + " of " + bad);
        assertTrue(droppedFull > 0, "the slow reader makes the FIFO overflow sometimes");
        assertTrue(delivered > good.size() / 4, "many packets get through: " + delivered + " of " + good.size());
    }
}
