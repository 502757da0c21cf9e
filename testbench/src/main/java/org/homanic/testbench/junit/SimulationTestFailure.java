package org.homanic.testbench.junit;

/**
 * A failed simulation test: the original failure's message followed by how to reproduce and
 * inspect it (seed, waveform file). The original failure is the cause and lends its stack trace.
 */
public final class SimulationTestFailure extends AssertionError {
    SimulationTestFailure(Throwable original, String context) {
        super(messageOf(original) + context, original);
        setStackTrace(original.getStackTrace());
    }

    private static String messageOf(Throwable t) {
        String m = t.getMessage();
        String name = t instanceof AssertionError ? "" : t.getClass().getSimpleName() + ": ";
        return name + (m == null ? "" : m);
    }
}
