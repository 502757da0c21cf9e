package org.homanic.hdl.support;

import org.homanic.hdl.Module;
import org.homanic.hdl.Verilog;
import org.homanic.hdl.tools.Lint;
import org.homanic.hdl.tools.Synth;
import org.homanic.hdl.tools.ToolRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Emits a design and holds it to the project's bar: zero Verilator -Wall warnings, Yosys synthesizes it. */
public final class VerilogChecks {
    private VerilogChecks() {}

    public static Verilog.Design lintAndSynth(Module top) throws IOException {
        Verilog.Design design = Verilog.emit(top);
        assertLintClean(design);
        Synth.Result synth = Synth.yosys(design);
        assertTrue(synth.ok(), () -> "yosys failed on " + design.top() + ":\n" + synth.run().output());
        return design;
    }

    public static void assertLintClean(Verilog.Design design) throws IOException {
        ToolRun lint = Lint.verilator(design);
        assertFalse(lint.output().contains("%Warning"), () -> "Verilator warnings on " + design.top() + ":\n"
                + lint.output() + "\n" + String.join("\n", design.verilogFiles().values()));
        assertEquals(0, lint.exitCode(), () -> "Verilator lint failed:\n" + lint.output());
    }

    /** Synthesizes for UltraScale+ and returns the cell counts. */
    public static Synth.Result synthXilinx(Verilog.Design design) throws IOException {
        Path dir = Files.createTempDirectory("homa-xcup-");
        Synth.Result r = Synth.yosys(design, dir, "synth_xilinx -family xcup -flatten -top " + design.top());
        assertTrue(r.ok(), () -> "yosys synth_xilinx failed:\n" + r.run().output());
        return r;
    }
}
