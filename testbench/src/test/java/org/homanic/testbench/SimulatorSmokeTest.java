package org.homanic.testbench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SimulatorSmokeTest {
    @Test
    void advanceEvaluatesCombinationalLogicAndMovesTime() {
        Model m = Model.load(VerilogDesign.fromResources("wide_datapath", getClass(), "wide_datapath.v"));
        try (Simulator s = m.newSimulator()) {
            s.port("in_data").setWords(new long[] {0x1_2345_6789L, 0, 0, 0, 0, 0, 0, 0x7777L << 48});
            s.advance(3);
            assertEquals(3, s.time());
            assertEquals(0, s.cycle());
            assertEquals(0x1_2345_6789L, s.port("low33").get());
            assertEquals(0x7777L << 48, s.port("top64").get());
        }
    }

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
