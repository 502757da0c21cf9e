package org.homanic.testbench;

/**
 * A testbench component that takes part in every clock cycle of a {@link ClockedBench}: it first
 * drives its inputs of the design, then, once combinational logic has settled, sees what the
 * design presents just before the rising edge (a valid/ready handshake completes exactly when
 * both are high at that point).
 */
public interface Clocked {
    /** Sets this component's inputs of the design for the coming rising edge. */
    void drive();

    /** Observes the settled signals just before the rising edge; {@code cycle} is the edge's cycle number. */
    void sample(long cycle);
}
