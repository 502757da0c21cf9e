package org.homanic.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.homanic.rtl.classifier.IngressClassifier;
import org.homanic.rtl.classifier.IngressFuzz;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./homa fuzz classifier}: random receive traffic (valid Homa of every kind, other
 * traffic, mutated frames) through the Verilated ingress classifier, compared packet by packet
 * (bytes, metadata, drops, counters, grant events) with the Java reference. Exit 1 on a mismatch.
 */
@Command(name = "classifier", mixinStandardHelpOptions = true,
        description = {"Differential fuzzing of the ingress classifier (Verilator) against its Java reference.",
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
            s = seed == null ? System.nanoTime() : Long.decode(seed);
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seed must be a number, not '" + seed + "'");
        }
        IngressClassifier.Params p;
        try {
            p = new IngressClassifier.Params(width, queues, 16384, 16384, 64);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (!json) {
            out.printf("fuzzing the ingress classifier (%d bits, %d queues): %d frames, seed 0x%x%n", width, queues, frames, s);
            out.flush();
        }
        IngressFuzz.Result r = IngressFuzz.run(p, frames, s, 2000, gap, backPressure, maxFrame);
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("design", "classifier");
            m.put("width", width);
            m.put("queues", queues);
            m.put("seed", "0x" + Long.toHexString(s));
            m.put("frames", r.frames());
            m.put("delivered", r.delivered());
            m.put("host_queue_drops", r.hostDrops());
            m.put("cycles", r.cycles());
            m.put("seconds", r.seconds());
            m.put("frames_per_second", r.framesPerSecond());
            m.put("cycles_per_second", r.cycles() / r.seconds());
            m.put("ok", r.ok());
            m.put("errors", r.errors());
            try {
                out.println(new ObjectMapper().writeValueAsString(m));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            out.printf("  %d frames, %d delivered, %d host-queue drops, %d cycles in %.1f s: %.0f frames/s, %.0f cycles/s%n",
                    r.frames(), r.delivered(), r.hostDrops(), r.cycles(), r.seconds(), r.framesPerSecond(),
                    r.cycles() / r.seconds());
            out.println(r.ok() ? "  all packets, metadata, drops, counters and grant events match the reference"
                    : "  MISMATCH (rerun with --seed 0x" + Long.toHexString(s) + "):");
            r.errors().forEach(e -> out.println("    " + e));
        }
        out.flush();
        return r.ok() ? 0 : Homa.EXIT_FAILURE;
    }
}
