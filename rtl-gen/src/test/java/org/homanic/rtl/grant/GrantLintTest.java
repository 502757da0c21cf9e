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
        Verilog.Design design = Verilog.emit(new GrantScheduler(GrantSchedulerParams.defaults()));
        ToolRun lint = Lint.verilator(design);
        assertFalse(lint.output().contains("%Warning"), lint::output);
        assertEquals(0, lint.exitCode(), lint::output);
    }
}
