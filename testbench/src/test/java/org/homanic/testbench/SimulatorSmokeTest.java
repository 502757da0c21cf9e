package org.homanic.testbench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SimulatorSmokeTest {
    @Test
    void counts() {
        Model m = Model.load(VerilogDesign.fromResources("counter", getClass(), "counter.v"));
        try (Simulator s = m.newSimulator()) {
            s.reset(2);
            s.port("enable").set(1);
            s.step(300);
            assertEquals(300 % 256, s.port("count").get());
        }
    }
}
