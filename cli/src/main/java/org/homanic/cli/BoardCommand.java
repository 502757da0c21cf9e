package org.homanic.cli;

import org.homanic.fpga.Board;
import org.homanic.fpga.BoardProject;
import org.homanic.fpga.Boards;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./homa board NAME --out DIR}: a complete board project for an FPGA NIC shell (Corundum
 * or OpenNIC) on an Alveo card; {@code --lint} also lints its wrapper inside the shell stand-in.
 */
@Command(name = "board", mixinStandardHelpOptions = true,
        description = {"Write a board project: the NIC's Verilog in a shell wrapper (Corundum or OpenNIC),",
                "a Makefile that builds it against a checkout of the shell, program/flash scripts, README.",
                "Boards and steps: docs/boards.md."},
        footer = {"", "Examples:",
                "  ./homa board --list",
                "  ./homa board corundum-au250 --out build/corundum-au250 --lint"})
final class BoardCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "The board project (see --list).")
    String name;

    @Option(names = "--out", paramLabel = "DIR", description = "Directory for the project (created; default homa-out/board/NAME).")
    Path out;

    @Option(names = "--lint", description = "Also run the project's lint (the wrapper inside the shell stand-in, verilator -Wall).")
    boolean lint;

    @Option(names = "--list", description = "List the boards and exit.")
    boolean list;

    @Option(names = "--json", description = "Print exactly one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        if (list) {
            for (Board b : Boards.all().values()) {
                stdout.printf("%-16s %-11s %-18s %s%n", b.name(), b.card(), b.shell().title(), b.part());
            }
            stdout.flush();
            return 0;
        }
        if (name == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "name a board; known boards: " + String.join(", ", Boards.all().keySet()));
        }
        Board board;
        try {
            board = Boards.byName(name);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Path dir = (out != null ? out : ProjectPaths.output("board").resolve(name)).toAbsolutePath();
        BoardProject.Result r = BoardProject.write(board, dir);
        Integer warnings = null;
        if (lint) {
            BoardProject.LintResult run = BoardProject.lint(r);
            warnings = (int) run.warnings();
            if (!run.clean()) {
                throw new CliException("lint of " + name + " reported problems:\n" + run.output());
            }
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("board", board.name());
        report.put("card", board.card());
        report.put("shell", board.shell().title());
        report.put("part", board.part());
        report.put("directory", dir.toString());
        report.put("files", r.files().size());
        if (warnings != null) report.put("lintWarnings", warnings);
        if (json) {
            stdout.println(JsonReport.of(report));
        } else {
            stdout.printf("%s: %s in %s (%s), %d files in %s%n", board.name(), board.card(), board.shell().title(),
                    board.part(), r.files().size(), dir);
            if (warnings != null) stdout.println("  lint (wrapper inside the shell stand-in, verilator -Wall): 0 warnings");
            stdout.println("  next: see " + dir.resolve("README.md"));
        }
        stdout.flush();
        return 0;
    }
}
