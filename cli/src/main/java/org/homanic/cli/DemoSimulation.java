package org.homanic.cli;

import org.homanic.hdl.Verilog;
import org.homanic.testbench.AxiStreamFrame;
import org.homanic.testbench.AxiStreamPorts;
import org.homanic.testbench.AxiStreamSink;
import org.homanic.testbench.AxiStreamSource;
import org.homanic.testbench.ClockedBench;
import org.homanic.testbench.Model;
import org.homanic.testbench.Simulator;
import org.homanic.testbench.VerilogDesign;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The demo's simulation step: random frames through an AXI-Stream design in Verilator, driven
 * from Java with random gaps and back-pressure, and every frame checked at the output.
 */
final class DemoSimulation {
    private DemoSimulation() {}

    record Result(int frames, long bytes, long cycles, double beatsPerCycle, double cyclesPerSecond) {}

    static Result run(Verilog.Design design, long seed, int frames, int maxBytes) {
        Model model = Model.load(VerilogDesign.of(design));
        try (Simulator sim = model.newSimulator()) {
            Random random = new Random(seed);
            sim.reset(2);
            sim.port("s_axis_tuser").set(0);
            AxiStreamSource source = new AxiStreamSource(AxiStreamPorts.of(sim, "s_axis_"), random).gaps(0.1);
            AxiStreamSink sink = new AxiStreamSink(AxiStreamPorts.of(sim, "m_axis_"), random).backPressure(0.1);
            ClockedBench bench = new ClockedBench(sim).add(source, sink);
            List<AxiStreamFrame> sent = new ArrayList<>();
            long bytes = 0;
            for (int i = 0; i < frames; i++) {
                byte[] data = new byte[64 + random.nextInt(maxBytes - 63)];
                random.nextBytes(data);
                sent.add(new AxiStreamFrame(data));
                bytes += data.length;
            }
            sent.forEach(source::send);
            long startCycle = sim.cycle();
            long start = System.nanoTime();
            bench.runUntil(() -> sink.received().size() == sent.size(), 100L * bytes);
            double seconds = (System.nanoTime() - start) / 1e9;
            long cycles = sim.cycle() - startCycle;
            if (!sink.received().equals(sent)) {
                throw new CliException("simulation of " + design.top() + ": the frames that came out differ from those sent");
            }
            long beats = 0;
            int lanes = AxiStreamPorts.of(sim, "s_axis_").lanes();
            for (AxiStreamFrame f : sent) {
                beats += (f.length() + lanes - 1) / lanes;
            }
            return new Result(frames, bytes, cycles, (double) beats / cycles, cycles / seconds);
        }
    }
}
