package org.homanic.testbench.hdl;

import org.homanic.hdl.Module;
import org.homanic.hdl.constructs.Operators;
import org.homanic.hdl.lib.SerialPins;
import org.homanic.testbench.Simulator;
import org.homanic.testbench.junit.HdlDesign;
import org.homanic.testbench.junit.Seed;
import org.homanic.testbench.junit.VerilatorTest;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A design behind serial pin chains still computes what it computes: inputs shifted in, outputs shifted out. */
class SerialPinsSimTest {

    public static final class Wrapped extends HdlDesign {
        @Override
        protected Module build() {
            return new SerialPins(new Operators());
        }
    }

    @Test
    @VerilatorTest(design = Wrapped.class)
    void shiftedInputsGiveTheDesignsOutputs(Simulator sim, Seed seed) {
        Random random = seed.random();
        sim.reset(1);
        for (int round = 0; round < 20; round++) {
            long a = random.nextInt(256);
            long b = random.nextInt(16);
            long s = random.nextInt(256);
            long t = random.nextInt(32);
            long c = random.nextInt(2);
            // Operators' inputs in port order a(8) b(4) s(8) t(5) c(1): the first port's top bit goes in first.
            long chain = a << 18 | b << 14 | s << 6 | t << 1 | c;
            sim.port("capture").set(false);
            sim.port("shiftEnable").set(true);
            for (int bit = 25; bit >= 0; bit--) {
                sim.port("shiftIn").set((chain >>> bit & 1) == 1);
                sim.tick();
            }
            sim.port("shiftEnable").set(false);
            sim.port("capture").set(true);
            sim.tick();
            sim.port("capture").set(false);
            sim.port("shiftEnable").set(true);
            // The first output port, sum (8 bits), comes out first, most significant bit first.
            long sum = 0;
            for (int bit = 0; bit < 8; bit++) {
                sim.eval();
                sum = sum << 1 | sim.port("shiftOut").get();
                sim.tick();
            }
            assertEquals((a + b) & 0xff, sum, "sum of a=" + a + " b=" + b);
        }
    }
}
