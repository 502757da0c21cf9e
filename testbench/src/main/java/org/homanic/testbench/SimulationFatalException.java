package org.homanic.testbench;

/**
 * The Verilator runtime hit a fatal error (for example a combinational loop that does not
 * converge). The model's state is undefined afterwards: the simulator only allows closing.
 */
public final class SimulationFatalException extends SimulationException {
    SimulationFatalException(long simTime, long cycle, String file, int line, String detail) {
        super("Verilator fatal error", simTime, cycle, file, line, detail);
    }
}
