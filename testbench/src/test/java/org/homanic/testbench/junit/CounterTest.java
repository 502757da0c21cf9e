package org.homanic.testbench.junit;

import org.homanic.testbench.Port;
import org.homanic.testbench.Simulator;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The counter against a count kept in Java, with random enables: the extension's everyday use. */
@VerilatorTest(top = "counter", verilog = "/org/homanic/testbench/counter.v")
class CounterTest {

    @RepeatedTest(3)
    void countsEnabledCyclesAndFlagsTheWrap(Simulator sim, Seed seed) {
        Random random = seed.random();
        sim.reset(2);
        Port enable = sim.port("enable"), count = sim.port("count"), wrapped = sim.port("wrapped");
        int expected = 0;
        for (int cycle = 0; cycle < 2000; cycle++) {
            boolean on = random.nextInt(4) != 0;
            enable.set(on);
            sim.tick();
            boolean wraps = on && expected == 255;
            if (on) expected = (expected + 1) & 0xFF;
            assertEquals(expected, count.get(), "count after cycle " + sim.cycle());
            assertEquals(wraps, wrapped.isHigh(), "wrapped after cycle " + sim.cycle());
        }
    }

    @Test
    void resetClearsTheCount(Simulator sim) {
        sim.port("enable").set(1);
        sim.step(7);
        sim.reset(1);
        assertEquals(0, sim.port("count").get());
    }
}
