package org.homanic.rtl.classifier;

import org.homanic.testbench.Model;
import org.homanic.testbench.Simulator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Randomized differential tests of the ingress classifier against {@link IngressReference}. */
class ClassifierIngressRandomTest {
    static final IngressClassifier.Params P512 = IngressClassifier.Params.DEFAULT;
    static final IngressClassifier.Params P64 = new IngressClassifier.Params(64, 8, 16384, 16384, 64);
    static final IngressClassifier.Params P1024 = new IngressClassifier.Params(1024, 8, 32768, 32768, 64);

    static long seed(String test) {
        // A fixed seed per test by default, so the suite gives the same verdict on every run;
        // -Dhoma.seed=random explores new seeds, -Dhoma.seed=0x... replays one.
        String fixed = System.getProperty("homa.seed");
        long s = fixed == null ? 0x5EED_0000_0000L ^ test.hashCode()
                : fixed.equals("random") ? System.nanoTime() ^ test.hashCode() : IngressFuzz.parseSeed(fixed);
        System.out.println("[homa] " + test + ": seed 0x" + Long.toHexString(s)
                + "  (rerun with -Dhoma.seed=0x" + Long.toHexString(s) + ")");
        return s;
    }

    static IngressHarness.Result run(IngressClassifier.Params p, String test, int frames, double gap,
                                     double backPressure, boolean strict) {
        long seed = seed(test);
        Model model = IngressModels.load(p, false);
        try (Simulator sim = model.newSimulator()) {
            sim.reset(2);
            IngressHarness h = new IngressHarness(sim, p, seed, gap, backPressure);
            IngressTraffic traffic = new IngressTraffic(seed);
            for (int i = 0; i < frames; i++) h.send(traffic.next());
            assertTrue(h.run(200L * frames + 100_000, 200), "did not drain; seed 0x" + Long.toHexString(seed));
            IngressHarness.Result r = h.check(strict);
            assertTrue(r.ok(), () -> "seed 0x" + Long.toHexString(seed) + ":\n" + String.join("\n", r.errors()));
            assertEquals(0, h.counters()[IngressCounter.BUFFER_FULL], "buffer overflow with a draining host");
            long[] c = h.counters();
            StringBuilder hist = new StringBuilder();
            for (int i = 0; i < c.length; i++) if (c[i] != 0) hist.append(' ').append(IngressCounter.ALL.get(i).name()).append('=').append(c[i]);
            System.out.println("[homa] " + test + ": counters" + hist);
            System.out.println("[homa] " + test + ": " + frames + " frames, " + r.delivered() + " delivered, "
                    + r.hostDrops() + " host-queue drops, " + h.cycles() + " cycles");
            return r;
        }
    }

    @Test
    void lineRateWithDrainingHostIsExact512() {
        run(P512, "lineRateWithDrainingHostIsExact512", 3000, 0, 0, true);
    }

    @Test
    void gapsAndBackPressure512() {
        run(P512, "gapsAndBackPressure512", 3000, 0.3, 0.4, false);
    }

    @Test
    void fullHostQueuesDropWholePacketsAndCountThem512() {
        IngressHarness.Result r = run(P512, "fullHostQueuesDropWholePacketsAndCountThem512", 3000, 0, 0.97, false);
        assertTrue(r.hostDrops() > 100, "the host barely drains, so queues must overflow: " + r.hostDrops());
    }

    @Test
    void gapsAndBackPressure64() {
        run(P64, "gapsAndBackPressure64", 1500, 0.2, 0.3, false);
    }

    @Test
    void gapsAndBackPressure1024() {
        run(P1024, "gapsAndBackPressure1024", 2000, 0.2, 0.3, false);
    }
}
