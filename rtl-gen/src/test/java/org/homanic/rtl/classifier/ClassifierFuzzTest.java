package org.homanic.rtl.classifier;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CI fuzz runs: 100,000 random frames through each direction at 512 bits, compared with the references. */
class ClassifierFuzzTest {

    @Test
    void hundredThousandFrames512() {
        long seed = ClassifierIngressRandomTest.seed("hundredThousandFrames512");
        IngressFuzz.Result r = IngressFuzz.run(ClassifierIngressRandomTest.P512, 100_000, seed, 2000, 0.1, 0.2, 9018);
        System.out.printf("[homa] hundredThousandFrames512: %d frames, %d delivered, %d cycles, %.0f frames/s%n",
                r.frames(), r.delivered(), r.cycles(), r.framesPerSecond());
        assertTrue(r.ok(), () -> "seed 0x" + Long.toHexString(seed) + ":\n" + String.join("\n", r.errors()));
        assertEquals(100_000, r.frames());
        assertTrue(r.delivered() > 60_000, "most frames are deliverable: " + r.delivered());
    }

    @Test
    void hundredThousandEgressFrames512() {
        long seed = ClassifierIngressRandomTest.seed("hundredThousandEgressFrames512");
        IngressFuzz.Result r = EgressFuzz.run(ClassifierEgressRandomTest.E512, 100_000, seed, 2000, 0.1, 0.2, 9018,
                ClassifierEgressRandomTest.SHUFFLED_MAP);
        System.out.printf("[homa] hundredThousandEgressFrames512: %d frames, %d sent, %d dropped whole, %d cycles, %.0f frames/s%n",
                r.frames(), r.delivered(), r.hostDrops(), r.cycles(), r.framesPerSecond());
        assertTrue(r.ok(), () -> "seed 0x" + Long.toHexString(seed) + ":\n" + String.join("\n", r.errors()));
        assertEquals(100_000, r.frames());
    }

    @Test
    void printedSeedsReplayIncludingNegativeOnes() {
        for (long s : new long[] {0, 42, 0x7a88ce9c20fL, -1, 0xfffff6c7b3aa30f0L, Long.MIN_VALUE}) {
            assertEquals(s, IngressFuzz.parseSeed("0x" + Long.toHexString(s)));
            assertEquals(s, IngressFuzz.parseSeed(Long.toString(s)));
        }
        assertEquals(0x2026, IngressFuzz.parseSeed("0X2026"));
        org.junit.jupiter.api.Assertions.assertThrows(NumberFormatException.class, () -> IngressFuzz.parseSeed("0xnope"));
    }
}
