package org.homanic.rtl.nic.sim;

import org.homanic.protocol.workload.Workload;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulated network under workload traffic: exactly-once, byte-exact RPCs, GRANTs equal to the reference, no drops. */
class NetworkSimulationTest {
    static final long SEED = Long.getLong("homa.seed", 7L);

    @Test
    void fourHostsW4AtSeventyPercent() throws Exception {
        System.out.println("[homa] NetworkSimulationTest: seed " + SEED);
        NetworkSimulation.Report r = NetworkSimulation.run(SimNetwork.Config.defaults(4, true), Workload.named("w4"), 0.7, 120, SEED,
                100_000_000L, null);
        System.out.println("[homa] " + r);
        assertEquals(120, r.rpcsCompleted(), r.firstError());
        assertEquals(0, r.rpcsFailed() + r.duplicates() + r.corrupt(), r.firstError());
        assertEquals(0, r.scoreboardMismatches(), r.scoreboard());
        assertTrue(r.nicGrants() > 50, "large W4 messages are granted by the NICs: " + r.nicGrants());
        assertEquals(0, r.hostGrants(), "no table-full events, so the hosts grant nothing");
        r.drops().forEach((k, v) -> assertEquals(0L, v, k));
        long priorities = 0;
        for (long f : r.priorityFrames()) if (f > 0) priorities++;
        assertTrue(priorities >= 3, "unscheduled, scheduled and control levels in use");
    }

    @Test
    void sixteenHosts() throws Exception {
        NetworkSimulation.Report r = NetworkSimulation.run(SimNetwork.Config.defaults(16, true), Workload.named("w1"), 0.5, 160, SEED,
                100_000_000L, null);
        assertEquals(160, r.rpcsCompleted(), r.firstError());
        assertEquals(0, r.rpcsFailed() + r.duplicates() + r.corrupt(), r.firstError());
        assertEquals(0, r.scoreboardMismatches(), r.scoreboard());
        r.drops().forEach((k, v) -> assertEquals(0L, v, k));
    }
}
