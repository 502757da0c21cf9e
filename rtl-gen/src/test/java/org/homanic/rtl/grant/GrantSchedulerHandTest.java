package org.homanic.rtl.grant;

import org.homanic.protocol.sched.GrantConfig;
import org.homanic.protocol.sched.RpcKey;
import org.homanic.rtl.grant.sim.GrantSchedulerSim;
import org.homanic.rtl.grant.sim.GrantSchedulerSim.HwGrant;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
