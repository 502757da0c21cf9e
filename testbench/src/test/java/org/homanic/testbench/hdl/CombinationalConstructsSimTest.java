package org.homanic.testbench.hdl;

import org.homanic.hdl.Module;
import org.homanic.hdl.constructs.Operators;
import org.homanic.testbench.Simulator;
import org.homanic.testbench.junit.HdlDesign;
import org.homanic.testbench.junit.Seed;
import org.homanic.testbench.junit.VerilatorTest;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every operator of the hdl, simulated on random inputs and checked against Java arithmetic. */
class CombinationalConstructsSimTest {

    public static final class OperatorsDesign extends HdlDesign {
        @Override
        protected Module build() {
            return new Operators();
        }
    }

    private static long mask(long v, int bits) {
        return v & ((1L << bits) - 1);
    }

    /** Two's complement value of the low {@code bits} of {@code v}. */
    private static long signed(long v, int bits) {
        return (v << (64 - bits)) >> (64 - bits);
    }

    private static long bit(boolean b) {
        return b ? 1 : 0;
    }

    @Test
    @VerilatorTest(design = OperatorsDesign.class)
    void operatorsMatchJavaArithmetic(Simulator sim, Seed seed) {
        Random random = seed.random();
        for (int i = 0; i < 3000; i++) {
            long a = random.nextInt(256);
            long b = random.nextInt(16);
            long sRaw = random.nextInt(256);
            long tRaw = random.nextInt(32);
            boolean c = random.nextBoolean();
            if (i < 4) {    // the corners first
                a = i % 2 == 0 ? 0 : 255;
                b = i < 2 ? 0 : 15;
                sRaw = i % 2 == 0 ? 0x80 : 0x7f;
                tRaw = i < 2 ? 0x10 : 0x0f;
            }
            long s = signed(sRaw, 8);
            long t = signed(tRaw, 5);
            sim.port("a").set(a);
            sim.port("b").set(b);
            sim.port("s").set(sRaw);
            sim.port("t").set(tRaw);
            sim.port("c").set(c);
            sim.eval();
            String at = " for a=" + a + " b=" + b + " s=" + s + " t=" + t + " c=" + c;

            assertEquals(mask(a + b, 8), sim.port("sum").get(), "sum" + at);
            assertEquals(a + b, sim.port("sumCarry").get(), "sumCarry" + at);
            assertEquals(mask(a - b, 8), sim.port("diff").get(), "diff" + at);
            assertEquals(mask(a - b, 9), sim.port("diffBorrow").get(), "diffBorrow" + at);
            assertEquals(a * b, sim.port("product").get(), "product" + at);
            assertEquals(mask(s * t, 13), sim.port("signedProduct").get(), "signedProduct" + at);
            assertEquals(mask(s + t, 9), sim.port("signedSum").get(), "signedSum" + at);
            assertEquals(mask(-s, 8), sim.port("negated").get(), "negated" + at);
            assertEquals(mask(((a & b) | (a ^ 0x5a)) ^ ~a, 8), sim.port("logic_").get(), "logic (a keyword, so logic_)" + at);
            long compares = bit(a == b) << 11 | bit(a != b) << 10 | bit(a < b) << 9 | bit(a <= b) << 8
                    | bit(a > b) << 7 | bit(a >= b) << 6 | bit(s == t) << 5 | bit(s != t) << 4 | bit(s < t) << 3
                    | bit(s <= t) << 2 | bit(s > t) << 1 | bit(s >= t);
            assertEquals(compares, sim.port("compares").get(), "compares" + at);
            assertEquals(a << 3, sim.port("shiftedLeft").get(), "shiftedLeft" + at);
            assertEquals(a >> 3, sim.port("shiftedRight").get(), "shiftedRight" + at);
            assertEquals(mask(a << (b & 7), 8), sim.port("shiftedBy").get(), "shiftedBy" + at);
            assertEquals(a >> b, sim.port("shiftedRightBy").get(), "shiftedRightBy" + at);
            assertEquals(mask(s >> (b & 7), 8), sim.port("arithmeticShift").get(), "arithmeticShift" + at);
            assertEquals(mask(s >> 2, 6), sim.port("arithmeticShiftConst").get(), "arithmeticShiftConst" + at);
            assertEquals(b << 8 | a, sim.port("concatenated").get(), "concatenated" + at);
            assertEquals((mask(a + b, 8) >> 2) & 0xf, sim.port("sliced").get(), "sliced" + at);
            assertEquals((a >> (b & 7)) & 1, sim.port("dynamicBit").get(), "dynamicBit" + at);
            assertEquals(b < 8 ? (a >> b) & 1 : 0, sim.port("wideIndexBit").get(), "wideIndexBit" + at);
            assertEquals(b << 8 | b << 4 | b, sim.port("replicated").get(), "replicated" + at);
            long reductions = bit(a == 255) << 2 | bit(a != 0) << 1 | (Long.bitCount(a) & 1);
            assertEquals(reductions, sim.port("reductions").get(), "reductions" + at);
            assertEquals(c ? a : b, sim.port("selected").get(), "selected" + at);
            assertEquals(a & 0xf, sim.port("resized").get(), "resized" + at);
            assertEquals(mask(t, 12), sim.port("signExtended").get(), "signExtended" + at);
        }
    }
}
