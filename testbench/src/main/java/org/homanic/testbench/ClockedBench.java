package org.homanic.testbench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Runs {@link Clocked} components cycle by cycle around a simulator: all drive, the design
 * settles, all sample, the clock ticks. Components are called in the order they were added.
 */
public final class ClockedBench {
    private final Simulator sim;
    private final List<Clocked> components = new ArrayList<>();

    public ClockedBench(Simulator sim) {
        this.sim = sim;
    }

    public ClockedBench add(Clocked... more) {
        components.addAll(List.of(more));
        return this;
    }

    public Simulator simulator() {
        return sim;
    }

    /** One clock cycle. */
    public void cycle() {
        for (int i = 0; i < components.size(); i++) components.get(i).drive();
        sim.eval();
        long cycle = sim.cycle();
        for (int i = 0; i < components.size(); i++) components.get(i).sample(cycle);
        sim.tick();
    }

    /** Runs cycles until {@code done} holds; fails after {@code maxCycles} (a hung design), naming the cycle. */
    public void runUntil(BooleanSupplier done, long maxCycles) {
        long start = sim.cycle();
        while (!done.getAsBoolean()) {
            if (sim.cycle() - start >= maxCycles) {
                throw new AssertionError("timed out after " + maxCycles + " cycles (at cycle " + sim.cycle() + ")");
            }
            cycle();
        }
    }
}
