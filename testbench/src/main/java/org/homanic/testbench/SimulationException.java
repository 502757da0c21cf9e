package org.homanic.testbench;

/**
 * The simulated design ended the simulation: {@code $finish}, {@code $stop}, {@code $fatal},
 * {@code $error}, a failed immediate assertion, or a fatal error of the Verilator runtime.
 * Carries where (Verilog file and line) and when (simulation time and clock cycle) it happened.
 */
public abstract sealed class SimulationException extends RuntimeException
        permits SimulationFinishedException, SimulationStoppedException, SimulationFatalException {

    private final long simTime;
    private final long cycle;
    private final String sourceFile;
    private final int sourceLine;
    private final String detail;

    SimulationException(String what, long simTime, long cycle, String sourceFile, int sourceLine, String detail) {
        super(what + " at " + sourceFile + ":" + sourceLine + ", time " + simTime + ", cycle " + cycle
                + (detail.isEmpty() ? "" : ": " + detail));
        this.simTime = simTime;
        this.cycle = cycle;
        this.sourceFile = sourceFile;
        this.sourceLine = sourceLine;
        this.detail = detail;
    }

    /** The simulation time (Verilator time units; one clock cycle is 10) when the event happened. */
    public long simTime() {
        return simTime;
    }

    /** How many full clock cycles had run before the event (0 during the first). */
    public long cycle() {
        return cycle;
    }

    public String sourceFile() {
        return sourceFile;
    }

    public int sourceLine() {
        return sourceLine;
    }

    /** The design's own message (e.g. the text of a {@code $fatal}), or Verilator's. */
    public String detail() {
        return detail;
    }
}
