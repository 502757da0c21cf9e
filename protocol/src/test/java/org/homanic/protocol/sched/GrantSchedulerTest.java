package org.homanic.protocol.sched;

import org.homanic.protocol.sched.Decision.Grant;
import org.homanic.protocol.sched.Decision.GrantReason;
import org.homanic.protocol.sched.Decision.Resend;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.homanic.protocol.sched.Decision.GrantReason.FIFO;
import static org.homanic.protocol.sched.Decision.GrantReason.NEEDY;
import static org.homanic.protocol.sched.Decision.GrantReason.WINDOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each rule of spec section 3 on a small scenario. Every expected GRANT was worked out by hand
 * from the rules (the arithmetic is in the comments), not by running the model.
 */
class GrantSchedulerTest {
    private static final GrantConfig NO_FIFO = GrantConfig.defaults().withoutFifo();

    private static RpcKey rpc(long peer) {
        return new RpcKey(peer, 2 * peer + 1);
    }

    private static DataArrival data(RpcKey rpc, long length, long incoming, long offset, long bytes) {
        return new DataArrival(rpc, length, incoming, offset, bytes);
    }

    private static Grant grant(RpcKey rpc, long offset, int priority, GrantReason reason) {
        return new Grant(rpc, offset, priority, reason);
    }

    @Test
    void dynamicWindowIsMaxIncomingOverActivePlusOne() {
        GrantScheduler s = new GrantScheduler(NO_FIFO);
        long[] expected = {200_000, 133_333, 100_000, 80_000, 66_666, 57_142, 50_000, 44_444};
        for (int k = 1; k <= 8; k++) {
            s.onData(k, data(rpc(k), 1_000_000, 40_000, 0, 1400));
            assertEquals(k, s.numActive());
            assertEquals(expected[k - 1], s.window(), k + " active");
        }
        assertEquals(40_000, new GrantScheduler(NO_FIFO.withWindow(40_000)).window(), "a nonzero window is fixed");
    }

    @Test
    void aGrantToASenderAlreadyPastItsGrantCountsInTotalIncoming() {
        // HomaModule's try_send adds the grant to rec_incoming even when the sender has already
        // sent beyond what it was granted; the next update recomputes max(0, granted − received).
        GrantScheduler s = new GrantScheduler(NO_FIFO.withWindow(5_000));
        // granted 10000, received 1400: incoming 8600; want 1400 + 5000 − 10000 < 0.
        assertEquals(List.of(), s.onData(1, data(rpc(1), 100_000, 10_000, 0, 1400)));
        assertEquals(8_600, s.totalIncoming());
        // One large packet takes it to 20000 > granted: incoming 0; want 20000 + 5000 − 10000 = 15000
        // → granted 25000, rec_incoming 0 + 15000 (not max(0, 25000 − 20000) = 5000).
        assertEquals(List.of(grant(rpc(1), 25_000, 0, WINDOW)), s.onData(2, data(rpc(1), 100_000, 10_000, 1400, 18_600)));
        assertEquals(15_000, s.totalIncoming());
        s.checkInvariants();
        // Next packet: incoming max(0, 25000 − 21400) = 3600 replaces 15000; want 21400 + 5000 − 25000 = 1400.
        assertEquals(List.of(grant(rpc(1), 26_400, 0, WINDOW)), s.onData(3, data(rpc(1), 100_000, 10_000, 20_000, 1400)));
        assertEquals(5_000, s.totalIncoming());
        s.checkInvariants();
    }

    @Test
    void grantsFillTheWindowWithinMaxIncoming() {
        GrantScheduler s = new GrantScheduler(NO_FIFO);
        // m1: granted 40000, received 1400 → incoming 38600. window 200000: want 1400+200000-40000 = 161400.
        assertEquals(List.of(grant(rpc(1), 201_400, 0, WINDOW)), s.onData(1, data(rpc(1), 1_000_000, 40_000, 0, 1400)));
        assertEquals(200_000, s.totalIncoming());
        // m2: window 133333, want 1400+133333-40000 = 94733 → 134733; rank 1 (equal remaining, m1 older):
        // priority 3 - 1 - (4 - 2) = 0.
        assertEquals(List.of(grant(rpc(2), 134_733, 0, WINDOW)), s.onData(2, data(rpc(2), 1_000_000, 40_000, 0, 1400)));
        assertEquals(333_333, s.totalIncoming());
        // m3: window 100000; total 333333+38600 = 371933, headroom 28067 < want 61400 → 40000+28067, needy.
        assertEquals(List.of(grant(rpc(3), 68_067, 0, WINDOW)), s.onData(3, data(rpc(3), 1_000_000, 40_000, 0, 1400)));
        assertTrue(s.isNeedy(rpc(3)));
        assertEquals(400_000, s.totalIncoming());
        // m4: its unscheduled bytes push total to 438600; no headroom → needy, nothing sent.
        assertEquals(List.of(), s.onData(4, data(rpc(4), 1_000_000, 40_000, 0, 1400)));
        assertTrue(s.isNeedy(rpc(4)));
        assertEquals(438_600, s.totalIncoming());
    }

