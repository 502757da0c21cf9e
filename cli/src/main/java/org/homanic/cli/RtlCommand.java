package org.homanic.cli;

import org.homanic.hdl.Verilog;
import org.homanic.hdl.tools.Lint;
import org.homanic.hdl.tools.ToolRun;
import org.homanic.rtl.nic.HomaNic;
import org.homanic.rtl.nic.NicParams;
import org.homanic.rtl.nic.NicRegisters;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./homa rtl --out DIR}: the NIC's Verilog, its manifest and its register map (Markdown,
 * C header, Java constants) for one parameter set.
 */
@Command(name = "rtl", mixinStandardHelpOptions = true,
        description = {"Write the HomaNic Verilog, manifest and register map (docs, C header, Java constants).",
                "Parameters and ports: docs/nic.md."},
        footer = {"", "Examples:",
                "  ./homa rtl --out build/nic",
                "  ./homa rtl --out build/nic-64 --set width=64 --set sched_entries=256 --lint"})
final class RtlCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory for the generated files (created).")
    Path out;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A NIC parameter (repeatable), e.g. width=64.")
    List<String> settings = new ArrayList<>();

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "default",
            description = "default (512 bits, the FPGA shells) or sim (256 bits, the simulated network); --set changes it.")
    String preset;

    @Option(names = "--lint", description = "Also run verilator --lint-only -Wall on the output (fails on any warning).")
    boolean lint;

    @Option(names = "--json", description = "Print exactly one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        NicParams params = params(spec.commandLine(), preset, settings);
        Verilog.Design design = Verilog.emit(new HomaNic(params));
        Path dir = out.toAbsolutePath();
        design.write(dir);
        List<Path> regs = NicRegisters.writeTo(dir);
        Integer warnings = null;
        if (lint) {
            ToolRun run = Lint.verilator(design);
            warnings = (int) run.output().lines().filter(l -> l.startsWith("%Warning")).count();
            if (run.exitCode() != 0 || warnings > 0) {
                throw new CliException("verilator --lint-only -Wall reported problems:\n" + run.output());
            }
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("topModule", design.top());
        report.put("parameters", params);
        report.put("verilogFiles", design.verilogFiles().size());
        report.put("directory", dir.toString());
        report.put("registerMap", regs.stream().map(p -> p.getFileName().toString()).toList());
        report.put("registers", NicRegisters.ALL.size());
        if (warnings != null) report.put("lintWarnings", warnings);
        if (json) {
            stdout.println(JsonReport.of(report));
        } else {
            stdout.printf("HomaNic %s: %d Verilog files, manifest %s.json, register map %s in %s%n", params,
                    design.verilogFiles().size(), design.top(), report.get("registerMap"), dir);
            if (warnings != null) stdout.println("  verilator --lint-only -Wall: 0 warnings");
        }
        stdout.flush();
        return 0;
    }

    /** The parameters from a preset and {@code --set}; a bad value is a usage error (exit 2). */
    static NicParams params(CommandLine cl, String preset, List<String> settings) {
        NicParams base = switch (preset) {
            case "default" -> NicParams.DEFAULT;
            case "sim" -> NicParams.SIM;
            default -> throw new CommandLine.ParameterException(cl, "--preset must be default or sim, not '" + preset + "'");
        };
        try {
            DesignParams p = DesignParams.parse(settings);
            NicParams params = Designs.nicParams(p, base);
            p.checkAllUsed("nic");
            return params;
        } catch (CliException | IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "invalid NIC parameters: " + e.getMessage());
        }
    }
}
