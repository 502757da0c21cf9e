package org.homanic.cli;

import org.homanic.rtl.classifier.EgressClassifier;
import org.homanic.rtl.classifier.EgressFuzz;
import org.homanic.rtl.classifier.IngressClassifier;
import org.homanic.rtl.classifier.IngressFuzz;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./homa fuzz classifier}: random receive traffic (valid Homa of every kind, other
 * traffic, mutated frames) through the Verilated ingress classifier, compared packet by packet
 * (bytes, metadata, drops, counters, grant events) with the Java reference. Exit 1 on a mismatch.
 */
@Command(name = "classifier", mixinStandardHelpOptions = true,
        description = {"Differential fuzzing of the classifier (Verilator), both directions, against its Java references.",
                "Prints frames/s; with --json exactly one JSON object on stdout. Exit 1 on a mismatch."})
final class FuzzClassifierCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--frames", defaultValue = "100000", description = "Frames to send (default: ${DEFAULT-VALUE}).")
    long frames;

    @Option(names = "--seed", description = "Random seed, decimal or 0x hex (default: random, printed).")
    String seed;

    @Option(names = "--width", defaultValue = "512", description = "Data width in bits: 64, 128, 256, 512 or 1024 (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--queues", defaultValue = "8", description = "Host queues: 1, 2, 4 or 8 (default: ${DEFAULT-VALUE}).")
    int queues;

    @Option(names = "--gap", defaultValue = "0.1", description = "Probability of an idle input cycle (default: ${DEFAULT-VALUE}).")
    double gap;

    @Option(names = "--back-pressure", defaultValue = "0.2", description = "Probability that a host queue is not ready in a cycle (default: ${DEFAULT-VALUE}).")
    double backPressure;

    @Option(names = "--max-frame", defaultValue = "9018", description = "Largest frame in bytes (default: ${DEFAULT-VALUE}).")
    int maxFrame;

    @Option(names = "--direction", defaultValue = "both",
            description = "ingress, egress or both (default: ${DEFAULT-VALUE}); --frames is per direction.")
    String direction;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() {
        if (frames < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--frames must be at least 1");
        if (maxFrame < 200 || maxFrame > 9018) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-frame must be 200..9018");
        }
        if (gap < 0 || gap >= 1 || backPressure < 0 || backPressure >= 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--gap and --back-pressure must be in [0, 1)");
        }
        long s;
        try {
            s = seed == null ? System.nanoTime() : IngressFuzz.parseSeed(seed);
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seed must be a number, not '" + seed + "'");
        }
        if (!List.of("ingress", "egress", "both").contains(direction)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--direction must be ingress, egress or both");
        }
        IngressClassifier.Params p;
        EgressClassifier.Params ep;
        try {
            p = new IngressClassifier.Params(width, queues, 16384, 16384, 64);
            ep = new EgressClassifier.Params(width, 16384, 16384, 4, 16);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (!json) {
            out.printf("fuzzing the classifier (%s, %d bits, %d queues): %d frames, seed 0x%x%n", direction, width, queues, frames, s);
            out.flush();
        }
        Map<String, IngressFuzz.Result> results = new LinkedHashMap<>();
        if (!direction.equals("egress")) results.put("ingress", IngressFuzz.run(p, frames, s, 2000, gap, backPressure, maxFrame));
        if (!direction.equals("ingress")) {
            results.put("egress", EgressFuzz.run(ep, frames, s, 2000, gap, backPressure, maxFrame, new int[] {3, 0, 7, 1, 6, 2, 5, 4}));
        }
        long totalFrames = 0, totalCycles = 0;
        double totalSeconds = 0;
        List<String> errors = new java.util.ArrayList<>();
        for (Map.Entry<String, IngressFuzz.Result> e : results.entrySet()) {
            totalFrames += e.getValue().frames();
            totalCycles += e.getValue().cycles();
            totalSeconds += e.getValue().seconds();
            e.getValue().errors().forEach(x -> errors.add(e.getKey() + ": " + x));
        }
        boolean ok = errors.isEmpty();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("design", "classifier");
            m.put("width", width);
            m.put("queues", queues);
            m.put("seed", "0x" + Long.toHexString(s));
            m.put("frames", totalFrames);
            m.put("cycles", totalCycles);
            m.put("seconds", totalSeconds);
            m.put("frames_per_second", totalFrames / totalSeconds);
            m.put("cycles_per_second", totalCycles / totalSeconds);
            for (Map.Entry<String, IngressFuzz.Result> e : results.entrySet()) {
                IngressFuzz.Result r = e.getValue();
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("frames", r.frames());
                d.put("delivered", r.delivered());
                d.put("queue_full_drops", r.hostDrops());
                d.put("cycles", r.cycles());
                d.put("seconds", r.seconds());
                d.put("frames_per_second", r.framesPerSecond());
                d.put("ok", r.ok());
                m.put(e.getKey(), d);
            }
            m.put("ok", ok);
            m.put("errors", errors);
            out.println(JsonReport.of(m));
        } else {
            for (Map.Entry<String, IngressFuzz.Result> e : results.entrySet()) {
                IngressFuzz.Result r = e.getValue();
                out.printf("  %-7s %d frames, %d delivered, %d queue-full drops, %d cycles in %.1f s: %.0f frames/s, %.0f cycles/s%n",
                        e.getKey(), r.frames(), r.delivered(), r.hostDrops(), r.cycles(), r.seconds(), r.framesPerSecond(),
                        r.cycles() / r.seconds());
            }
            out.println(ok ? "  all packets, metadata, drops, counters and events match the reference"
                    : "  MISMATCH (rerun with --seed 0x" + Long.toHexString(s) + "):");
            errors.forEach(e -> out.println("    " + e));
        }
        out.flush();
        return ok ? 0 : Homa.EXIT_FAILURE;
    }
}