    @Test
    void rankPriorityTable() {
        assertEquals(0, GrantScheduler.grantPriority(0, 1, 3));
        assertEquals(1, GrantScheduler.grantPriority(0, 2, 3));
        assertEquals(0, GrantScheduler.grantPriority(1, 2, 3));
        int[] four = {3, 2, 1, 0};
        for (int r = 0; r < 4; r++) assertEquals(four[r], GrantScheduler.grantPriority(r, 4, 3));
        int[] eight = {3, 2, 1, 0, 0, 0, 0, 0};
        for (int r = 0; r < 8; r++) assertEquals(eight[r], GrantScheduler.grantPriority(r, 8, 3));
        for (int r = 0; r < 5; r++) assertEquals(Math.max(0, 3 - r), GrantScheduler.grantPriority(r, 5, 3));
    }

    @Test
    void grantPrioritiesFollowRankAmongActiveMessages() {
        GrantScheduler s = new GrantScheduler(NO_FIFO.withWindow(50_000).withMaxIncoming(10_000_000));
        // Four messages of 100k..400k: each first grant is 1000 + 50000 = 51000; newcomer is always ranked last.
        int[] firstPriority = {0, 0, 0, 0}; // 1 active: 0; 2: rank 1 → 0; 3: rank 2 → 0; 4: rank 3 → 0
        for (int k = 1; k <= 4; k++) {
            assertEquals(List.of(grant(rpc(k), 51_000, firstPriority[k - 1], WINDOW)),
                    s.onData(k, data(rpc(k), 100_000L * k, 10_000, 0, 1000)));
        }
        // Next packet for each: received 2000 → grant to 52000, priority by rank among 4: 3, 2, 1, 0.
        for (int k = 1; k <= 4; k++) {
            assertEquals(List.of(grant(rpc(k), 52_000, 4 - k, WINDOW)),
                    s.onData(10 + k, data(rpc(k), 100_000L * k, 10_000, 1000, 1000)));
        }
        // A fifth, largest message: rank 4 → 3 - 4 clamped to 0.
        assertEquals(List.of(grant(rpc(5), 51_000, 0, WINDOW)), s.onData(20, data(rpc(5), 500_000, 10_000, 0, 1000)));
        // With 5 active the best still gets 3 (no surplus subtracted).
        assertEquals(List.of(grant(rpc(1), 53_000, 3, WINDOW)), s.onData(21, data(rpc(1), 100_000, 10_000, 2000, 1000)));
    }

    @Test
    void everyPeerGetsOneSlotBeforeAnyPeerGetsASecond() {
        GrantScheduler s = new GrantScheduler(NO_FIFO.withMaxOvercommit(2).withMaxIncoming(10_000_000));
        RpcKey a1 = new RpcKey(1, 11), a2 = new RpcKey(1, 13), b1 = new RpcKey(2, 21), c1 = new RpcKey(3, 31);
        s.onData(1, data(a1, 100_000, 10_000, 0, 1000));
        s.onData(2, data(b1, 500_000, 10_000, 0, 1000));
        // a2 (199000 left) beats b1 (499000) by SRPT, but peer 1 would then hold both slots: counting a2,
        // peer 1 holds the most, so only a1 may be displaced, and a1 (99000 left) outranks a2.
        assertEquals(List.of(), s.onData(3, data(a2, 200_000, 10_000, 0, 1000)));
        assertFalse(s.isActive(a2));
        assertTrue(s.isActive(b1));
        // c1 from a new peer: every peer holds 1, victim is the worst (b1) and c1 outranks it.
        List<Decision> d = s.onData(4, data(c1, 300_000, 10_000, 0, 1000));
        assertTrue(s.isActive(c1));
        assertFalse(s.isActive(b1));
        assertEquals(1, d.size());
    }

