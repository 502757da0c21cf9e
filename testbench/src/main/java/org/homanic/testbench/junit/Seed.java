package org.homanic.testbench.junit;

import java.util.Random;
import java.util.SplittableRandom;

/**
 * The random seed of one test run, handed to the test by {@link SimulationExtension}: random
 * unless the system property {@code homa.seed} fixes it. It is printed when the test starts and
 * appended to the failure message, so a failing randomized test can be rerun exactly.
 */
public record Seed(long value) {

    /** A new generator seeded with this seed. */
    public Random random() {
        return new Random(value);
    }

    /** A new splittable generator seeded with this seed (for independent streams per component). */
    public SplittableRandom splittable() {
        return new SplittableRandom(value);
    }

    /** The seed as {@code -Dhoma.seed} takes it. */
    @Override
    public String toString() {
        return "0x" + Long.toHexString(value);
    }

    /** Parses decimal or 0x-prefixed hexadecimal. */
    public static Seed parse(String text) {
        String t = text.strip();
        if (t.startsWith("0x") || t.startsWith("0X")) return new Seed(Long.parseUnsignedLong(t.substring(2), 16));
        return new Seed(Long.parseLong(t));
    }
}
