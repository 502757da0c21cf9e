package org.homanic.testbench.hdl;

import org.homanic.hdl.Module;
import org.homanic.hdl.constructs.BundlesAndVectors;
import org.homanic.hdl.constructs.ClockCrossing;
import org.homanic.hdl.constructs.Counter;
import org.homanic.hdl.constructs.ExternalModules;
import org.homanic.hdl.constructs.Memories;
import org.homanic.hdl.constructs.PacketFsm;
import org.homanic.hdl.constructs.SwitchDecoder;
import org.homanic.testbench.Port;
import org.homanic.testbench.Simulator;
import org.homanic.testbench.junit.HdlDesign;
import org.homanic.testbench.junit.Seed;
import org.homanic.testbench.junit.VerilatorTest;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Registers, conditionals, switches, vectors, memories, state machines, black boxes and clock
 * domains of the hdl, simulated cycle by cycle against a model written here in plain Java.
 */
class SequentialConstructsSimTest {

    public static final class Counter8 extends HdlDesign {
        @Override
        protected Module build() {
            return new Counter(8);
        }
    }

    @Test
    @VerilatorTest(design = Counter8.class)
    void counterCountsEnabledCyclesAndFlagsWrap(Simulator sim, Seed seed) {
        Random random = seed.random();
        sim.reset(2);
        Port en = sim.port("en");
        int value = 0;
        for (int i = 0; i < 2000; i++) {
            boolean on = random.nextInt(4) != 0;
            en.set(on);
            sim.eval();
            assertEquals(on && value == 255 ? 1 : 0, sim.port("wrap").get(), "wrap is combinational, cycle " + i);
            sim.tick();
            if (on) {
                value = (value + 1) & 0xff;
            }
            assertEquals(value, sim.port("count").get(), "count after cycle " + i);
        }
    }

    public static final class Decoder extends HdlDesign {
        @Override
        protected Module build() {
            return new SwitchDecoder();
        }
    }

    @Test
    @VerilatorTest(design = Decoder.class)
    void switchWithNestedConditionals(Simulator sim, Seed seed) {
        Random random = seed.random();
        sim.reset(1);
        long acc = 0;
        for (int i = 0; i < 3000; i++) {
            int op = random.nextInt(8);
            boolean flag = random.nextBoolean();
            int x = random.nextInt(8) == 0 ? 0 : random.nextInt(256);
            sim.port("op").set(op);
            sim.port("flag").set(flag);
            sim.port("x").set(x);
            sim.eval();
            long expected = switch (op) {
                case 0 -> x;
                case 1, 2 -> flag ? (x + 1) & 0xff : x == 0 ? 0xff : (x - 1) & 0xff;
                case 7 -> ~x & 0xff;
                default -> flag ? 0x55 : 0;
            };
            assertEquals(expected, sim.port("result").get(), "op " + op + " flag " + flag + " x " + x);
            sim.tick();
            if (op == 3) {
                acc = (acc + x) & 0xff;
            } else if (op == 4) {
                acc = 0;
            }
            assertEquals(acc, sim.port("total").get(), "accumulator after op " + op);
        }
    }

    public static final class Vectors extends HdlDesign {
        @Override
        protected Module build() {
            return new BundlesAndVectors();
        }
    }

    @Test
    @VerilatorTest(design = Vectors.class)
    void bundlesVectorsAndPacking(Simulator sim, Seed seed) {
        Random random = seed.random();
        sim.reset(1);
        long[] regs = new long[4];
        boolean[] written = new boolean[4];
        int[][] headers = new int[3][2];
        for (int i = 0; i < 2000; i++) {
            int address = random.nextInt(16);
            int data = random.nextInt(256);
            boolean write = random.nextBoolean();
            int readIndex = random.nextInt(4);
            sim.port("req_address").set(address);
            sim.port("req_data").set(data);
            sim.port("write").set(write);
            sim.port("readIndex").set(readIndex);
            for (int h = 0; h < 3; h++) {
                headers[h][0] = random.nextInt(8);
                headers[h][1] = random.nextInt(1 << 13);
                sim.port("headers_" + h + "_kind").set(headers[h][0]);
                sim.port("headers_" + h + "_length").set(headers[h][1]);
            }
            sim.eval();
            assertEquals(write ? 1 : 0, sim.port("req_ack").get(), "the flipped field is an output");
            long packed = (long) (address & 7) << 13 | (long) data << 5;
            assertEquals(packed, sim.port("packedHeader").get(), "kind in the top bits, then length");
            assertEquals(address & 7, sim.port("headerKind").get(), "unpack gives back the kind");
            int picked = readIndex < 3 ? headers[readIndex][1] : headers[0][1];
            assertEquals(picked, sim.port("pickedLength").get(), "vector of bundles read by index " + readIndex);
            if (written[readIndex]) {
                assertEquals(regs[readIndex], sim.port("readData").get(), "vector register " + readIndex);
            }
            sim.tick();
            if (write) {
                regs[address & 3] = data;
                written[address & 3] = true;
            }
        }
    }

