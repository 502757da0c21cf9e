package org.homanic.protocol.prio;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spec 2.1–2.3 and 4: cutoffs, CUTOFFS/cutoff_version, and the level of each DATA packet. */
class PrioritiesTest {

    @Test
    void defaultReceiverTable() {
        ReceiverCutoffs r = new ReceiverCutoffs();
        assertEquals(1, r.version());
        assertEquals(3, r.maxSchedPrio(), "entry 4 holds 1,000,000 → scheduled levels 0..3");
        assertArrayEquals(new long[] {0, 0, 0, 0, 1_000_000, 15000, 2800, 200}, r.cutoffs());
    }

    @Test
    void writingTheSysctlForcesEntry0AndBumpsTheVersion() {
        ReceiverCutoffs r = new ReceiverCutoffs();
        r.update(new long[] {5, 0, 1_000_000, 50000, 5000, 500, 100, 50}, 6);
        assertArrayEquals(new long[] {Integer.MAX_VALUE, 0, 1_000_000, 50000, 5000, 500, 0, 0}, r.cutoffs());
        assertEquals(2, r.version());
        assertEquals(1, r.maxSchedPrio());
        assertEquals(6, r.numPriorities());
    }

    @Test
    void cutoffsAreSentOnVersionMismatchAtMostOncePerJiffy() {
        ReceiverCutoffs r = new ReceiverCutoffs();
        assertTrue(r.shouldSendCutoffs(0, 99, 100));
        assertFalse(r.shouldSendCutoffs(1, 99, 100), "sender already has version 1");
        assertFalse(r.shouldSendCutoffs(0, 100, 100), "already sent one in this jiffy");
    }

    @Test
    void beforeAnyCutoffsEveryUnscheduledPacketGoesAtLevel6() {
        SenderPriorities s = new SenderPriorities(8);
        assertEquals(0, s.cutoffVersion());
        for (long len : new long[] {1, 200, 2800, 15000, 1_000_000}) assertEquals(6, s.unscheduledLevel(len));
    }

    @Test
    void withTheDefaultReceiverCutoffs() {
        ReceiverCutoffs r = new ReceiverCutoffs();
        SenderPriorities s = new SenderPriorities(8);
        s.onCutoffs(r.cutoffs(), r.version());
        assertEquals(1, s.cutoffVersion());
        assertEquals(7, s.unscheduledLevel(1));
        assertEquals(7, s.unscheduledLevel(200));
        assertEquals(6, s.unscheduledLevel(201));
        assertEquals(6, s.unscheduledLevel(2800));
        assertEquals(5, s.unscheduledLevel(2801));
        assertEquals(5, s.unscheduledLevel(15000));
        assertEquals(4, s.unscheduledLevel(15001));
        assertEquals(4, s.unscheduledLevel(1_000_000));
    }

    @Test
    void dataLevelSwitchesToTheGrantedPriorityAtTheUnscheduledLimit() {
        SenderPriorities s = new SenderPriorities(8);
        s.onCutoffs(new ReceiverCutoffs().cutoffs(), 1);
        // 100000-byte message, 40000 unscheduled bytes, latest GRANT said priority 2.
        assertEquals(4, s.dataLevel(0, 100_000, 40_000, 2));
        assertEquals(4, s.dataLevel(38_576, 100_000, 40_000, 2));
        assertEquals(2, s.dataLevel(40_000, 100_000, 40_000, 2));
        // A 10000-byte message is entirely unscheduled.
        assertEquals(5, s.dataLevel(8_576, 10_000, 40_000, 0));
        assertEquals(7, s.controlLevel());
        assertEquals(6, SenderPriorities.highLevel(8));
    }
}
