package org.homanic.testbench;

/** Direction of a top-level port, as Verilator declares it. */
public enum PortDirection {
    INPUT, OUTPUT, INOUT;

    /** Whether the testbench may write this port. */
    public boolean writable() {
        return this != OUTPUT;
    }
}
