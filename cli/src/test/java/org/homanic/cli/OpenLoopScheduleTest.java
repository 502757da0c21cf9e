package org.homanic.cli;

import org.homanic.protocol.workload.MessageSizeSampler;
import org.homanic.protocol.workload.Workload;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/** The open-loop schedule of bench rpc: Poisson arrivals at the asked rate, reproducible from the seed. */
class OpenLoopScheduleTest {
    private static final int BLOCK = 1 << 21;

    @Test
    void gapsAreExponentialWithTheAskedMean() {
        double rate = 500;   // RPCs per second: mean gap 2 ms
        OpenLoopSchedule s = OpenLoopSchedule.poisson(rate, 50_000, () -> 100, 7, BLOCK);
        long[] t = s.sendAt();
        double[] gaps = new double[t.length - 1];
        for (int i = 1; i < t.length; i++) gaps[i - 1] = t[i] - t[i - 1];
        double mean = Arrays.stream(gaps).average().orElseThrow();
        assertEquals(2e6, mean, 0.02 * 2e6, "mean gap 1/rate");
        // Memoryless: P(gap > mean) = 1/e and P(gap > 3 mean) = 1/e^3 for an exponential.
        double above1 = Arrays.stream(gaps).filter(g -> g > 2e6).count() / (double) gaps.length;
        double above3 = Arrays.stream(gaps).filter(g -> g > 6e6).count() / (double) gaps.length;
        assertEquals(Math.exp(-1), above1, 0.01);
        assertEquals(Math.exp(-3), above3, 0.005);
        for (int i = 1; i < t.length; i++) assertTrue(t[i] >= t[i - 1], "send times never go back");
    }

    @Test
    void theOfferedLoadIsTheAskedBytesPerSecond() throws Exception {
        Workload w4 = Workload.named("W4").cappedForHoma();
        double offered = 80e6;   // bytes per second, requests plus responses
        double rpcsPerSecond = offered / (2 * w4.mean());
        MessageSizeSampler sizes = new MessageSizeSampler(w4, 3);
        OpenLoopSchedule s = OpenLoopSchedule.poisson(rpcsPerSecond, 40_000, sizes::next, 11, BLOCK);
        assertEquals(offered, s.offeredBytesPerSecond(), 0.05 * offered);
        MessageSizeSampler again = new MessageSizeSampler(w4, 3);
        for (int i = 0; i < s.count(); i++) {
            assertEquals(again.next(), s.sizes()[i], "sizes in the sampler's order");
            assertTrue(s.offsets()[i] >= 0 && s.offsets()[i] + s.sizes()[i] <= BLOCK, "payload inside the block");
        }
    }

    @Test
    void aSeedGivesOneSchedule() {
        OpenLoopSchedule a = OpenLoopSchedule.poisson(1000, 500, () -> 4000, 5, BLOCK);
        OpenLoopSchedule b = OpenLoopSchedule.poisson(1000, 500, () -> 4000, 5, BLOCK);
        OpenLoopSchedule c = OpenLoopSchedule.poisson(1000, 500, () -> 4000, 6, BLOCK);
        assertArrayEquals(a.sendAt(), b.sendAt());
        assertArrayEquals(a.offsets(), b.offsets());
        assertFalse(Arrays.equals(a.sendAt(), c.sendAt()));
    }

    @Test
    void theSmallRpcsKeepTheirTimesAndPayloads() {
        int[] pattern = {999, 1000, 5, 250_000, 1};
        int[] next = {0};
        OpenLoopSchedule all = OpenLoopSchedule.poisson(1000, 10, () -> pattern[next[0]++ % pattern.length], 9, BLOCK);
        OpenLoopSchedule small = all.below(1000);
        // Requests 0, 2, 4, 5, 7 and 9 are under 1,000 bytes (999, 5, 1, 999, 5, 1).
        int[] kept = {0, 2, 4, 5, 7, 9};
        assertEquals(kept.length, small.count());
        for (int k = 0; k < kept.length; k++) {
            assertEquals(all.sendAt()[kept[k]], small.sendAt()[k]);
            assertEquals(all.sizes()[kept[k]], small.sizes()[k]);
            assertEquals(all.offsets()[kept[k]], small.offsets()[k]);
        }
        assertNull(all.below(1), "no request is under 1 byte");
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> OpenLoopSchedule.poisson(0, 10, () -> 1, 1, BLOCK));
        assertThrows(IllegalArgumentException.class, () -> OpenLoopSchedule.poisson(10, 0, () -> 1, 1, BLOCK));
        assertThrows(IllegalArgumentException.class, () -> OpenLoopSchedule.poisson(10, 10, () -> BLOCK + 1, 1, BLOCK));
    }
}
