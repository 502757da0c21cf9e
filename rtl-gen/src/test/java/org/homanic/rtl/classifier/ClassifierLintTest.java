package org.homanic.rtl.classifier;

import org.homanic.hdl.Verilog;
import org.homanic.hdl.tools.Lint;
import org.homanic.hdl.tools.ToolRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ClassifierLintTest {

    @ParameterizedTest
    @ValueSource(ints = {64, 512, 1024})
    void ingressIsLintClean(int width) throws Exception {
        Verilog.Design design = Verilog.emit(new IngressClassifier(
                new IngressClassifier.Params(width, 8, 16384, 16384, 64)));
        ToolRun lint = Lint.verilator(design);
        assertFalse(lint.output().contains("%Warning"), () -> lint.output());
        assertEquals(0, lint.exitCode(), lint::output);
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 512, 1024})
    void wholeClassifierIsLintClean(int width) throws Exception {
        Verilog.Design design = Verilog.emit(new HomaClassifier(
                new IngressClassifier.Params(width, 8, 16384, 16384, 64), new EgressClassifier.Params(width, 16384, 16384, 4, 8)));
        ToolRun lint = Lint.verilator(design);
        assertFalse(lint.output().contains("%Warning"), () -> lint.output());
        assertEquals(0, lint.exitCode(), lint::output);
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 512, 1024})
    void egressIsLintClean(int width) throws Exception {
        Verilog.Design design = Verilog.emit(new EgressClassifier(
                new EgressClassifier.Params(width, 16384, 16384, 4, 8)));
        ToolRun lint = Lint.verilator(design);
        assertFalse(lint.output().contains("%Warning"), () -> lint.output());
        assertEquals(0, lint.exitCode(), lint::output);
    }
}
