package org.homanic.cli;

import org.homanic.host.bench.ReassemblyBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ./homa bench reassembly}: host receive-path throughput against plain memory copy. */
@Command(name = "reassembly", mixinStandardHelpOptions = true,
        description = {"Reassembly throughput of MTU-sized DATA packets into receive-pool bpages on one core "
                + "(validate, reassembly rule, copy into the message's pages), next to plain MemorySegment.copy "
                + "of the same bytes in the same pieces, measured in the same run. Goal: ratio >= 0.5.",
                "Each figure is the median of the repetitions, after a warm-up."},
        footer = {"", "Examples:", "  ./homa bench reassembly", "  ./homa bench reassembly --shuffled --json"})
public final class BenchReassemblyCommand implements Callable<Integer> {
    static final double GOAL = 0.5;

    @Option(names = "--message-bytes", paramLabel = "N", defaultValue = "1000000", description = "Length of each message (default ${DEFAULT-VALUE}).")
    int messageBytes;

    @Option(names = "--payload", paramLabel = "N", defaultValue = "1424",
            description = "Message bytes per packet (default ${DEFAULT-VALUE}: 1500-byte MTU, IPv4, 56-byte DATA header).")
    int payload;

    @Option(names = "--shuffled", description = "Deliver the packets of each message in a random order.")
    boolean shuffled;

    @Option(names = "--repetitions", paramLabel = "N", defaultValue = "9", description = "Measured repetitions (default ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = "--measure-ms", paramLabel = "MS", defaultValue = "200", description = "Length of one repetition (default ${DEFAULT-VALUE}).")
    long measureMillis;

    @Option(names = "--warmup-ms", paramLabel = "MS", defaultValue = "1000", description = "Warm-up before measuring (default ${DEFAULT-VALUE}).")
    long warmupMillis;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed for payloads and --shuffled order.")
    long seed;

    @Option(names = "--json", description = "Print exactly one JSON object on stdout.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ReassemblyBench.Setup setup;
        try {
            setup = new ReassemblyBench.Setup(messageBytes, payload, shuffled, warmupMillis, measureMillis, repetitions, seed);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ReassemblyBench bench = new ReassemblyBench(setup);
        ReassemblyBench.Result r;
        try {
            r = bench.run();
        } finally {
            bench.close();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("benchmark", "reassembly");
            o.put("messageBytes", setup.messageBytes());
            o.put("payloadBytesPerPacket", setup.payloadPerPacket());
            o.put("packetsPerMessage", r.packetsPerMessage());
            o.put("order", setup.shuffled() ? "shuffled" : "in-order");
            o.put("threads", 1);
            o.put("repetitions", setup.repetitions());
            o.put("reassemblyGBps", round(r.reassemblyGBps()));
            o.put("copyGBps", round(r.copyGBps()));
            o.put("reassemblyToCopyRatio", round(r.ratio()));
            o.put("goalRatio", GOAL);
            o.put("meetsGoal", r.ratio() >= GOAL);
            o.put("reassemblySamplesGBps", rounded(r.reassemblySamples()));
            o.put("copySamplesGBps", rounded(r.copySamples()));
            o.put("java", Runtime.version().toString());
            out.println(JsonReport.of(o));
        } else {
            out.printf(Locale.ROOT, "reassembly: %,d-byte messages in %d packets of %d bytes, %s, 1 core, median of %d%n",
                    setup.messageBytes(), r.packetsPerMessage(), setup.payloadPerPacket(),
                    setup.shuffled() ? "shuffled" : "in order", setup.repetitions());
            out.printf(Locale.ROOT, "  reassembly into bpages  %6.2f GB/s%n", r.reassemblyGBps());
            out.printf(Locale.ROOT, "  MemorySegment.copy      %6.2f GB/s%n", r.copyGBps());
            out.printf(Locale.ROOT, "  ratio                   %6.2f  (goal >= %.1f: %s)%n", r.ratio(), GOAL, r.ratio() >= GOAL ? "met" : "not met");
        }
        out.flush();
        return 0;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static double[] rounded(double[] v) {
        double[] o = new double[v.length];
        for (int i = 0; i < v.length; i++) o[i] = round(v[i]);
        return o;
    }
}
