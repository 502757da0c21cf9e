package org.homanic.rtl.grant;

import org.homanic.hdl.Verilog;
import org.homanic.hdl.tools.Lint;
import org.homanic.hdl.tools.ToolRun;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The generated Verilog passes verilator --lint-only -Wall with zero warnings. */
class GrantLintTest {

    @Test
    void schedulerIsLintClean() throws Exception {
        assertLintClean(Verilog.emit(new GrantScheduler(GrantSchedulerParams.defaults())));
    }

    @Test
    void grantUnitIsLintClean() throws Exception {
        assertLintClean(Verilog.emit(new GrantUnit(GrantSchedulerParams.defaults(), 512)));
    }

    private static void assertLintClean(Verilog.Design design) throws Exception {
        ToolRun lint = Lint.verilator(design);
        assertFalse(lint.output().contains("%Warning"), lint::output);
        assertEquals(0, lint.exitCode(), lint::output);
    }
}