    @Test
    void aPeerHoldingTwoMoreSlotsGivesOneUpEvenToALongerMessage() {
        GrantScheduler s = new GrantScheduler(NO_FIFO.withMaxOvercommit(2).withMaxIncoming(10_000_000));
        RpcKey a1 = new RpcKey(1, 11), a2 = new RpcKey(1, 13), b1 = new RpcKey(2, 21);
        s.onData(1, data(a1, 100_000, 10_000, 0, 1000));
        s.onData(2, data(a2, 150_000, 10_000, 0, 1000));
        // Peer 1 holds 2 > 0 + 1: its worst (a2) is bumped although b1 is much longer.
        s.onData(3, data(b1, 900_000, 10_000, 0, 1000));
        assertTrue(s.isActive(b1));
        assertTrue(s.isActive(a1));
        assertFalse(s.isActive(a2));
    }

    @Test
    void tiesGoToTheOlderMessage() {
        GrantScheduler s = new GrantScheduler(NO_FIFO.withMaxOvercommit(1).withMaxIncoming(10_000_000));
        RpcKey m1 = rpc(1), m2 = rpc(2);
        s.onData(1, data(m1, 100_000, 10_000, 0, 1000));
        // Same remaining bytes, younger: does not displace m1.
        assertEquals(List.of(), s.onData(2, data(m2, 100_000, 10_000, 0, 1000)));
        assertTrue(s.isActive(m1));
        // m2 receives 1000 more unscheduled bytes: now fewer remaining (98000 < 99000), it takes the slot.
        // Window 10e6/2 = 5e6 → want capped at the message: GRANT(100000), priority 0 (one active).
        assertEquals(List.of(grant(m2, 100_000, 0, WINDOW)), s.onData(3, data(m2, 100_000, 10_000, 1000, 1000)));
        assertFalse(s.isActive(m1));
    }

    @Test
    void needySlotsAreServedFewestRemainingFirstWhenHeadroomAppears() {
        GrantScheduler s = new GrantScheduler(NO_FIFO.withMaxIncoming(100_000).withWindow(30_000));
        // Each message: 1e6 bytes, incoming 10000, first packet 1000 → incoming 9000; want 1000+30000-10000 = 21000.
        assertEquals(List.of(grant(rpc(1), 31_000, 0, WINDOW)), s.onData(1, data(rpc(1), 1_000_000, 10_000, 0, 1000)));
        assertEquals(List.of(grant(rpc(2), 31_000, 0, WINDOW)), s.onData(2, data(rpc(2), 1_000_000, 10_000, 0, 1000)));
        assertEquals(List.of(grant(rpc(3), 31_000, 0, WINDOW)), s.onData(3, data(rpc(3), 1_000_000, 10_000, 0, 1000)));
        // total 90000 + 9000: headroom 1000 → partial grant, m4 needy.
        assertEquals(List.of(grant(rpc(4), 11_000, 0, WINDOW)), s.onData(4, data(rpc(4), 1_000_000, 10_000, 0, 1000)));
        assertTrue(s.isNeedy(rpc(4)));
        // m5: total 109000 > max → needy, nothing.
        assertEquals(List.of(), s.onData(5, data(rpc(5), 1_000_000, 10_000, 0, 1000)));
        assertTrue(s.isNeedy(rpc(5)));
        // m1 receives 20000 bytes: its incoming drops 30000 → 10000, total 89000. It wants 20000 but others are
        // needy, so it defers (becomes needy); check_needy then serves the needy slot with fewest remaining —
        // m1 itself (979000 left): 11000 of headroom. Rank 0 of 5 active → priority 3.
        assertEquals(List.of(grant(rpc(1), 42_000, 3, NEEDY)), s.onData(6, data(rpc(1), 1_000_000, 10_000, 1000, 20_000)));
        assertEquals(100_000, s.totalIncoming());
        // m4 aborted: its 10000 incoming bytes are released (total 90000). Needy m1 wants 21000+30000-42000 = 9000
        // (full, priority 3 of 4 active), then m5 gets the last 1000 (rank 3 of 4 → 0).
        assertEquals(List.of(grant(rpc(1), 51_000, 3, NEEDY), grant(rpc(5), 11_000, 0, NEEDY)), s.onRpcEnd(7, rpc(4)));
        assertFalse(s.isNeedy(rpc(1)));
        assertTrue(s.isNeedy(rpc(5)));
        assertEquals(100_000, s.totalIncoming());
    }

