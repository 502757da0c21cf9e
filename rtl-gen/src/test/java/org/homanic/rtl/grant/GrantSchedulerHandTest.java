package org.homanic.rtl.grant;

import org.homanic.protocol.sched.GrantConfig;
import org.homanic.protocol.sched.RpcKey;
import org.homanic.rtl.grant.sim.GrantSchedulerSim;
import org.homanic.rtl.grant.sim.GrantSchedulerSim.HwGrant;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-computed scenarios (spec 3.3 with the default knobs, FIFO grants off). */
class GrantSchedulerHandTest {

    private static List<HwGrant> run(GrantSchedulerSim hw, Runnable offer) {
        List<HwGrant> grants = new ArrayList<>();
        offer.run();
        hw.eval();
        while (!hw.accepting()) {
            hw.tick();
            hw.eval();
        }
        hw.tick();
        hw.withdraw();
        for (int i = 0; i < 5000; i++) {
            hw.eval();
            if (hw.grantFires()) grants.add(hw.grant());
            if (hw.idle() && i > 0) return grants;
            hw.tick();
        }
        throw new AssertionError("the scheduler did not become idle");
    }

    @Test
    void windowsPrioritiesAndBuffers() {
        try (GrantSchedulerSim hw = new GrantSchedulerSim(GrantSchedulerSim.model(GrantDifferentialTest.SMALL).newSimulator())) {
            hw.start(GrantConfig.defaults().withoutFifo());
            // One active message: window 400000 / 2 = 200000; received 1400 → granted 201400 at level 0.
            List<HwGrant> g = run(hw, () -> hw.offerData(1, 10, 500_000, 0, 1400, 40_000, false, true));
            assertEquals(List.of(new HwGrant(1, 10, 201_400, 0, GrantDecision.WINDOW, g.get(0).entry())), g);
            // A second, shorter one: window 133333, want 94733 capped at the 60000 left; it outranks → level 1.
            g = run(hw, () -> hw.offerData(2, 20, 100_000, 0, 1400, 40_000, false, true));
            assertEquals(1, g.size());
            assertEquals(new HwGrant(2, 20, 100_000, 1, GrantDecision.WINDOW, g.get(0).entry()), g.get(0));
            // No buffers: its packet is dropped and nothing is granted.
            assertEquals(List.of(), run(hw, () -> hw.offerData(3, 30, 300_000, 0, 1400, 40_000, false, false)));
            // Buffers arrive: window 100000, nothing received, 40000 granted → 60000 more; headroom
            // 400000 − (200000 + 98600 + 40000) = 61400 suffices; rank 1 of 3 → level 1.
            g = run(hw, () -> hw.offerBuffers(new RpcKey(3, 30)));
            assertEquals(1, g.size());
            assertEquals(new HwGrant(3, 30, 100_000, 1, GrantDecision.WINDOW, g.get(0).entry()), g.get(0));
            assertEquals(3, hw.counter("active_count"));
            assertEquals(3, hw.counter("count_grants"));
            // A duplicate changes nothing: want = 1400 + 100000 − 201400 < 0.
            assertEquals(List.of(), run(hw, () -> hw.offerData(1, 10, 500_000, 0, 1400, 40_000, true, true)));
            // Ending message 2 frees its slot: total 238600 − 98600; no one waits, no one is needy.
            assertEquals(List.of(), run(hw, () -> hw.offerEnd(new RpcKey(2, 20))));
            assertEquals(2, hw.counter("active_count"));
            assertEquals(3, hw.counter("active_high_water"));
        }
    }

    /**
     * Offers the events back to back (each as soon as the queue takes it), then waits until idle;
     * the GRANTs sent, and the DATA ranges the front end took into {@code taken}.
     */
    private static List<HwGrant> runBackToBack(GrantSchedulerSim hw, List<Runnable> offers, List<long[]> taken) {
        List<HwGrant> grants = new ArrayList<>();
        Runnable observe = () -> {
            if (hw.grantFires()) grants.add(hw.grant());
            GrantSchedulerSim.Taken t = hw.taken();
            if (t != null && t.op() == DataBatch.DATA) taken.add(new long[] {t.peer(), t.offset(), t.end()});
        };
        for (Runnable offer : offers) {
            offer.run();
            hw.eval();
            while (!hw.accepting()) {
                observe.run();
                hw.tick();
                hw.eval();
            }
            observe.run();
            hw.tick();
        }
        hw.withdraw();
        for (int i = 0; i < 5000; i++) {
            hw.eval();
            observe.run();
            if (hw.idle()) return grants;
            hw.tick();
        }
        throw new AssertionError("the scheduler did not become idle");
    }

    /**
     * Ten in-order packets offered back to back merge into batches: fewer GRANTs than packets,
     * the last at received + window = 14,000 + 60,000. A packet that continues a batch but ends
     * past its message's length joins nothing (it is taken alone, and the reassembly drops it),
     * and the good last packet after it is taken alone too.
     */
    @Test
    void consecutivePacketsMergeButAPacketPastTheLengthDoesNot() {
        try (GrantSchedulerSim hw = new GrantSchedulerSim(GrantSchedulerSim.model(GrantDifferentialTest.SMALL).newSimulator())) {
            hw.start(GrantConfig.defaults().withoutFifo().withWindow(60_000).withMaxIncoming(10_000_000));
            List<long[]> taken = new ArrayList<>();
            List<Runnable> packets = new ArrayList<>();
            for (int k = 0; k < 10; k++) {
                long offset = 1400L * k;
                packets.add(() -> hw.offerData(1, 10, 500_000, offset, 1400, 40_000, false, true));
            }
            List<HwGrant> g = runBackToBack(hw, packets, taken);
            assertTrue(g.size() < 10 && taken.size() < 10, "ten packets back to back should merge: " + g);
            assertEquals(74_000, g.getLast().offset(), g::toString);
            for (int i = 1; i < g.size(); i++) assertTrue(g.get(i).offset() > g.get(i - 1).offset(), g::toString);

            // A 16,000-byte message: 11 packets up to 15,400, one from 15,400 to 16,800 (past the
            // end), then the real last one, 15,400 to 16,000.
            taken.clear();
            packets.clear();
            for (int k = 0; k < 11; k++) {
                long offset = 1400L * k;
                packets.add(() -> hw.offerData(3, 30, 16_000, offset, 1400, 5_000, false, true));
            }
            packets.add(() -> hw.offerData(3, 30, 16_000, 15_400, 1400, 5_000, false, true));
            packets.add(() -> hw.offerData(3, 30, 16_000, 15_400, 600, 5_000, false, true));
            runBackToBack(hw, packets, taken);
            long pastEnd = taken.stream().filter(t -> t[1] == 15_400 && t[2] == 16_800).count();
            long last = taken.stream().filter(t -> t[1] == 15_400 && t[2] == 16_000).count();
            long spanning = taken.stream().filter(t -> t[1] < 15_400 && t[2] > 15_400).count();
            assertEquals(1, pastEnd, "the packet past the length is a batch of its own");
            assertEquals(1, last, "the last packet is a batch of its own");
            assertEquals(0, spanning, "no batch runs past 15,400 from below");
            // The message is complete: it gave up its slot; message 1 keeps its own.
            assertEquals(1, hw.counter("active_count"));
        }
    }
}
