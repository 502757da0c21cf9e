package org.homanic.testbench;

/**
 * The design called {@code $stop}, {@code $fatal} or {@code $error}, or an immediate assertion
 * failed: Verilator routes all of them through its stop handler, and {@link #detail()} holds the
 * line the design printed, which says which one it was.
 */
public final class SimulationStoppedException extends SimulationException {
    SimulationStoppedException(long simTime, long cycle, String file, int line, String detail) {
        super("simulation stopped ($stop, $fatal, $error or assertion)", simTime, cycle, file, line, detail);
    }
}
