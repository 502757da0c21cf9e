package org.homanic.hdl.tools;

import org.homanic.hdl.Verilog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Yosys synthesis of an emitted design, with the cell counts of its statistics. */
public final class Synth {
    private Synth() {}

    /** A synthesis run: the tool's output, and the cell counts Yosys reported for the top. */
    public record Result(ToolRun run, Map<String, Integer> cells) {
        public boolean ok() {
            return run.ok() && !run.output().contains("ERROR");
        }
    }

    /** Generic synthesis ({@code synth -top}); {@code script} replaces it when not null (e.g. synth_xilinx). */
    public static Result yosys(Verilog.Design design, Path dir, String script) throws IOException {
        design.write(dir);
        StringBuilder ys = new StringBuilder();
        for (String f : design.verilogFiles().keySet()) {
            ys.append("read_verilog ").append(f).append('\n');
        }
        ys.append(script != null ? script : "synth -flatten -top " + design.top()).append('\n');
        ys.append("stat\n");
        Files.writeString(dir.resolve("synth.ys"), ys.toString());
        ToolRun run = ToolRun.run(dir, java.util.List.of("yosys", "-q", "-s", "synth.ys", "-p", "tee -o stat.txt stat"), 1800);
        Map<String, Integer> cells = new LinkedHashMap<>();
        Path stat = dir.resolve("stat.txt");
        if (Files.exists(stat)) {
            Matcher m = Pattern.compile("^\\s+(\\$?\\w+)\\s+(\\d+)\\s*$", Pattern.MULTILINE).matcher(Files.readString(stat));
            while (m.find()) {
                cells.merge(m.group(1), Integer.parseInt(m.group(2)), Integer::sum);
            }
        }
        return new Result(run, cells);
    }

    /** A synthesis report for one target: resources, the deepest path in LUT levels, the tool's time. */
    public record Report(SynthTarget target, Map<String, Integer> cells, int luts, int flipFlops, double blockRams,
                         int lutRams, int dsps, LogicDepth.Result depth, double seconds, Path netlist) {}

    /**
     * Synthesizes for {@code target} in {@code dir}, writes the netlist as JSON and measures its
     * logic depth. Throws when Yosys fails, with the end of its log.
     */
    public static Report report(Verilog.Design design, Path dir, SynthTarget target) throws IOException {
        long start = System.nanoTime();
        Result r = yosys(design, dir, target.script(design.top()) + "\nwrite_json netlist.json");
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!r.ok()) {
            String log = r.run().output();
            throw new IOException("yosys failed on " + design.top() + ": "
                    + log.substring(Math.max(0, log.length() - 2000)));
        }
        Path netlist = dir.resolve("netlist.json");
        LogicDepth.Result depth = LogicDepth.analyse(netlist, design.top());
        Map<String, Integer> c = r.cells();
        return new Report(target, c, target.luts(c), target.flipFlops(c), target.blockRams(c), target.lutRams(c),
                target.dsps(c), depth, seconds, netlist);
    }

    public static Result yosys(Verilog.Design design) throws IOException {
        Path dir = Files.createTempDirectory("homa-synth-");
        try {
            return yosys(design, dir, null);
        } finally {
            Lint.deleteTree(dir);
        }
    }
}
