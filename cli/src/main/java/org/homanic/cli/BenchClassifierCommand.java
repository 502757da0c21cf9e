package org.homanic.cli;

import org.homanic.rtl.classifier.ClassifierBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./homa bench classifier}: packets per cycle and first-beat latency of the ingress and
 * egress classifiers in simulation, per frame size 64…9018 bytes, back-to-back input, the host
 * (ingress) or MAC (egress) always ready; drops must be zero.
 */
@Command(name = "classifier", mixinStandardHelpOptions = true,
        description = {"The classifier's throughput and first-beat latency per frame size, in simulation.",
                "Throughput (packets and beats per cycle) and first-beat latency of the classifier in",
                "simulation, per frame size, with back-to-back frames and a draining host / MAC."})
final class BenchClassifierCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--width", defaultValue = "512", description = "Data width in bits (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--frames", defaultValue = "200", description = "Frames per size (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public void run() {
        if (frames < 2) throw new CommandLine.ParameterException(spec.commandLine(), "--frames must be at least 2");
        if (width < 64 || width > 1024 || Integer.bitCount(width) != 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--width must be 64, 128, 256, 512 or 1024");
        }
        List<ClassifierBench.Row> rows = new ArrayList<>(ClassifierBench.ingress(width, frames));
        rows.addAll(ClassifierBench.egress(width, frames));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (ClassifierBench.Row r : rows) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("direction", r.direction());
                m.put("frame_bytes", r.frameBytes());
                m.put("frames", r.frames());
                m.put("beats_per_frame", r.beatsPerFrame());
                m.put("packets_per_cycle", r.packetsPerCycle());
                m.put("beats_per_cycle", r.beatsPerCycle());
                m.put("first_beat_latency_min", r.minLatency());
                m.put("first_beat_latency_max", r.maxLatency());
                m.put("drops", r.drops());
                list.add(m);
            }
            Map<String, Object> top = new LinkedHashMap<>();
            top.put("design", "classifier");
            top.put("width", width);
            top.put("rows", list);
            out.println(JsonReport.of(top));
        } else {
            out.printf("classifier, %d-bit bus, %d back-to-back frames per size, host/MAC always ready%n", width, frames);
            out.printf("%-8s %6s %6s %12s %12s %18s %6s%n", "dir", "bytes", "beats", "packets/cyc", "beats/cyc",
                    "first-beat latency", "drops");
            for (ClassifierBench.Row r : rows) {
                out.printf("%-8s %6d %6d %12.3f %12.3f %8d..%-8d %6d%n", r.direction(), r.frameBytes(), r.beatsPerFrame(),
                        r.packetsPerCycle(), r.beatsPerCycle(), r.minLatency(), r.maxLatency(), r.drops());
            }
        }
        out.flush();
    }
}
