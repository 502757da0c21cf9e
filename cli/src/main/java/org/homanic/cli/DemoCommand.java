package org.homanic.cli;

import org.homanic.hdl.Verilog;
import org.homanic.hdl.tools.Lint;
import org.homanic.hdl.tools.ToolRun;
import org.homanic.protocol.workload.Workload;
import org.homanic.rtl.nic.HomaNic;
import org.homanic.rtl.nic.NicRegisters;
import org.homanic.rtl.nic.sim.NetworkSimulation;
import org.homanic.rtl.nic.sim.SimNetwork;
import org.homanic.rtl.nic.sim.SimNic;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The main job: generate the NIC's Verilog from Java, lint it, build it with Verilator, and run
 * the simulated network (4 hosts, W3, 70% load) with the NIC offload and with the baseline,
 * leaving every artifact in one folder.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Generate the HomaNic Verilog, lint it (verilator -Wall), build it (Verilator),",
                "simulate 4 hosts running Homa RPCs over it (W3, 70% load) next to the baseline,",
                "and report. Artifacts: Verilog, register map, report, plot, pcap, in one folder."})
final class DemoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to leave the artifacts (default: homa-out/demo).")
    Path out;

    @Option(names = "--messages", defaultValue = "4000", description = "Requests per run (default ${DEFAULT-VALUE}).")
    long messages;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the traffic (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        if (messages < 100 || messages > 1_000_000) {
            throw new CliException("--messages must be between 100 and 1000000, not " + messages);
        }
        Path dir = out != null ? out.toAbsolutePath() : ProjectPaths.output("demo");
        Files.createDirectories(dir);
        PrintWriter stdout = spec.commandLine().getOut();
        Progress progress = new Progress(System.err, 5);
        SimNetwork.Config base = SimNetwork.Config.defaults(4, true);

        progress.begin("elaborating HomaNic (" + base.nic().dataWidth() + " bits, simulation preset) and writing its Verilog");
        Verilog.Design design = Verilog.emit(new HomaNic(base.nic()));
        Path rtl = dir.resolve("rtl");
        design.write(rtl);
        NicRegisters.writeTo(rtl);
        long lines = design.verilogFiles().values().stream().mapToLong(v -> v.lines().count()).sum();
        progress.done(design.verilogFiles().size() + " Verilog files, " + lines + " lines, register map in " + rtl);

        progress.begin("linting HomaNic with verilator --lint-only -Wall");
        ToolRun lint = Lint.verilator(design, rtl);
        long warnings = lint.output().lines().filter(l -> l.startsWith("%Warning")).count();
        if (!lint.ok() || warnings > 0) throw new CliException("Verilator lint failed for HomaNic:\n" + lint.output());
        progress.done("0 warnings");

        progress.begin("building HomaNic with Verilator (cached after the first build)");
        long t0 = System.nanoTime();
        SimNic.model(base.nic(), false);
        progress.done(String.format("%.1f s", (System.nanoTime() - t0) / 1e9));

        progress.begin("simulating 4 hosts, W3, 70% load, " + messages + " RPCs: NIC offload, then the baseline");
        Path pcap = dir.resolve("trace.pcap");
        SimCommand.Options o = new SimCommand.Options(4, Workload.named("w3"), 0.7, messages, seed, base.linkGbps(),
                base.propagationNs(), pcap, null, 0, 0, 500);
        List<NetworkSimulation.Report> reports = SimCommand.run(o, true, System.err);
        progress.done("done");

        progress.begin("writing the report and the plot");
        Path plot = dir.resolve("slowdown.png");
        SlowdownPlot.write(plot, "p99 slowdown, W3 at 70% load, 4 hosts", reports);
        String text = SimCommand.text(reports);
        Files.writeString(dir.resolve("report.txt"), text);
        Map<String, Object> json = SimCommand.json(reports, plot);
        Files.writeString(dir.resolve("report.json"), JsonReport.of(json) + "\n");
        progress.done(dir.toString());

        stdout.println("homa demo: Java hardware description -> Verilog -> Verilator lint -> Verilator build -> 4 simulated hosts");
        stdout.printf("  HomaNic: %d Verilog files, lint 0 warnings; artifacts in %s%n", design.verilogFiles().size(), dir);
        stdout.print(text);
        stdout.println("  artifacts: rtl/ (Verilog, HomaNic.json, homa_nic_regs.{md,h}, NicRegs.java), report.txt, report.json, slowdown.png, trace.pcap");
        stdout.println("Next: ./homa sim --help for other workloads and loads; docs/simulation.md explains every option.");
        stdout.flush();
        return reports.stream().allMatch(SimCommand::clean) ? 0 : Homa.EXIT_FAILURE;
    }
}
