package org.homanic.cli;

import org.homanic.fpga.Board;
import org.homanic.fpga.Boards;
import org.homanic.hdl.Module;
import org.homanic.hdl.Signal;
import org.homanic.hdl.lib.SerialPins;
import org.homanic.hdl.Verilog;
import org.homanic.hdl.tools.Nextpnr;
import org.homanic.hdl.tools.Synth;
import org.homanic.hdl.tools.SynthTarget;
import org.homanic.rtl.nic.HomaNic;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./homa synth NAME}: synthesizes a named design with Yosys and reports its resources
 * and its deepest register-to-register path in LUT levels (and, for iCE40, nextpnr's Fmax).
 */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Synthesize a design with Yosys and report its resources and logic depth.",
                "LUTs, flip-flops, block RAMs and the deepest",
                "register-to-register path in LUT levels (carry chains reported separately)."},
        footer = {"", "Designs: see ./homa synth --list", "Examples:",
                "  ./homa synth axis-pipeline --target xcup",
                "  ./homa synth axis-pipeline --target ice40 --set width=64 --json"})
final class SynthCommand implements Callable<Integer> {
    /** User pins left for data on an iCE40 HX8K in its largest package, after clocks and resets. */
    private static final int ICE40_PIN_BUDGET = 180;
    /** The largest iCE40 (HX8K / LP8K): logic cells (LUT4 + flip-flop each) and 4-kbit block RAMs. */
    private static final int HX8K_LOGIC_CELLS = 7680;
    private static final int HX8K_BLOCK_RAMS = 32;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "The design (see --list).")
    String name;

    @Option(names = "--target", paramLabel = "FAMILY", defaultValue = "xcup",
            description = "xcup (UltraScale+, default) or ice40 (with nextpnr-ice40 place and route).")
    String target;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A design parameter (repeatable).")
    List<String> settings = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Where to keep the Verilog, netlist and logs (default: homa-out/synth/NAME-TARGET).")
    Path out;

    @Option(names = "--json", description = "Print exactly one JSON object on stdout.")
    boolean json;

    @Option(names = "--board", paramLabel = "BOARD",
            description = "Synthesize the NIC with a board's parameter set and report it against the board's capacity (./homa board --list).")
    String board;

    @Option(names = "--list", description = "List the designs and exit.")
    boolean list;

    private static double share(double used, double capacity) {
        return Math.round(used / capacity * 1e4) / 1e4;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        if (list) {
            Designs.all().values().forEach(e -> stdout.printf("%-20s %s%n", e.name(), e.description()));
            return 0;
        }
        if (name == null && board != null) {
            name = "nic";
        }
        if (name == null) {
            throw new CliException("name a design to synthesize (./homa synth --list shows them)");
        }
        SynthTarget family = switch (target.toLowerCase(Locale.ROOT)) {
            case "xcup" -> SynthTarget.XCUP;
            case "ice40" -> SynthTarget.ICE40;
            default -> throw new CliException("--target must be xcup or ice40, not '" + target + "'");
        };
        Map<String, String> preset = Designs.preset(name, family);
        DesignParams params = DesignParams.parse(settings).withDefaults(preset);
        Board onBoard = null;
        Module design;
        if (board != null) {
            try {
                onBoard = Boards.byName(board);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            if (!name.equals("nic")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--board goes with the design 'nic', not '" + name + "'");
            }
            design = new HomaNic(Designs.nicParams(params, onBoard.nic()));
            params.checkAllUsed(name);
        } else {
            design = Designs.build(name, params);
        }
        Path dir = out != null ? out.toAbsolutePath()
                : ProjectPaths.output("synth").resolve(name + "-" + family.name().toLowerCase(Locale.ROOT));

        // An iCE40 HX8K has about 200 user pins; a wider design is placed behind serial pin chains,
        // which leave its own register-to-register paths (what Fmax measures) untouched.
        int dataPins = design.ports().stream().filter(p -> p.role() == Signal.Role.DATA).mapToInt(Signal::width).sum();
        boolean serialPins = family == SynthTarget.ICE40 && dataPins > ICE40_PIN_BUDGET;
        if (serialPins) {
            design = new SerialPins(design);
        }
        Progress progress = new Progress(System.err, family == SynthTarget.ICE40 ? 3 : 2);
        progress.begin("elaborating " + name + " " + params.given()
                + (serialPins ? " behind serial pin chains (" + dataPins + " data pins)" : ""));
        Verilog.Design verilog = Verilog.emit(design);
        verilog.write(dir);
        progress.done(verilog.verilogFiles().size() + " Verilog files in " + dir);
        progress.begin("yosys " + family.script(verilog.top()));
        Synth.Report r = Synth.report(verilog, dir, family);
        progress.done(r.luts() + " LUTs, " + r.flipFlops() + " FFs, deepest path " + r.depth().lutLevels() + " LUT levels");
        Double fmax = null;
        // Each iCE40 logic cell holds one LUT4 and one flip-flop, so the larger count is a lower
        // bound on the cells; nextpnr is only worth running when that and the block RAMs fit.
        long cellsAtLeast = Math.max(r.luts(), r.flipFlops());
        boolean fits = family != SynthTarget.ICE40
                || (cellsAtLeast <= HX8K_LOGIC_CELLS && r.blockRams() <= HX8K_BLOCK_RAMS);
        if (family == SynthTarget.ICE40 && fits) {
            progress.begin("nextpnr-ice40 place and route (HX8K)");
            fmax = Nextpnr.ice40(r.netlist()).fmaxMhz();
            progress.done(String.format("Fmax %.1f MHz", fmax));
        }

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("design", name);
        report.put("topModule", verilog.top());
        report.put("parameters", verilog.manifest().get("parameters"));
        report.put("target", family.name().toLowerCase(Locale.ROOT));
        report.put("designDataPins", dataPins);
        report.put("serialPinWrapper", serialPins);
        report.put("luts", r.luts());
        report.put("flipFlops", r.flipFlops());
        report.put("blockRams", r.blockRams());
        report.put("lutRams", r.lutRams());
        report.put("dsps", r.dsps());
        report.put("deepestPathLutLevels", r.depth().lutLevels());
        report.put("longestCarryChainCells", r.depth().longestCarryChain());
        report.put("deepestPathFrom", r.depth().from());
        report.put("deepestPathTo", r.depth().to());
        if (family == SynthTarget.ICE40) {
            report.put("logicCellsAtLeast", cellsAtLeast);
            report.put("hx8kLogicCells", HX8K_LOGIC_CELLS);
            report.put("hx8kBlockRams", HX8K_BLOCK_RAMS);
            report.put("fitsHx8k", fits);
        }
        if (fmax != null) {
            report.put("fmaxMhz", fmax);
        }
        if (onBoard != null) {
            Board.Capacity c = onBoard.capacity();
            report.put("board", onBoard.name());
            report.put("boardPart", onBoard.part());
            report.put("boardCapacityLuts", c.luts());
            report.put("boardCapacityFlipFlops", c.flipFlops());
            report.put("boardCapacityBlockRams", c.blockRams());
            report.put("boardLutsRatio", share(r.luts(), c.luts()));
            report.put("boardFlipFlopsRatio", share(r.flipFlops(), c.flipFlops()));
            report.put("boardBlockRamsRatio", share(r.blockRams(), c.blockRams()));
        }
        report.put("yosysSeconds", Math.round(r.seconds() * 10) / 10.0);
        report.put("artifacts", dir.toString());
        if (json) {
            stdout.println(JsonReport.of(report));
        } else {
            stdout.printf("%s on %s: %d LUTs, %d flip-flops, %s block RAMs, %d LUT RAMs, %d DSPs%n", name,
                    report.get("target"), r.luts(), r.flipFlops(), r.blockRams(), r.lutRams(), r.dsps());
            stdout.printf("  deepest register-to-register path: %d LUT levels; longest carry chain: %d cells%n",
                    r.depth().lutLevels(), r.depth().longestCarryChain());
            if (fmax != null) {
                stdout.printf("  nextpnr-ice40 (HX8K) Fmax: %.1f MHz%n", fmax);
            }
            if (!fits) {
                stdout.printf("  does not fit an iCE40 HX8K, the largest iCE40: at least %d logic cells of %d,"
                        + " %s block RAMs of %d; no place and route%n", cellsAtLeast, HX8K_LOGIC_CELLS, r.blockRams(),
                        HX8K_BLOCK_RAMS);
            }
            stdout.println("  deepest path: from " + r.depth().from() + " to " + r.depth().to());
            stdout.println("    through " + String.join(" -> ", r.depth().deepestPath()));
            if (onBoard != null) {
                stdout.printf("  on %s (%s): %.1f %% of LUTs, %.1f %% of flip-flops, %.1f %% of block RAMs%n", onBoard.name(),
                        onBoard.part(), 100 * (double) report.get("boardLutsRatio"), 100 * (double) report.get("boardFlipFlopsRatio"),
                        100 * (double) report.get("boardBlockRamsRatio"));
            }
            stdout.println("  artifacts: " + dir);
        }
        stdout.flush();
        return fits ? 0 : 1;
    }
}
