package org.homanic.testbench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A design Verilator rejects fails with Verilator's own message, naming the file and line. */
class BuildErrorTest {
    @Test
    void syntaxErrorIsReportedWithVerilatorsMessage() {
        VerilogDesign broken = VerilogDesign.of("broken", "broken.v",
                "module broken(input wire a, output wire y);\n  assign y = a +;\nendmodule\n");
        ModelBuildException e = assertThrows(ModelBuildException.class, () -> Model.load(broken));
        assertTrue(e.getMessage().contains("Verilator rejected design 'broken'"), e.getMessage());
        assertTrue(e.getMessage().contains("broken.v:2"), e.getMessage());
    }

    @Test
    void unknownTopModuleIsReported() {
        VerilogDesign wrongTop = VerilogDesign.of("missing", "present.v", "module present; endmodule\n");
        ModelBuildException e = assertThrows(ModelBuildException.class, () -> Model.load(wrongTop));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void designNamesAreCheckedBeforeAnyBuild() {
        assertThrows(IllegalArgumentException.class, () -> VerilogDesign.of("a b", "x.v", ""));
        assertThrows(IllegalArgumentException.class, () -> VerilogDesign.of("x", "../x.v", ""));
    }
}
