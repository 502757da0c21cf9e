package org.homanic.testbench;

import org.homanic.testbench.junit.Seed;
import org.homanic.testbench.junit.VerilatorTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The AXI-Stream source, sink and scoreboard on a FIFO and a register slice, which must pass frames unchanged. */
@VerilatorTest(top = "axis_fifo", verilog = "axis_fifo.v")
class AxiStreamTest {

    private static List<AxiStreamFrame> randomFrames(Random random, int count, int maxLength) {
        List<AxiStreamFrame> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] data = new byte[1 + random.nextInt(maxLength)];
            random.nextBytes(data);
            frames.add(new AxiStreamFrame(data));
        }
        return frames;
    }

    /** Sends frames with gaps and back-pressure; the reference model of a FIFO is the identity. */
    private static void passesFramesUnchanged(Simulator sim, Seed seed, int frames, int maxLength) {
        Random random = seed.random();
        sim.reset(2);
        Scoreboard<AxiStreamFrame> scoreboard = new Scoreboard<>("m_axis");
        AxiStreamSource source = new AxiStreamSource(AxiStreamPorts.of(sim, "s_axis_"), random).gaps(0.3)
                .onSent(scoreboard::expect);
        AxiStreamSink sink = new AxiStreamSink(AxiStreamPorts.of(sim, "m_axis_"), random).backPressure(0.4)
                .onFrame(scoreboard::actual);
        Port inReady = sim.port("s_axis_tready"), inValid = sim.port("s_axis_tvalid");
        long[] stalls = {0};
        Clocked stallCounter = new Clocked() {
            @Override public void drive() {}
            @Override public void sample(long cycle) { if (inValid.isHigh() && !inReady.isHigh()) stalls[0]++; }
        };
        ClockedBench bench = new ClockedBench(sim).add(source, sink, stallCounter);
        List<AxiStreamFrame> sent = randomFrames(random, frames, maxLength);
        sent.forEach(source::send);
        bench.runUntil(() -> sink.received().size() == frames, 100_000);
        scoreboard.assertDrained();
        assertEquals(frames, scoreboard.matched());
        assertEquals(sent, sink.received());
        assertTrue(stalls[0] > 0, "back-pressure reached the source (the test exercised a full design)");
    }

    @Test
    void fifoPassesRandomFramesUnderBackPressure(Simulator sim, Seed seed) {
        passesFramesUnchanged(sim, seed, 200, 100);
    }

    @Test
    @VerilatorTest(top = "axis_fifo", verilog = "axis_fifo.v", verilatorArgs = "-GDATA_WIDTH=512")
    void fifo512BitsWide(Simulator sim, Seed seed) {
        assertEquals(512, sim.port("m_axis_tdata").width());
        assertEquals(64, sim.port("m_axis_tkeep").width());
        passesFramesUnchanged(sim, seed, 100, 400);
    }

    @Test
    @VerilatorTest(top = "axis_register_slice", verilog = "axis_register_slice.v")
    void registerSlicePassesRandomFramesUnderBackPressure(Simulator sim, Seed seed) {
        passesFramesUnchanged(sim, seed, 200, 100);
    }

    @Test
    @VerilatorTest(top = "axis_register_slice", verilog = "axis_register_slice.v")
    void registerSliceRunsAtOneBeatPerCycle(Simulator sim, Seed seed) {
        sim.reset(2);
        AxiStreamSource source = new AxiStreamSource(AxiStreamPorts.of(sim, "s_axis_"), seed.random());
        AxiStreamSink sink = new AxiStreamSink(AxiStreamPorts.of(sim, "m_axis_"), seed.random());
        ClockedBench bench = new ClockedBench(sim).add(source, sink);
        for (int i = 0; i < 50; i++) source.send(new AxiStreamFrame(new byte[8 * 4])); // 4 beats each
        long start = sim.cycle();
        bench.runUntil(() -> sink.received().size() == 50, 1000);
        // 200 beats, one per cycle, plus one cycle through the slice's register.
        assertEquals(201, sim.cycle() - start);
    }

    @Test
    void scoreboardNamesTheFirstWrongFrameAndItsCycle(Simulator sim, Seed seed) {
        Random random = seed.random();
        sim.reset(2);
        Scoreboard<AxiStreamFrame> scoreboard = new Scoreboard<>("m_axis");
        AxiStreamSource source = new AxiStreamSource(AxiStreamPorts.of(sim, "s_axis_"), random);
        long[] lastFrameCycle = {-1};
        AxiStreamSink sink = new AxiStreamSink(AxiStreamPorts.of(sim, "m_axis_"), random).onFrame((f, cycle) -> {
            lastFrameCycle[0] = cycle;
            scoreboard.actual(f, cycle);
        });
        ClockedBench bench = new ClockedBench(sim).add(source, sink);
        List<AxiStreamFrame> frames = randomFrames(random, 5, 30);
        frames.forEach(source::send);
        // A wrong reference model: its third frame has one byte flipped.
        for (int i = 0; i < frames.size(); i++) {
            byte[] d = frames.get(i).data();
            if (i == 2) d[d.length - 1] ^= 1;
            scoreboard.expect(new AxiStreamFrame(d));
        }
        AssertionError e = assertThrows(AssertionError.class, () -> bench.runUntil(() -> false, 10_000));
        assertTrue(e.getMessage().contains("item #2 differs at cycle " + lastFrameCycle[0]), e.getMessage());
        assertEquals(2, scoreboard.matched());
    }

    @Test
    void sinkDropsNullBytesMarkedByTkeep(Simulator sim) {
        sim.reset(1);
        // Drive the FIFO's input by hand: one beat with lanes 0, 2 and 7 kept.
        sim.port("s_axis_tdata").set(0x8877665544332211L);
        sim.port("s_axis_tkeep").set(0b1000_0101);
        sim.port("s_axis_tlast").set(1);
        sim.port("s_axis_tvalid").set(1);
        sim.tick();
        sim.port("s_axis_tvalid").set(0);
        AxiStreamSink sink = new AxiStreamSink(AxiStreamPorts.of(sim, "m_axis_"), new Random(1));
        new ClockedBench(sim).add(sink).runUntil(() -> !sink.received().isEmpty(), 10);
        assertEquals(new AxiStreamFrame(new byte[] {0x11, 0x33, (byte) 0x88}), sink.received().getFirst());
    }
}
