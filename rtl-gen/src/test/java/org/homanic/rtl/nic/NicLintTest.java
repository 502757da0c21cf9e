package org.homanic.rtl.nic;

import org.homanic.hdl.Verilog;
import org.homanic.hdl.tools.Lint;
import org.homanic.hdl.tools.ToolRun;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The whole NIC lints with {@code verilator --lint-only -Wall} at zero warnings. */
class NicLintTest {

    @Test
    void defaultNicIsLintClean() throws Exception {
        lint(NicParams.DEFAULT);
    }

    @Test
    void simulatedNetworkNicIsLintClean() throws Exception {
        lint(NicParams.SIM);
    }

    private static void lint(NicParams p) throws Exception {
        Verilog.Design design = Verilog.emit(new HomaNic(p));
        ToolRun lint = Lint.verilator(design);
        assertFalse(lint.output().contains("%Warning"), () -> lint.output());
        assertEquals(0, lint.exitCode(), lint::output);
    }
}
