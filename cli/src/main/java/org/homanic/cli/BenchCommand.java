package org.homanic.cli;

import org.homanic.testbench.SimulationBenchmark;
import org.homanic.rtl.nic.sim.NicPipelineBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code ./homa bench ...}: performance measurements. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure performance.",
        subcommands = {BenchCommand.Sim.class, BenchReassemblyCommand.class, BenchRpcCommand.class, RpcBenchServer.class,
                BenchClassifierCommand.class, BenchGrantSchedulerCommand.class, CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a benchmark is required (sim, reassembly, rpc, classifier, grant-scheduler)");
    }

    /** {@code ./homa bench sim}: the testbench's simulation speed against a plain C++ Verilator harness. */
    @Command(name = "sim", mixinStandardHelpOptions = true,
            description = {"Simulation speed of one Verilated design driven three ways with the same stimulus:",
                    "(a) a plain C++ Verilator harness, (b) Java poking and peeking ports every cycle,",
                    "(c) Java running batches of cycles in native code. Prints cycles/s and the ratios b/a and c/a",
                    "(medians of the repetitions after warm-up, thread CPU time)."})
    static final class Sim implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--stages", defaultValue = "8", description = "Register slices in the AXI-Stream chain (default: ${DEFAULT-VALUE}).")
        int stages;

        @Option(names = "--width", defaultValue = "64", description = "tdata width in bits, 64 or 512 (default: ${DEFAULT-VALUE}).")
        int width;

        @Option(names = "--cycles", defaultValue = "2000000", description = "Cycles per repetition, a multiple of 64 (default: ${DEFAULT-VALUE}).")
        long cycles;

        @Option(names = "--repetitions", defaultValue = "5", description = "Measured repetitions (default: ${DEFAULT-VALUE}).")
        int repetitions;

        @Option(names = "--warmups", defaultValue = "2", description = "Unmeasured repetitions first (default: ${DEFAULT-VALUE}).")
        int warmups;

        @Option(names = "--json", description = "Print one JSON object instead of text.")
        boolean json;

        @Option(names = "--pipeline", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Also measure the 4-host NIC pipeline (default: on; --no-pipeline skips it).")
        boolean pipeline;

        @Option(names = "--pipeline-cycles", defaultValue = "20000", description = "Cycles of the C++ and Java NIC loops (default: ${DEFAULT-VALUE}).")
        long pipelineCycles;

        @Option(names = "--pipeline-messages", defaultValue = "800", description = "W3 RPCs of the simulated-network run (default: ${DEFAULT-VALUE}).")
        long pipelineMessages;

        @Override
        public void run() {
            SimulationBenchmark.Config config;
            try {
                config = new SimulationBenchmark.Config(stages, width, cycles, repetitions, warmups);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            if (pipelineCycles < 100 || pipelineMessages < 10) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--pipeline-cycles >= 100 and --pipeline-messages >= 10");
            }
            SimulationBenchmark.Result r = SimulationBenchmark.run(config);
            NicPipelineBench.Result nic = null;
            if (pipeline) {
                try {
                    nic = NicPipelineBench.run(4, pipelineCycles, pipelineMessages);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(toJson(r, config, nic));
            } else {
                out.printf("simulation benchmark: %s, %d flops, %d lines of Verilated C++%n", r.design(), r.flops(), r.verilatedCppLines());
                out.printf("  %d cycles per repetition, median of %d after %d warm-up(s), thread CPU time%n",
                        r.cycles(), r.repetitions(), config.warmups());
                out.printf("  (a) C++ Verilator harness         %8.2f M cycles/s%n", r.cppCyclesPerSecond() / 1e6);
                out.printf("  (b) Java, per-cycle pokes/peeks   %8.2f M cycles/s   b/a = %.3f%n",
                        r.javaPerCycleCyclesPerSecond() / 1e6, r.ratioPerCycleToCpp());
                out.printf("  (c) Java, batched native stepping %8.2f M cycles/s   c/a = %.3f%n",
                        r.javaBatchedCyclesPerSecond() / 1e6, r.ratioBatchedToCpp());
                if (nic != null) {
                    out.printf("4-host NIC pipeline: 4 Verilated HomaNics (%d bits), network cycles/s (one cycle ticks all four)%n",
                            org.homanic.rtl.nic.sim.SimNetwork.simNic().dataWidth());
                    out.printf("  (a) C++ harness, DATA frames into every MAC RX   %,10.0f cycles/s  (%d frames out)%n", nic.cppCyclesPerSecond(), nic.framesOutCpp());
                    out.printf("  (b) Java harness (SimNic), same stimulus        %,10.0f cycles/s  (%d frames out)  b/a = %.3f%n",
                            nic.javaCyclesPerSecond(), nic.framesOutJava(), nic.ratioJavaToCpp());
                    out.printf("  (c) simulated network: host stacks, switch, %d W3 RPCs at 70%% load %,10.0f cycles/s  c/a = %.3f%n",
                            nic.networkMessages(), nic.networkCyclesPerSecond(), nic.ratioNetworkToCpp());
                }
            }
            out.flush();
        }

        static String toJson(SimulationBenchmark.Result r, SimulationBenchmark.Config config, NicPipelineBench.Result nic) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("design", r.design());
            m.put("flops", r.flops());
            m.put("verilated_cpp_lines", r.verilatedCppLines());
            m.put("cycles", r.cycles());
            m.put("repetitions", r.repetitions());
            m.put("warmups", config.warmups());
            m.put("timing", "thread_cpu_time_median");
            m.put("cpp_cycles_per_second", r.cppCyclesPerSecond());
            m.put("java_per_cycle_cycles_per_second", r.javaPerCycleCyclesPerSecond());
            m.put("java_batched_cycles_per_second", r.javaBatchedCyclesPerSecond());
            m.put("ratio_per_cycle_to_cpp", r.ratioPerCycleToCpp());
            m.put("ratio_batched_to_cpp", r.ratioBatchedToCpp());
            if (nic != null) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("nics", nic.nics());
                p.put("cycles", nic.cycles());
                p.put("cpp_network_cycles_per_second", nic.cppCyclesPerSecond());
                p.put("java_network_cycles_per_second", nic.javaCyclesPerSecond());
                p.put("simulated_network_cycles_per_second", nic.networkCyclesPerSecond());
                p.put("ratio_java_to_cpp", nic.ratioJavaToCpp());
                p.put("ratio_simulated_network_to_cpp", nic.ratioNetworkToCpp());
                p.put("frames_out_cpp", nic.framesOutCpp());
                p.put("frames_out_java", nic.framesOutJava());
                p.put("simulated_network_messages", nic.networkMessages());
                m.put("nic_pipeline", p);
            }
            return JsonReport.of(m);
        }
    }
}
