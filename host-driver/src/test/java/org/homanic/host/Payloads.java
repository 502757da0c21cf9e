package org.homanic.host;

import java.util.SplittableRandom;

/** Test payloads that can be re-derived from (seed, id, length), and a strong-enough hash. */
final class Payloads {
    private Payloads() {}

    static byte[] make(long seed, long id, int length) {
        byte[] b = new byte[length];
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + id);
        for (int i = 0; i < length; i += 8) {
            long v = r.nextLong();
            for (int k = 0; k < 8 && i + k < length; k++) b[i + k] = (byte) (v >>> (8 * k));
        }
        return b;
    }

    /** 64-bit FNV-1a: enough to tell any corrupted payload in these tests from the right one. */
    static long hash(byte[] b) {
        long h = 0xcbf29ce484222325L;
        for (byte x : b) {
            h ^= x & 0xFF;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