    @Test
    void aCompletedMessageFreesItsSlotForTheBestWaitingMessage() {
        GrantScheduler s = new GrantScheduler(NO_FIFO.withMaxOvercommit(1).withWindow(50_000).withMaxIncoming(1_000_000));
        RpcKey m1 = rpc(1), m2 = rpc(2);
        // m1: 20000 bytes, 10000 unscheduled all received: window allows the rest → GRANT(20000).
        assertEquals(List.of(grant(m1, 20_000, 0, WINDOW)), s.onData(1, data(m1, 20_000, 10_000, 0, 10_000)));
        // m2 (55000 left) waits behind m1 (10000 left).
        assertEquals(List.of(), s.onData(2, data(m2, 60_000, 10_000, 0, 5000)));
        assertEquals(15_000, s.totalIncoming());
        // m1 completes: m2 is promoted as needy and granted 5000 + 50000 = 55000.
        assertEquals(List.of(grant(m2, 55_000, 0, NEEDY)), s.onData(3, data(m1, 20_000, 10_000, 10_000, 10_000)));
        assertTrue(s.isActive(m2));
    }

    @Test
    void noGrantsUntilBuffersThenAResendRestartsTheSender() {
        GrantScheduler s = new GrantScheduler(NO_FIFO);
        RpcKey m = rpc(1);
        assertEquals(List.of(), s.onData(1, new DataArrival(m, 100_000, 10_000, 0, 1000, false)));
        assertEquals(100_000, s.bytesRemaining(m), "packets without a buffer are dropped");
        // RESEND(0, all, 8 - 2), then: incoming 10000, window 200000 → everything: GRANT(100000).
        assertEquals(List.of(new Resend(m, 0, 0xFFFF_FFFFL, 6), grant(m, 100_000, 0, WINDOW)), s.onBufferAvailable(5, m));
    }

    @Test
    void messagesThatFitTheirUnscheduledBytesNeverEnterTheScheduler() {
        GrantScheduler s = new GrantScheduler(NO_FIFO);
        assertEquals(List.of(), s.onData(1, data(rpc(1), 40_000, 40_000, 0, 1400)));
        assertEquals(0, s.numActive());
        assertEquals(0, s.totalIncoming());
    }

    @Test
    void fifoGrantsGoToTheOldestResponsiveMessageEvery320Microseconds() {
        GrantConfig cfg = GrantConfig.defaults();
        assertEquals(320_000, cfg.fifoIntervalNanos(), "50000 B at 25000 Mb/s x 50/1000 = 1250 Mb/s");
        GrantScheduler s = new GrantScheduler(cfg);
        // t=1µs: normal grant 201400, and the first FIFO check is due: m1 (incoming 200000 < 200000 + 100000)
        // gets 50000 more at level 6.
        assertEquals(List.of(grant(rpc(1), 201_400, 0, WINDOW), grant(rpc(1), 251_400, 6, FIFO)),
                s.onData(1_000, data(rpc(1), 1_000_000, 40_000, 0, 1400)));
        // t=2µs: m2's normal grant (window 133333, headroom 400000 - 288600); no FIFO before t = 321µs.
        assertEquals(List.of(grant(rpc(2), 134_733, 0, WINDOW)), s.onData(2_000, data(rpc(2), 1_000_000, 40_000, 0, 1400)));
        // t=321µs: m2 received 2800 → wants 1400 more, rank 0 of 2 → priority 1. FIFO due: the oldest, m1, has
        // 250000 incoming ≥ window 133333 + 100000, so it is skipped as unresponsive; m2 (133333) gets it.
        assertEquals(List.of(grant(rpc(2), 136_133, 1, WINDOW), grant(rpc(2), 186_133, 6, FIFO)),
                s.onData(321_000, data(rpc(2), 1_000_000, 40_000, 1400, 1400)));
        // Disabled by either knob.
        assertEquals(0, new GrantConfig(8, 400_000, 0, 0, 50_000, 25_000, 8, 3).fifoIntervalNanos());
        assertEquals(0, new GrantConfig(8, 400_000, 0, 50, 0, 25_000, 8, 3).fifoIntervalNanos());
    }

    @Test
    void configIsChecked() {
        assertEquals(8, NO_FIFO.withMaxOvercommit(20).maxOvercommit(), "capped at HOMA_MAX_GRANTS");
        assertEquals(500, new GrantConfig(8, 1, 0, 900, 1, 1, 8, 3).grantFifoFraction());
        assertThrows(IllegalArgumentException.class, () -> NO_FIFO.withMaxIncoming(0));
        GrantScheduler s = new GrantScheduler(NO_FIFO);
        s.onData(5, data(rpc(1), 10, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> s.advanceTime(4), "time went backwards");
    }
}
