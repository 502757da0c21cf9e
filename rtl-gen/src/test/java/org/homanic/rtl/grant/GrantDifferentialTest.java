package org.homanic.rtl.grant;

import org.homanic.rtl.grant.sim.GrantDifferential;
import org.homanic.rtl.grant.sim.GrantSchedulerSim;
import org.homanic.testbench.Model;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The RTL against the reference model, event by event, on random traffic (loss, duplicates,
 * reordering, aborts, late buffers, table overflow, gap refusals). Seeds are printed;
 * -Dhoma.seed=N replays one.
 */
class GrantDifferentialTest {
    static final GrantSchedulerParams SMALL = new GrantSchedulerParams(64, 4, 32, 2);

    /** For a failing seed: the same run with trace code, its waveform kept under target/waves. */
    private static String waveformOf(GrantDifferential.Options o, String name) {
        java.nio.file.Path file = java.nio.file.Path.of("target", "waves", "GrantDifferentialTest", name + ".fst");
        try {
            java.nio.file.Files.createDirectories(file.getParent());
            GrantDifferential.runWithWaveform(SMALL, o, file);
            return "\n waveform: " + file.toAbsolutePath();
        } catch (Exception | AssertionError e) {
            return "\n (no waveform: " + e + ")";
        }
    }

    @Test
    void randomTrafficMatchesTheReference() {
        Model model = GrantSchedulerSim.model(SMALL);
        String fixed = System.getProperty("homa.seed");
        long firstSeed = fixed != null ? Long.decode(fixed) : 1;
        int runs = fixed != null ? 1 : 8;
        for (long seed = firstSeed; seed < firstSeed + runs; seed++) {
            GrantDifferential.Result r = GrantDifferential.run(model, SMALL, GrantDifferential.Options.of(3_000, seed));
            System.out.println("[homa] grant scheduler differential, seed " + seed + ": " + r);
            long s = seed;
            assertEquals(0, r.mismatches(), () -> "seed " + s + " (-Dhoma.seed=" + s + "): " + r.firstMismatch()
                    + "\n config " + r.config() + waveformOf(GrantDifferential.Options.of(3_000, s), "random-" + s));
            assertTrue(r.countersAgree(), "seed " + seed + ": counters " + r);
        }
    }

    /**
     * Events offered back to back (no idle cycles, little GRANT back-pressure): events wait in the
     * queue, a message's consecutive packets merge into batches, the front end takes the next
     * batch while the back end still decides the previous one, and the GRANTs must still be the
     * reference's (fed the same batches), in order.
     */
    @Test
    void backToBackEventsMatchTheReference() {
        Model model = GrantSchedulerSim.model(SMALL);
        String fixed = System.getProperty("homa.seed");
        long firstSeed = fixed != null ? Long.decode(fixed) : 11;
        int runs = fixed != null ? 1 : 6;
        for (long seed = firstSeed; seed < firstSeed + runs; seed++) {
            GrantDifferential.Options o = GrantDifferential.Options.of(3_000, seed).withTiming(0, 0.05);
            GrantDifferential.Result r = GrantDifferential.run(model, SMALL, o);
            System.out.println("[homa] grant scheduler back-to-back, seed " + seed + ": " + r);
            long s = seed;
            assertEquals(0, r.mismatches(), () -> "seed " + s + " (-Dhoma.seed=" + s + "): " + r.firstMismatch()
                    + "\n config " + r.config() + waveformOf(o, "back-to-back-" + s));
            assertTrue(r.countersAgree(), "seed " + seed + ": counters " + r);
            // Offered faster than decided, packets wait in the queue and merge into batches.
            assertTrue(r.batchedPackets() > r.batches() * 3 / 2,
                    "seed " + seed + ": the queue should merge packets into batches: " + r);
        }
    }

    /**
     * The queue's corners: one entry of one packet (nothing merges, the pointers have one
     * position), and two entries of up to sixteen packets, on small tables with one and four
     * gaps; half the runs back to back and half with 60 live messages.
     */
    @Test
    void queueCornersMatchTheReference() {
        GrantSchedulerParams[] corners = {new GrantSchedulerParams(16, 2, 32, 1, 1, 1),
                new GrantSchedulerParams(32, 8, 48, 4, 2, 16)};
        for (GrantSchedulerParams p : corners) {
            Model model = GrantSchedulerSim.model(p);
            for (long seed = 21; seed <= 24; seed++) {
                GrantDifferential.Options o = GrantDifferential.Options.of(4_000, seed);
                if (seed % 2 == 0) o = o.withMaxLive(60);
                if (seed >= 23) o = o.withTiming(0, 0.05);
                GrantDifferential.Result r = GrantDifferential.run(model, p, o);
                System.out.println("[homa] grant scheduler " + p + ", seed " + seed + ": " + r);
                long s = seed;
                assertEquals(0, r.mismatches(), () -> p + " seed " + s + ": " + r.firstMismatch() + "\n config " + r.config());
                assertTrue(r.countersAgree(), p + " seed " + seed + ": counters " + r);
                if (p.batchPackets() == 1) assertEquals(r.batches(), r.batchedPackets(), "batches of one packet: " + r);
            }
        }
    }

    /** More live messages than the 64-entry table's sets hold: overflows are predicted and counted. */
    @Test
    void tableOverflowIsReportedAndCounted() {
        Model model = GrantSchedulerSim.model(SMALL);
        String fixed = System.getProperty("homa.seed");
        long seed = fixed != null ? Long.decode(fixed) : 101;
        GrantDifferential.Result r = GrantDifferential.run(model, SMALL,
                GrantDifferential.Options.of(6_000, seed).withMaxLive(90));
        System.out.println("[homa] grant scheduler overflow run, seed " + seed + ": " + r);
        assertEquals(0, r.mismatches(), () -> "seed " + seed + ": " + r.firstMismatch() + "\n config " + r.config()
                + waveformOf(GrantDifferential.Options.of(6_000, seed).withMaxLive(90), "overflow-" + seed));
        assertTrue(r.overflows() > 10, "seed " + seed + " should overflow the table: " + r);
        assertTrue(r.countersAgree(), "seed " + seed + ": counters " + r);
    }

    /** The CI run: at least 100,000 events on one seed. */
    @Test
    void hundredThousandEvents() {
        Model model = GrantSchedulerSim.model(SMALL);
        String fixed = System.getProperty("homa.seed");
        long seed = fixed != null ? Long.decode(fixed) : 7_000;
        GrantDifferential.Result r = GrantDifferential.run(model, SMALL, GrantDifferential.Options.of(100_000, seed));
        System.out.printf("[homa] grant scheduler 100k events, seed %d: %.0f events/s, %s%n", seed, r.eventsPerSecond(), r);
        assertEquals(100_000, r.events());
        assertEquals(0, r.mismatches(), "seed " + seed + ": " + r.firstMismatch() + "\n config " + r.config());
        assertTrue(r.countersAgree(), "seed " + seed + ": counters " + r);
        assertTrue(r.grants() > 1_000, "too few grants to mean anything: " + r);
    }
}
