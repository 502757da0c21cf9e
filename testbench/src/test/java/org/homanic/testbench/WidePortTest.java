package org.homanic.testbench;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Ports wider than 64 bits, read and written as words, bytes and BigIntegers. */
class WidePortTest {
    private static final BigInteger MASK512 = BigInteger.ONE.shiftLeft(512).subtract(BigInteger.ONE);
    private static Model model;

    @BeforeAll
    static void load() {
        model = Model.load(VerilogDesign.fromResources("wide_datapath", WidePortTest.class, "wide_datapath.v"));
    }

    /** The design's function, computed independently with BigInteger. */
    private static BigInteger expected(BigInteger in, BigInteger key) {
        BigInteger rotated = in.shiftLeft(8).or(in.shiftRight(504)).and(MASK512);
        return rotated.xor(key);
    }

    @Test
    void randomValuesThroughBigIntegerWordsAndBytes() {
        long seed = new Random().nextLong();
        System.out.println("WidePortTest seed " + seed);
        Random random = new Random(seed);
        try (Simulator s = model.newSimulator()) {
            Port in = s.port("in_data"), key = s.port("key"), out = s.port("out_data");
            assertEquals(512, in.width());
            assertEquals(8, in.wordCount());
            assertEquals(64, in.byteCount());
            long[] words = new long[8];
            byte[] bytes = new byte[64];
            for (int i = 0; i < 200; i++) {
                BigInteger a = new BigInteger(512, random), k = new BigInteger(512, random);
                switch (i % 3) {
                    case 0 -> { in.setBig(a); key.setBig(k); }
                    case 1 -> { toWords(a, words); in.setWords(words); toWords(k, words); key.setWords(words); }
                    default -> { toBytes(a, bytes); in.setBytes(bytes, 0, 64); toBytes(k, bytes); key.setBytes(bytes, 0, 64); }
                }
                s.tick();
                BigInteger want = expected(a, k);
                assertEquals(want, out.getBig(), "seed " + seed + " step " + i);
                out.getWords(words);
                assertEquals(want, fromWords(words), "words, seed " + seed);
                out.getBytes(bytes, 0);
                assertEquals(want, fromBytes(bytes), "bytes, seed " + seed);
                assertEquals(a.and(BigInteger.ONE.shiftLeft(100).subtract(BigInteger.ONE)), s.port("low100").getBig());
                assertEquals(a.and(BigInteger.ONE.shiftLeft(33).subtract(BigInteger.ONE)).longValue(), s.port("low33").get());
                assertEquals(a.shiftRight(448).longValue(), s.port("top64").get());
            }
        }
    }

    @Test
    void aShortBeatZeroesTheUpperLanes() {
        try (Simulator s = model.newSimulator()) {
            Port in = s.port("in_data");
            byte[] ones = new byte[64];
            java.util.Arrays.fill(ones, (byte) 0xFF);
            in.setBytes(ones, 0, 64);
            byte[] three = {1, 2, 3};
            in.setBytes(three, 0, 3);
            s.eval();
            assertEquals(0x030201L, s.port("low33").get());
            assertEquals(0L, s.port("top64").get());
        }
    }

    @Test
    void narrowPortsKeepTheLowBitsAndOutputsAreReadOnly() {
        try (Simulator s = model.newSimulator()) {
            assertThrows(UnsupportedOperationException.class, () -> s.port("low33").set(1));
            assertThrows(IllegalStateException.class, () -> s.port("in_data").get());
            assertThrows(IllegalArgumentException.class, () -> s.port("no_such_port"));
            s.port("in_data").setBig(BigInteger.ONE.shiftLeft(600).subtract(BigInteger.ONE)); // 600 ones
            s.eval();
            assertEquals(MASK512.shiftRight(448).longValue(), s.port("top64").get(), "bits above 511 dropped");
            assertEquals((1L << 33) - 1, s.port("low33").get());
        }
    }

    @Test
    void narrowPortsWorkThroughTheWideForms() {
        Model counter = Model.load(VerilogDesign.fromResources("counter", WidePortTest.class, "counter.v"));
        try (Simulator s = counter.newSimulator()) {
            s.reset(1);
            s.port("enable").setWords(new long[] {1});
            s.step(0xA5);
            Port count = s.port("count");
            long[] words = {-1};
            count.getWords(words);
            assertEquals(0xA5, words[0]);
            byte[] bytes = new byte[2];
            count.getBytes(bytes, 1);
            assertEquals((byte) 0xA5, bytes[1]);
            assertEquals(BigInteger.valueOf(0xA5), count.getBig());
            s.port("enable").setBytes(new byte[] {(byte) 0xFE}, 0, 1); // bit 0 clear: disabled
            s.step(3);
            assertEquals(0xA5, count.get());
        }
    }

    private static void toWords(BigInteger v, long[] words) {
        for (int i = 0; i < words.length; i++) words[i] = v.shiftRight(64 * i).longValue();
    }

    private static BigInteger fromWords(long[] words) {
        BigInteger v = BigInteger.ZERO;
        for (int i = words.length - 1; i >= 0; i--) {
            v = v.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(words[i])));
        }
        return v;
    }

    private static void toBytes(BigInteger v, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) bytes[i] = v.shiftRight(8 * i).byteValue();
    }

    private static BigInteger fromBytes(byte[] bytes) {
        BigInteger v = BigInteger.ZERO;
        for (int i = bytes.length - 1; i >= 0; i--) v = v.shiftLeft(8).or(BigInteger.valueOf(bytes[i] & 0xFF));
        return v;
    }
}
