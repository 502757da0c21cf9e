package org.homanic.testbench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Several simulators of one model, and of different models, in one JVM do not share state. */
class IndependentInstancesTest {
    private final Model counter = Model.load(VerilogDesign.fromResources("counter", getClass(), "counter.v"));

    @Test
    void twoInstancesOfOneModelKeepTheirOwnStateAndTime() {
        try (Simulator a = counter.newSimulator(); Simulator b = counter.newSimulator()) {
            a.reset(1);
            b.reset(1);
            a.port("enable").set(1);
            b.port("enable").set(1);
            a.step(10);
            b.step(3);
            b.port("enable").set(0);
            b.step(100);
            assertEquals(10, a.port("count").get());
            assertEquals(3, b.port("count").get());
            assertEquals(11, a.cycle());
            assertEquals(104, b.cycle());
            assertEquals(10 * 104, b.time());
        }
    }

    @Test
    void differentModelsSideBySide() {
        Model finisher = Model.load(VerilogDesign.fromResources("finisher", getClass(), "finisher.v"));
        assertNotEquals(counter.directory(), finisher.directory());
        try (Simulator c = counter.newSimulator(); Simulator f = finisher.newSimulator()) {
            f.port("mode").set(0);
            f.port("at").set(5);
            c.reset(1);
            c.port("enable").set(1);
            assertThrows(SimulationFinishedException.class, () -> f.step(100));
            c.step(20); // the other design's $finish does not touch this one
            assertEquals(20, c.port("count").get());
        }
    }

    @Test
    void loadingTheSameDesignAgainReusesTheLoadedModel() {
        assertSame(counter, Model.load(VerilogDesign.fromResources("counter", getClass(), "counter.v")));
    }

    @Test
    void aClosedSimulatorRefusesAccessInsteadOfCrashing() {
        Simulator s = counter.newSimulator();
        Port count = s.port("count");
        s.close();
        assertThrows(IllegalStateException.class, count::get);
        assertThrows(IllegalStateException.class, s::tick);
    }
}
