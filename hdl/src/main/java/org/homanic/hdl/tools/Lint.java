package org.homanic.hdl.tools;

import org.homanic.hdl.Verilog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Verilator's linter over an emitted design: {@code verilator --lint-only -Wall}. The project's
 * rule is zero warnings, so a clean result has exit code 0 and no %Warning lines.
 */
public final class Lint {
    private Lint() {}

    /** Writes the design into {@code dir} and lints it. */
    public static ToolRun verilator(Verilog.Design design, Path dir) throws IOException {
        design.write(dir);
        List<String> cmd = new ArrayList<>(List.of("verilator", "--lint-only", "-Wall", "--top-module", design.top()));
        for (String f : design.verilogFiles().keySet()) {
            cmd.add(f);
        }
        return ToolRun.run(dir, cmd, 300);
    }

    /** Lints the design in a fresh temporary directory (removed afterwards). */
    public static ToolRun verilator(Verilog.Design design) throws IOException {
        Path dir = Files.createTempDirectory("homa-lint-");
        try {
            return verilator(design, dir);
        } finally {
            deleteTree(dir);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
