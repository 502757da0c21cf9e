package org.homanic.host.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The bench's work is the real work; timing itself is only reported by ./homa bench reassembly. */
class ReassemblyBenchTest {

    @Test
    void eachRoundPlacesTheWholeMessageInOrderOrShuffled() {
        for (boolean shuffled : new boolean[] {false, true}) {
            ReassemblyBench b = new ReassemblyBench(new ReassemblyBench.Setup(100_000, 1424, shuffled, 0, 1, 1, 3));
            try {
                assertEquals(100_000, b.reassembleOnce());
                assertEquals(100_000, b.reassembleOnce(), "pages were returned: the pool does not run dry");
                assertEquals(100_000, b.copyOnce());
                ReassemblyBench.Result r = b.run();
                assertEquals(71, r.packetsPerMessage(), "ceil(100000 / 1424)");
                assertTrue(r.reassemblyGBps() > 0 && r.copyGBps() > 0);
            } finally {
                b.close();
            }
        }
    }

    @Test
    void theMedianIsTheMiddleSample() {
        assertEquals(3.0, ReassemblyBench.median(new double[] {9, 1, 3}));
        assertEquals(2.5, ReassemblyBench.median(new double[] {4, 1, 2, 3}));
    }
}
