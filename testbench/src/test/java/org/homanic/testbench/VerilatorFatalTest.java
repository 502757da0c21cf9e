package org.homanic.testbench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verilator's own fatal errors (here: a combinational loop) end the call, not the JVM. */
class VerilatorFatalTest {
    private final Model model = Model.load(VerilogDesign.fromResources("oscillator", getClass(), "oscillator.v"));

    @Test
    void nonConvergingLogicRaisesAFatalExceptionAndOnlyClosingRemains() {
        try (Simulator s = model.newSimulator().output(new PrintStream(new ByteArrayOutputStream()))) {
            s.eval(); // settles while disabled
            s.port("enable").set(1);
            SimulationFatalException e = assertThrows(SimulationFatalException.class, s::eval);
            assertTrue(e.detail().contains("converge"), e.getMessage());
            assertThrows(IllegalStateException.class, s::eval);
        }
    }

    @Test
    void anotherInstanceStillWorksAfterAFatal() {
        try (Simulator s = model.newSimulator().output(new PrintStream(new ByteArrayOutputStream()))) {
            s.port("enable").set(1);
            assertThrows(SimulationFatalException.class, s::eval);
        }
        try (Simulator s = model.newSimulator()) {
            s.port("enable").set(0);
            assertDoesNotThrow(s::eval);
        }
    }
}
