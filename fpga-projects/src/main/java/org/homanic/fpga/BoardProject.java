package org.homanic.fpga;

import org.homanic.hdl.Verilog;
import org.homanic.rtl.nic.NicRegisters;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a complete board project folder: the NIC's Verilog, the shell wrapper, the build
 * script that takes a checkout of the shell, program and flash scripts, the lint stand-in, the
 * register map and a README. The output is deterministic: the same board gives the same bytes.
 */
public final class BoardProject {
    private BoardProject() {}

    /** What was written: every file, relative to the folder, and the lint command. */
    public record Result(Board board, Path dir, List<String> files, List<String> lintCommand) {}

    /** The Verilog design (adapter + NIC) the board's wrapper instantiates. */
    public static Verilog.Design design(Board board) {
        return Verilog.emit(new HomaShellAdapter(board.nic(), board.shell() == Shell.OPENNIC));
    }

    public static Result write(Board board, Path dir) throws IOException {
        Verilog.Design design = design(board);
        Map<String, String> files = new TreeMap<>();
        String rtl = board.shell() == Shell.CORUNDUM ? "rtl/" : "plugin/rtl/";
        design.verilogFiles().forEach((name, text) -> files.put(rtl + name, text));
        files.put("registers/homa_nic_regs.md", "# HomaNic register map (AXI4-Lite, 32-bit registers)\n\n" + NicRegisters.markdown()
                + RegisterMapJson.channelMarkdown());
        files.put("registers/homa_nic_regs.h", NicRegisters.cHeader());
        files.put("registers/NicRegs.java", NicRegisters.javaConstants());
        files.put("registers/register-map.json", RegisterMapJson.of(NicRegisters.ALL));
        files.put(rtl + design.top() + ".json", manifestJson(design));
        List<String> lint;
        if (board.shell() == Shell.CORUNDUM) {
            files.put("rtl/mqnic_app_block.v", CorundumAppBlock.verilog(design.top(), board.name()));
            files.put("lint/mqnic_core_app_standin.sv", resource("standin/mqnic_core_app_standin.sv"));
            lint = new ArrayList<>(List.of("verilator", "--lint-only", "-Wall", "--top-module", "mqnic_core_app_standin",
                    "-GIF_COUNT=" + CorundumBuild.interfaces(board),
                    "lint/mqnic_core_app_standin.sv", "rtl/mqnic_app_block.v"));
            design.verilogFiles().keySet().forEach(f -> lint.add("rtl/" + f));
            files.put("Makefile", CorundumBuild.makefile(board, design));
        } else {
            OpenNicPlugin.files(design.top(), board.name()).forEach((name, text) -> files.put("plugin/" + name, text));
            for (String f : List.of("box_250mhz.sv", "generic_reset.sv", "axi_lite_clock_converter.v")) {
                files.put("lint/" + f, resource("standin/" + f));
            }
            lint = new ArrayList<>(List.of("verilator", "--lint-only", "-Wall", "-Iplugin/box_250mhz", "--top-module", "box_250mhz",
                    "lint/box_250mhz.sv", "lint/generic_reset.sv", "lint/axi_lite_clock_converter.v",
                    "plugin/" + OpenNicPlugin.WRAPPER + ".v"));
            design.verilogFiles().keySet().forEach(f -> lint.add("plugin/rtl/" + f));
            files.put("Makefile", OpenNicBuild.makefile(board));
        }
        files.put("lint/lint.sh", script("Lint the wrapper inside the stand-in of the shell's interface (Verilator).",
                "cd \"$(dirname \"$0\")/..\"\nexec " + String.join(" ", lint) + "\n"));
        files.put("program.tcl", Flashing.programTcl());
        files.put("flash.tcl", Flashing.flashTcl(board));
        files.put("program.sh", script("Load a bitstream into the FPGA over JTAG (lost at power-off). Usage: ./program.sh [BIT]",
                Flashing.programSh(board)));
        files.put("flash.sh", script("Write a bitstream to the card's configuration flash (kept across power cycles). Usage: ./flash.sh [BIT]",
                Flashing.flashSh(board)));
        files.put("board.json", BoardReadme.json(board, design));
        files.put("README.md", BoardReadme.markdown(board, design, lint));

        Files.createDirectories(dir);
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path p = dir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue());
            if (e.getKey().endsWith(".sh")) {
                try {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system: the scripts still run with "sh script.sh"
                }
            }
        }
        return new Result(board, dir, List.copyOf(files.keySet()), List.copyOf(lint));
    }

    /** The outcome of a lint run: Verilator's exit code, its output and the number of warnings in it. */
    public record LintResult(int exitCode, String output, long warnings) {
        public boolean clean() {
            return exitCode == 0 && warnings == 0 && !output.contains("%Error");
        }
    }

    /** Runs the project's lint command (the wrapper inside the shell stand-in) in its folder. */
    public static LintResult lint(Result project) throws IOException {
        Process p = new ProcessBuilder(project.lintCommand()).directory(project.dir().toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            int code = p.waitFor();
            return new LintResult(code, out, out.lines().filter(l -> l.startsWith("%Warning")).count());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while linting " + project.board().name(), e);
        }
    }

    private static String manifestJson(Verilog.Design design) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(design.manifest()) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String resource(String name) {
        try (InputStream in = BoardProject.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String script(String purpose, String body) {
        return "#!/bin/sh\n# Generated by homa-nic (fpga-projects).\n# " + purpose + "\nset -eu\n" + body;
    }
}
