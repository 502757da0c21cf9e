package org.homanic.cli;

import org.homanic.hdl.Module;
import org.homanic.hdl.Verilog;
import org.homanic.hdl.examples.AxisPipeline;
import org.homanic.hdl.examples.PacketPriorityArbiter;
import org.homanic.rtl.classifier.IngressClassifier;
import org.homanic.rtl.classifier.IngressCounter;
import org.homanic.rtl.classifier.IngressFuzz;
import org.homanic.rtl.classifier.IngressPolicy;
import org.homanic.rtl.grant.sim.GrantDifferential;
import org.homanic.hdl.tools.Lint;
import org.homanic.hdl.tools.Synth;
import org.homanic.hdl.tools.SynthTarget;
import org.homanic.hdl.tools.ToolRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The main job: describe hardware in Java, write its Verilog, lint it with Verilator and
 * synthesize it with Yosys for UltraScale+, and say what happened. Later stages (simulation,
 * the NIC pipeline) extend it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the main flow on built-in designs and report what it did.",
                "Generate Verilog from the Java hdl,",
                "lint it with Verilator (-Wall), synthesize it with Yosys for UltraScale+, simulate it in",
                "Verilator from Java with random traffic checked at the output, and report."})
final class DemoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to leave the artifacts (default: homa-out/demo).")
    Path out;

    @Option(names = "--width", paramLabel = "BITS", defaultValue = "512",
            description = "AXI-Stream data width of the designs, a multiple of 8 (default: ${DEFAULT-VALUE}).")
    int width;

    /** Events of the W4 stream the demo runs through the grant scheduler (a second or two of simulation). */
    private static final int GRANT_EVENTS = 4_000;

    private record Job(String title, Module design, boolean simulate) {}

    @Override
    public Integer call() throws IOException {
        if (width < 8 || width % 8 != 0 || width > 4096) {
            throw new CliException("--width must be a multiple of 8 between 8 and 4096, not " + width);
        }
        Path dir = out != null ? out.toAbsolutePath() : ProjectPaths.output("demo");
        PrintWriter stdout = spec.commandLine().getOut();
        List<Job> jobs = List.of(
                new Job("AXI-Stream pipeline (register slice, 64-deep FIFO, register slice)", new AxisPipeline(width, 1, 64), true),
                new Job("4-input strict-priority packet arbiter", new PacketPriorityArbiter(4, width), false));
        boolean classify = width >= 64 && width <= 1024 && Integer.bitCount(width) == 1;
        Progress progress = new Progress(System.err,
                jobs.size() * 3 + (int) jobs.stream().filter(Job::simulate).count() + (classify ? 1 : 0) + 1);
        List<String> report = new ArrayList<>();
        for (Job job : jobs) {
            progress.begin("elaborating " + job.design().moduleName() + " and writing its Verilog");
            Verilog.Design design = Verilog.emit(job.design());
            Path rtl = dir.resolve("rtl").resolve(design.top());
            List<Path> files = design.write(rtl);
            long lines = design.verilogFiles().values().stream().mapToLong(v -> v.lines().count()).sum();
            progress.done(files.size() + " files, " + lines + " lines of Verilog in " + rtl);

            progress.begin("linting " + design.top() + " with verilator --lint-only -Wall");
            ToolRun lint = Lint.verilator(design, rtl);
            long warnings = lint.output().lines().filter(l -> l.startsWith("%Warning")).count();
            if (!lint.ok()) {
                throw new CliException("Verilator lint failed for " + design.top() + ":\n" + lint.output());
            }
            progress.done(warnings + " warnings");

            progress.begin("synthesizing " + design.top() + " with yosys synth_xilinx -family xcup");
            Synth.Report synth = Synth.report(design, dir.resolve("synth").resolve(design.top()), SynthTarget.XCUP);
            progress.done(synth.luts() + " LUTs, " + synth.lutRams() + " LUT RAMs, " + synth.flipFlops()
                    + " flip-flops, " + synth.blockRams() + " block RAMs, deepest path "
                    + synth.depth().lutLevels() + " LUT levels");

            String simulated = "";
            if (job.simulate()) {
                progress.begin("simulating " + design.top()
                        + " in Verilator from Java: 300 random frames, random gaps and back-pressure");
                DemoSimulation.Result sim = DemoSimulation.run(design, 1, 300, 1500);
                progress.done(String.format("%d frames (%d bytes) came out whole and in order; %d cycles, "
                                + "%.2f beats/cycle, %.1f M cycles/s", sim.frames(), sim.bytes(), sim.cycles(),
                        sim.beatsPerCycle(), sim.cyclesPerSecond() / 1e6));
                simulated = String.format("; simulated: %d frames checked", sim.frames());
            }
            report.add(String.format("  %-22s %s%n      lint: %d warnings; xcup: %d LUTs, %d LUT RAMs, %d FFs, %s BRAMs, %d LUT levels%s",
                    design.top(), job.title(), warnings, synth.luts(), synth.lutRams(), synth.flipFlops(),
                    synth.blockRams(), synth.depth().lutLevels(), simulated));
        }
        if (classify) {
            progress.begin("simulating the ingress classifier on 2,000 generated frames (Verilator) against its Java reference");
            IngressFuzz.Result r = IngressFuzz.run(new IngressClassifier.Params(width, 8, 16384, 16384, 64), 2000, 1, 2000,
                    0.1, 0.2, 9018);
            long[] c = r.counters();
            long dropped = 0;
            for (org.homanic.protocol.wire.Rejection why : org.homanic.protocol.wire.Rejection.values()) {
                if (!IngressPolicy.PASS_THROUGH.contains(why)) dropped += c[IngressCounter.reason(why)];
            }
            progress.done(r.ok() ? "matches the reference" : "MISMATCH: " + r.errors().getFirst());
            report.add(String.format("  %-22s %s%n      %d generated frames: %d valid Homa to 8 host queues (%d grant events), "
                            + "%d other frames to the default queue, %d malformed dropped, %d marked bad by the MAC;%n      %s",
                    "IngressClassifier", "priority packet classifier, ingress (simulated in Verilator)", r.frames(), c[IngressCounter.DELIVERED_HOMA], c[IngressCounter.DATA_EVENTS],
                    c[IngressCounter.DELIVERED_OTHER], dropped, c[IngressCounter.BAD_FRAME],
                    r.ok() ? "packets, metadata and counters equal the Java reference" : "differs from the reference"));
            if (!r.ok()) throw new CliException("the classifier differs from its reference: " + r.errors().getFirst());
        }
        progress.begin("simulating the grant scheduler on a W4 event stream (Verilator) next to the reference scheduler");
        DemoGrantScheduler.Result g = DemoGrantScheduler.run(GRANT_EVENTS, 4);
        GrantDifferential.Result gr = g.run();
        progress.done(g.ok() ? gr.grants() + " GRANTs, all equal to the reference's"
                : "MISMATCH: " + (gr.firstMismatch() != null ? gr.firstMismatch() : "counters differ"));
        report.add(String.format("  %-22s %s%n      %d events (W4 message sizes, %d entries, %d peers; loss, duplicates, reordering, late buffers) "
                        + "in %d cycles: %d GRANTs (%d FIFO, %d needy), %d gap refusals;%n      %s; the first %d:",
                "GrantScheduler", "receiver grant scheduler (simulated in Verilator) against the reference model",
                gr.events(), g.entries(), DemoGrantScheduler.PEERS, gr.cycles(), gr.grants(), gr.fifoGrants(), gr.needyGrants(), gr.refused(),
                g.ok() ? "every GRANT (RPC, offset, priority, reason) equals the reference's, in order" : "differs from the reference",
                g.rows().size()));
        report.addAll(DemoGrantScheduler.table(g));
        if (!g.ok()) throw new CliException("the grant scheduler differs from its reference: " + gr.firstMismatch());
        stdout.println("homa demo: Java hardware descriptions -> Verilog -> Verilator lint -> Yosys synthesis -> simulation");
        stdout.println("  data width " + width + " bits; artifacts in " + dir);
        report.forEach(stdout::println);
        stdout.println("Next: ./homa test runs the whole suite; docs/hdl.md shows how to write your own module.");
        stdout.flush();
        return 0;
    }
}
