package org.homanic.cli;

import org.homanic.hdl.Verilog;
import org.homanic.hdl.tools.Lint;
import org.homanic.hdl.tools.ToolRun;
import org.homanic.protocol.workload.Workload;
import org.homanic.rtl.classifier.IngressClassifier;
import org.homanic.rtl.classifier.IngressCounter;
import org.homanic.rtl.classifier.IngressFuzz;
import org.homanic.rtl.classifier.IngressPolicy;
import org.homanic.rtl.grant.sim.GrantDifferential;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The main job: generate the NIC's Verilog from Java, lint it, build it with Verilator, and run
 * the simulated network (4 hosts, W3, 70% load) with the NIC offload and with the baseline,
 * leaving every artifact in one folder. Then the two blocks on their own against their Java
 * references: the 512-bit ingress classifier on generated frames, and the grant scheduler on a
 * W4 event stream, its GRANTs printed next to the reference scheduler's.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Generate the HomaNic Verilog, lint it (verilator -Wall), build it (Verilator),",
                "simulate 4 hosts running Homa RPCs over it (W3, 70%% load) next to the baseline,",
                "and report. Then the 512-bit ingress classifier and the grant scheduler on their own,",
                "each against its Java reference. Artifacts: Verilog, register map, report, plot, pcap."})
final class DemoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to leave the artifacts (default: homa-out/demo).")
    Path out;

    @Option(names = "--messages", defaultValue = "4000", description = "Requests per run (default ${DEFAULT-VALUE}).")
    long messages;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the traffic (default ${DEFAULT-VALUE}).")
    long seed;

    /** Frames the 512-bit ingress classifier classifies next to its reference. */
    private static final int CLASSIFIER_FRAMES = 2_000;
    /** Events of the W4 stream the demo runs through the grant scheduler (a second or two of simulation). */
    private static final int GRANT_EVENTS = 4_000;

    @Override
    public Integer call() throws IOException {
        if (messages < 100 || messages > 1_000_000) {
            throw new CliException("--messages must be between 100 and 1000000, not " + messages);
        }
        Path dir = out != null ? out.toAbsolutePath() : ProjectPaths.output("demo");
        Files.createDirectories(dir);
        PrintWriter stdout = spec.commandLine().getOut();
        Progress progress = new Progress(System.err, 7);
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

        List<String> blocks = new ArrayList<>();
        classify(progress, blocks);
        scheduleGrants(progress, blocks);

        stdout.println("homa demo: Java hardware description -> Verilog -> Verilator lint -> Verilator build -> 4 simulated hosts");
        stdout.printf("  HomaNic: %d Verilog files, lint 0 warnings; artifacts in %s%n", design.verilogFiles().size(), dir);
        stdout.print(text);
        stdout.println("  artifacts: rtl/ (Verilog, HomaNic.json, homa_nic_regs.{md,h}, NicRegs.java), report.txt, report.json, slowdown.png, trace.pcap");
        stdout.println("The blocks on their own, in Verilator, against their Java references:");
        blocks.forEach(stdout::println);
        stdout.println("Next: ./homa sim --help for other workloads and loads; docs/simulation.md explains every option.");
        stdout.flush();
        return reports.stream().allMatch(SimCommand::clean) ? 0 : Homa.EXIT_FAILURE;
    }

    /** Generated frames through the 512-bit ingress classifier, compared with its reference. */
    private static void classify(Progress progress, List<String> report) {
        progress.begin("simulating the 512-bit ingress classifier on " + CLASSIFIER_FRAMES
                + " generated frames (Verilator) against its Java reference");
        IngressFuzz.Result r = IngressFuzz.run(new IngressClassifier.Params(512, 8, 16384, 16384, 64), CLASSIFIER_FRAMES, 1,
                CLASSIFIER_FRAMES, 0.1, 0.2, 9018);
        long[] c = r.counters();
        long dropped = 0;
        for (org.homanic.protocol.wire.Rejection why : org.homanic.protocol.wire.Rejection.values()) {
            if (!IngressPolicy.PASS_THROUGH.contains(why)) dropped += c[IngressCounter.reason(why)];
        }
        progress.done(r.ok() ? "matches the reference" : "MISMATCH: " + r.errors().getFirst());
        report.add(String.format("  %-22s %s%n      %d generated frames: %d valid Homa to 8 host queues (%d grant events), "
                        + "%d other frames to the default queue, %d malformed dropped, %d marked bad by the MAC;%n      %s",
                "IngressClassifier", "priority packet classifier, ingress, 512 bits", r.frames(), c[IngressCounter.DELIVERED_HOMA],
                c[IngressCounter.DATA_EVENTS], c[IngressCounter.DELIVERED_OTHER], dropped, c[IngressCounter.BAD_FRAME],
                r.ok() ? "packets, metadata and counters equal the Java reference" : "differs from the reference"));
        if (!r.ok()) throw new CliException("the classifier differs from its reference: " + r.errors().getFirst());
    }

    /** A W4 event stream through the grant scheduler, its GRANTs next to the reference's. */
    private static void scheduleGrants(Progress progress, List<String> report) throws IOException {
        progress.begin("simulating the grant scheduler on a W4 event stream (Verilator) next to the reference scheduler");
        DemoGrantScheduler.Result g = DemoGrantScheduler.run(GRANT_EVENTS, 4);
        GrantDifferential.Result gr = g.run();
        progress.done(g.ok() ? gr.grants() + " GRANTs, all equal to the reference's"
                : "MISMATCH: " + (gr.firstMismatch() != null ? gr.firstMismatch() : "counters differ"));
        report.add(String.format("  %-22s %s%n      %d events (W4 message sizes, %d entries, %d peers; loss, duplicates, reordering, late buffers) "
                        + "in %d cycles: %d DATA packets decided in %d batches, %d GRANTs (%d FIFO, %d needy), %d gap refusals;%n      %s; the first %d:",
                "GrantScheduler", "receiver grant scheduler against the reference model",
                gr.events(), g.entries(), DemoGrantScheduler.PEERS, gr.cycles(), gr.batchedPackets(), gr.batches(), gr.grants(),
                gr.fifoGrants(), gr.needyGrants(), gr.refused(),
                g.ok() ? "every GRANT (RPC, offset, priority, reason) equals the reference's (fed the same batches), in order" : "differs from the reference",
                g.rows().size()));
        report.addAll(DemoGrantScheduler.table(g));
        if (!g.ok()) throw new CliException("the grant scheduler differs from its reference: " + gr.firstMismatch());
    }
}
