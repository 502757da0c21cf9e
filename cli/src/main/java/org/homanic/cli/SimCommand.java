package org.homanic.cli;

import org.homanic.protocol.workload.Workload;
import org.homanic.rtl.nic.sim.NetworkSimulation;
import org.homanic.rtl.nic.sim.SimNetwork;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./homa sim}: N hosts, each a Verilated HomaNic under the host library, on a switch with
 * strict-priority queues; workload RPCs at an offered load; latency and slowdown per size.
 */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = {"Simulate N hosts, each a Verilated HomaNic under the Java host library, joined by a",
                "strict-priority switch; clients send workload-sized requests at the given load to random",
                "servers. Reports p50/p99 latency and slowdown per size, goodput, grants, priority use,",
                "drops, table-full events and simulation speed. All options: docs/simulation.md."},
        footer = {"", "Examples:",
                "  ./homa sim --hosts 4 --workload w3 --load 0.7 --messages 3000 --seed 1 --baseline",
                "  ./homa sim --hosts 2 --messages 200 --pcap homa-out/sim/trace.pcap",
                "  ./homa sim --hosts 2 --messages 50 --wave nic0.fst --wave-window 100000:120000"})
final class SimCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--hosts", defaultValue = "4", description = "Hosts, 2..16 (default ${DEFAULT-VALUE}).")
    int hosts;
    @Option(names = "--workload", defaultValue = "w3", description = "Message sizes: w1..w5 (default ${DEFAULT-VALUE}).")
    String workload;
    @Option(names = "--load", defaultValue = "0.7", description = "Offered load per host uplink, 0 < load <= 1 (default ${DEFAULT-VALUE}).")
    double load;
    @Option(names = "--messages", defaultValue = "2000", description = "Requests in all (default ${DEFAULT-VALUE}).")
    long messages;
    @Option(names = "--seed", defaultValue = "1", description = "Seed of sizes, arrivals, destinations and payloads (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--baseline", description = "Also run the baseline (no priorities, no NIC grants: host grants, one FIFO) and compare.")
    boolean baseline;
    @Option(names = "--json", arity = "0..1", fallbackValue = "-", paramLabel = "FILE",
            description = "Write the report as one JSON object to FILE, or print it on stdout instead of the text.")
    String json;
    @Option(names = "--pcap", paramLabel = "FILE", description = "Every frame entering the switch (the NIC-offload run), for Wireshark / ./homa decode --pcap.")
    Path pcap;
    @Option(names = "--wave", paramLabel = "FILE", description = "FST waveform of host 0's NIC (needs --wave-window).")
    Path wave;
    @Option(names = "--wave-window", paramLabel = "A:B", description = "Cycles A (inclusive) to B (exclusive) to record in --wave.")
    String waveWindow;
    @Option(names = "--link-gbps", defaultValue = "25", description = "Link rate, Gbit/s (default ${DEFAULT-VALUE}; at most 64, the NIC's rate).")
    double linkGbps;
    @Option(names = "--propagation-ns", defaultValue = "250", description = "One-way link propagation delay, ns (default ${DEFAULT-VALUE}).")
    long propagationNs;
    @Option(names = "--out", paramLabel = "DIR", description = "Where the plot (slowdown.png) and report go (default homa-out/sim).")
    Path out;
    @Option(names = "--max-sim-ms", defaultValue = "200", description = "Give up after this much simulated time, ms (default ${DEFAULT-VALUE}).")
    double maxSimMs;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        if (hosts < 2 || hosts > 16) throw new CommandLine.ParameterException(cl, "--hosts must be 2..16, not " + hosts);
        if (!(load > 0 && load <= 1)) throw new CommandLine.ParameterException(cl, "--load must be in (0, 1], not " + load);
        if (messages < 1) throw new CommandLine.ParameterException(cl, "--messages must be at least 1");
        if (!(linkGbps > 0 && linkGbps <= 64)) throw new CommandLine.ParameterException(cl, "--link-gbps must be in (0, 64], not " + linkGbps);
        if (propagationNs < 0) throw new CommandLine.ParameterException(cl, "--propagation-ns must not be negative");
        if ((wave == null) != (waveWindow == null)) throw new CommandLine.ParameterException(cl, "--wave and --wave-window go together");
        long waveFrom = 0, waveTo = 0;
        if (waveWindow != null) {
            String[] ab = waveWindow.split(":");
            try {
                waveFrom = Long.parseLong(ab[0].trim());
                waveTo = Long.parseLong(ab[1].trim());
            } catch (RuntimeException e) {
                throw new CommandLine.ParameterException(cl, "--wave-window must be A:B (cycles), not '" + waveWindow + "'");
            }
            if (ab.length != 2 || waveFrom < 0 || waveTo <= waveFrom) {
                throw new CommandLine.ParameterException(cl, "--wave-window needs 0 <= A < B, not '" + waveWindow + "'");
            }
        }
        Workload w;
        try {
            w = Workload.named(workload);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--workload: " + e.getMessage());
        }
        Path dir = out != null ? out.toAbsolutePath() : ProjectPaths.output("sim");
        Files.createDirectories(dir);
        Options o = new Options(hosts, w, load, messages, seed, linkGbps, propagationNs, pcap, wave, waveFrom, waveTo, maxSimMs);
        List<NetworkSimulation.Report> reports = run(o, baseline, System.err);
        Path plot = dir.resolve("slowdown.png");
        SlowdownPlot.write(plot, "p99 slowdown, " + w.name() + " at load " + load + ", " + hosts + " hosts", reports);
        Map<String, Object> json = json(reports, plot);
        Files.writeString(dir.resolve("report.json"), JsonReport.of(json) + "\n");
        PrintWriter stdout = cl.getOut();
        if ("-".equals(this.json)) {
            stdout.println(JsonReport.of(json));
        } else {
            if (this.json != null) Files.writeString(Path.of(this.json), JsonReport.of(json) + "\n");
            stdout.print(text(reports));
            stdout.println("plot: " + plot + (pcap != null ? "; pcap: " + pcap.toAbsolutePath() : ""));
        }
        stdout.flush();
        boolean ok = reports.stream().allMatch(SimCommand::clean);
        return ok ? 0 : Homa.EXIT_FAILURE;
    }

    record Options(int hosts, Workload workload, double load, long messages, long seed, double linkGbps, long propagationNs,
                   Path pcap, Path wave, long waveFrom, long waveTo, double maxSimMs) {}

    /** RPCs all completed once and byte-exact, no unexplained mismatch with the reference scheduler. */
    static boolean clean(NetworkSimulation.Report r) {
        return r.rpcsFailed() == 0 && r.duplicates() == 0 && r.corrupt() == 0 && r.scoreboardMismatches() == 0;
    }

    /** The offload run, then (if asked) the baseline with the same traffic. */
    static List<NetworkSimulation.Report> run(Options o, boolean baseline, PrintStream err) throws IOException {
        List<NetworkSimulation.Report> reports = new ArrayList<>();
        for (boolean offload : baseline ? new boolean[] {true, false} : new boolean[] {true}) {
            SimNetwork.Config c = SimNetwork.Config.defaults(o.hosts(), offload).withLink(o.linkGbps(), o.propagationNs());
            if (offload && o.pcap() != null) c = c.withPcap(o.pcap().toAbsolutePath());
            if (offload && o.wave() != null) c = c.withWave(o.wave().toAbsolutePath(), o.waveFrom(), o.waveTo());
            double meanGap = o.workload().cappedForHoma().mean() * 8 / (o.load() * o.linkGbps());
            long expectedNanos = Math.round(o.messages() / (double) o.hosts() * meanGap);
            err.printf(Locale.ROOT, "homa sim: %s run, %d hosts, %s, load %.2f, %d messages (about %.2f ms simulated)%n",
                    offload ? "NIC-offload" : "baseline", o.hosts(), o.workload().name(), o.load(), o.messages(), expectedNanos / 1e6);
            ProgressBar bar = new ProgressBar(err, Math.max(1, expectedNanos / 1000), "us simulated");
            NetworkSimulation.Report r = NetworkSimulation.run(c, o.workload(), o.load(), o.messages(), o.seed(),
                    Math.round(o.maxSimMs() * 1e6), ns -> {
                        if (ns < expectedNanos) bar.update(ns / 1000); // past it: the last RPCs drain
                    });
            bar.finish(expectedNanos / 1000);
            reports.add(r);
        }
        return reports;
    }

    static Map<String, Object> json(List<NetworkSimulation.Report> reports, Path plot) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nicOffload", reports.get(0));
        if (reports.size() > 1) {
            m.put("baseline", reports.get(1));
            NetworkSimulation.Bucket a = reports.get(0).buckets().getFirst(), b = reports.get(1).buckets().getFirst();
            m.put("p99SlowdownUnder1000BytesRatioBaselineToNic", b.p99Slowdown() / a.p99Slowdown());
        }
        m.put("plot", plot.toString());
        return m;
    }

    /** The report as text, runs side by side. */
    static String text(List<NetworkSimulation.Report> rs) {
        StringBuilder b = new StringBuilder();
        NetworkSimulation.Report f = rs.getFirst();
        b.append(String.format(Locale.ROOT, "homa sim: %d hosts, %s, load %.2f, %d messages, seed %d; %.0f Gbit/s links, %d ns; Verilated HomaNic, %d bits%n",
                f.hosts(), f.workload(), f.load(), f.messages(), f.seed(), f.linkGbps(), f.propagationNs(), f.nicDataWidth()));
        b.append(String.format(Locale.ROOT, "%-18s", ""));
        for (NetworkSimulation.Report r : rs) b.append(String.format(Locale.ROOT, "| %-44s", r.offload() ? "NIC offload" : "baseline (host grants, no priorities)"));
        b.append('\n');
        b.append(String.format(Locale.ROOT, "%-18s", "request size"));
        for (int i = 0; i < rs.size(); i++) b.append(String.format(Locale.ROOT, "| %5s %8s %8s %6s %6s    ", "RPCs", "p50 us", "p99 us", "p50 sd", "p99 sd"));
        b.append('\n');
        for (int k = 0; k < f.buckets().size(); k++) {
            b.append(String.format(Locale.ROOT, "%-18s", f.buckets().get(k).name()));
            for (NetworkSimulation.Report r : rs) {
                NetworkSimulation.Bucket x = r.buckets().get(k);
                b.append(String.format(Locale.ROOT, "| %5d %8.1f %8.1f %6.2f %6.2f    ", x.rpcs(), x.p50Micros(), x.p99Micros(), x.p50Slowdown(), x.p99Slowdown()));
            }
            b.append('\n');
        }
        row(b, "completed", rs, r -> r.rpcsCompleted() + " ok, " + r.rpcsFailed() + " failed, " + r.duplicates() + " dup, " + r.corrupt() + " corrupt");
        row(b, "goodput", rs, r -> String.format(Locale.ROOT, "%.2f Gbit/s of requests", r.goodputGbps()));
        row(b, "unloaded 1 B RPC", rs, r -> String.format(Locale.ROOT, "%.2f us", r.unloadedMinMicros()));
        row(b, "grants", rs, r -> "NIC " + r.nicGrants() + ", host software " + r.hostGrants());
        row(b, "priority use", rs, r -> {
            StringBuilder p = new StringBuilder();
            for (int l = 7; l >= 0; l--) if (r.priorityFrames()[l] > 0) p.append(p.isEmpty() ? "" : " ").append(l).append(':').append(r.priorityFrames()[l]);
            return p + " frames";
        });
        row(b, "drops", rs, r -> {
            StringBuilder d = new StringBuilder();
            r.drops().forEach((k, v) -> { if (v != 0) d.append(d.isEmpty() ? "" : ", ").append(k).append(' ').append(v); });
            return d.isEmpty() ? "none" : d.toString();
        });
        row(b, "table-full events", rs, r -> Long.toString(r.tableFullEvents()));
        row(b, "gap refusals", rs, r -> r.schedulerGapRefusals() + " DATA events (packets delivered)");
        row(b, "GRANT scoreboard", rs, r -> r.offload() ? r.scoreboardMismatches() + " mismatches" : "(no NIC grants)");
        row(b, "simulation", rs, r -> String.format(Locale.ROOT, "%,d cycles, %.0f us, %.1f s: %,.0f cycles/s", r.simulatedCycles(),
                r.simulatedMicros(), r.wallSeconds(), r.simulatedCyclesPerSecond()));
        if (rs.size() > 1) {
            double a = rs.get(0).buckets().getFirst().p99Slowdown(), c = rs.get(1).buckets().getFirst().p99Slowdown();
            b.append(String.format(Locale.ROOT, "p99 slowdown under 1000 B: NIC %.2f, baseline %.2f (baseline / NIC = %.2f)%n", a, c, c / a));
        }
        for (NetworkSimulation.Report r : rs) if (r.firstError() != null) b.append("error: ").append(r.firstError()).append('\n');
        return b.toString();
    }

    private static void row(StringBuilder b, String name, List<NetworkSimulation.Report> rs, java.util.function.Function<NetworkSimulation.Report, String> f) {
        b.append(String.format(Locale.ROOT, "%-18s", name));
        for (NetworkSimulation.Report r : rs) b.append(String.format(Locale.ROOT, "| %-44s", f.apply(r)));
        b.append('\n');
    }
}
