package org.homanic.testbench;

/** The design called {@code $finish}. A test that runs a design to its end expects this one. */
public final class SimulationFinishedException extends SimulationException {
    SimulationFinishedException(long simTime, long cycle, String file, int line, String detail) {
        super("$finish", simTime, cycle, file, line, detail);
    }
}