    public static final class Rams extends HdlDesign {
        @Override
        protected Module build() {
            return new Memories(64, 16);
        }
    }

    @Test
    @VerilatorTest(design = Rams.class)
    void blockRamReadsFirstAndRegisterFileStartsFromItsInitialContents(Simulator sim, Seed seed) {
        Random random = seed.random();
        sim.reset(1);
        long[] ram = new long[64];
        boolean[] known = new boolean[64];
        long[] squares = new long[16];
        for (int i = 0; i < 16; i++) {
            squares[i] = (long) i * i;
        }
        long ramWord = -1;
        for (int i = 0; i < 4000; i++) {
            boolean we = random.nextInt(3) == 0;
            int wa = random.nextInt(64);
            int wd = random.nextInt(1 << 16);
            int ra = random.nextBoolean() ? wa : random.nextInt(64);
            boolean re = random.nextInt(4) != 0;
            int fa = random.nextInt(16);
            sim.port("writeEnable").set(we);
            sim.port("writeAddress").set(wa);
            sim.port("writeData").set(wd);
            sim.port("readAddress").set(ra);
            sim.port("readEnable").set(re);
            sim.port("fileAddress").set(fa);
            sim.eval();
            assertEquals(squares[fa], sim.port("fileRead").get(), "asynchronous read of word " + fa);
            sim.tick();
            if (re && known[ra]) {
                ramWord = ram[ra];    // read-first: the word before this cycle's write
            } else if (re) {
                ramWord = -1;
            }
            if (we) {
                ram[wa] = wd;
                known[wa] = true;
                squares[wa & 15] = wd & 0xff;
            }
            if (ramWord >= 0) {
                assertEquals(ramWord, sim.port("blockRead").get(), "synchronous read, cycle " + i);
            }
        }
    }

    public static final class Fsm extends HdlDesign {
        @Override
        protected Module build() {
            return new PacketFsm();
        }
    }

    @Test
    @VerilatorTest(design = Fsm.class)
    void stateMachineCountsPacketBeats(Simulator sim, Seed seed) {
        Random random = seed.random();
        sim.reset(1);
        int state = 0;    // IDLE, HEADER, PAYLOAD, DONE
        long count = 0;
        for (int i = 0; i < 3000; i++) {
            boolean start = random.nextInt(3) == 0;
            boolean last = random.nextInt(5) == 0;
            sim.port("start").set(start);
            sim.port("last").set(last);
            sim.eval();
            assertEquals(state == 0 ? 0 : 1, sim.port("busy").get(), "busy in state " + state);
            sim.tick();
            switch (state) {
                case 0 -> {
                    if (start) {
                        count = 0;
                        state = 1;
                    }
                }
                case 1 -> {
                    count = (count + 1) & 0xff;
                    state = 2;
                }
                case 2 -> {
                    count = (count + 1) & 0xff;
                    if (last) {
                        state = 3;
                    }
                }
                default -> state = 0;
            }
            assertEquals(count, sim.port("beats").get(), "beats after cycle " + i);
        }
    }

    public static final class Adders extends HdlDesign {
        @Override
        protected Module build() {
            return new ExternalModules();
        }
    }

    @Test
    @VerilatorTest(design = Adders.class)
    void blackBoxesRunTheirOwnVerilog(Simulator sim, Seed seed) {
        Random random = seed.random();
        sim.useClock("clock");
        long firstZ = 0;
        long secondZ = 0;
        for (int i = 0; i < 500; i++) {
            long p = random.nextInt(256);
            long q = random.nextInt(256);
            sim.port("p").set(p);
            sim.port("q").set(q);
            sim.tick();
            long newFirst = (p + q) & 0xff;
            secondZ = (firstZ + p) & 0xff;
            firstZ = newFirst;
            if (i > 0) {
                assertEquals(secondZ, sim.port("r").get(), "second adder's registered sum, cycle " + i);
            }
        }
    }

    public static final class Crossing extends HdlDesign {
        @Override
        protected Module build() {
            return new ClockCrossing();
        }
    }

    @Test
    @VerilatorTest(design = Crossing.class)
    void pulsesCrossIntoTheOtherClockDomain(Simulator sim, Seed seed) {
        Random random = seed.random();
        sim.reset("rst", true, 2);
        sim.reset("tx_rst", true, 0);
        int seen = 0;
        int sent = 0;
        for (int i = 0; i < 400; i++) {
            boolean pulse = i % 20 == 0;
            sim.port("pulse").set(pulse);
            sim.useClock("tx_clk").tick();
            sim.port("pulse").set(false);
            if (pulse) {
                sent++;
            }
            // The receiving domain runs several cycles per transmit cycle, a random number.
            int cycles = 4 + random.nextInt(3);
            for (int c = 0; c < cycles; c++) {
                sim.useClock("clk").tick();
                seen += (int) sim.port("seen").get();
            }
        }
        for (int c = 0; c < 10; c++) {
            sim.useClock("clk").tick();
            seen += (int) sim.port("seen").get();
        }
        assertEquals(sent, seen, "each toggle in tx shows as exactly one pulse in the default domain");
    }
}
