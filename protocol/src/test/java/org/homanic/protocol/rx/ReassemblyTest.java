package org.homanic.protocol.rx;

import org.homanic.protocol.rx.Reassembly.Gap;
import org.homanic.protocol.rx.Reassembly.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The acceptance rules of spec 1.4, one scenario per rule, expectations worked out by hand. */
class ReassemblyTest {

    @Test
    void inOrderPacketsAdvanceRecvEnd() {
        Reassembly r = new Reassembly(3000);
        assertEquals(Outcome.IN_ORDER, r.add(0, 1400));
        assertEquals(Outcome.IN_ORDER, r.add(1400, 1400));
        assertEquals(2800, r.recvEnd());
        assertEquals(200, r.bytesRemaining());
        assertEquals(Outcome.IN_ORDER, r.add(2800, 200));
        assertTrue(r.complete());
    }

    @Test
    void boundsAreChecked() {
        Reassembly r = new Reassembly(1000);
        assertEquals(Outcome.DROP_OFFSET_OUT_OF_RANGE, r.add(1000, 0));
        assertEquals(Outcome.DROP_OFFSET_OUT_OF_RANGE, r.add(5000, 10));
        assertEquals(Outcome.DROP_PAST_END, r.add(900, 101));
        assertEquals(1000, r.bytesRemaining());
        assertEquals(Outcome.NEW_GAP, r.add(900, 100));
    }

    @Test
    void aPacketBeyondRecvEndOpensAGapThatLaterPacketsShrinkFromEitherEnd() {
        Reassembly r = new Reassembly(10000);
        assertEquals(Outcome.IN_ORDER, r.add(0, 1000));
        assertEquals(Outcome.NEW_GAP, r.add(5000, 1000));
        assertEquals(List.of(new Gap(1000, 5000)), r.gaps());
        assertEquals(6000, r.recvEnd());
        assertEquals(Outcome.GAP_START_FILLED, r.add(1000, 1000));
        assertEquals(List.of(new Gap(2000, 5000)), r.gaps());
        assertEquals(Outcome.GAP_END_FILLED, r.add(4000, 1000));
        assertEquals(List.of(new Gap(2000, 4000)), r.gaps());
        assertEquals(Outcome.GAP_SPLIT, r.add(2500, 500));
        assertEquals(List.of(new Gap(2000, 2500), new Gap(3000, 4000)), r.gaps());
        assertEquals(Outcome.GAP_CLOSED, r.add(2000, 500));
        assertEquals(Outcome.GAP_CLOSED, r.add(3000, 1000));
        assertEquals(List.of(), r.gaps());
        assertEquals(10000 - 6000, r.bytesRemaining());
    }

    @Test
    void duplicatesAndPartialOverlapsAreDropped() {
        Reassembly r = new Reassembly(10000);
        r.add(0, 1000);
        r.add(3000, 1000); // gap [1000, 3000)
        assertEquals(Outcome.DROP_DUPLICATE, r.add(0, 1000));
        assertEquals(Outcome.DROP_DUPLICATE, r.add(3000, 1000));
        assertEquals(Outcome.DROP_DUPLICATE, r.add(200, 300));
        assertEquals(Outcome.DROP_OVERLAPS_GAP_START, r.add(500, 1000), "starts in received data, ends in the gap");
        assertEquals(Outcome.DROP_OVERLAPS_GAP_END, r.add(2500, 1000), "starts in the gap, ends in received data");
        assertEquals(Outcome.DROP_OVERLAPS_GAP_END, r.add(1000, 2500), "covers the gap and more");
        assertEquals(List.of(new Gap(1000, 3000)), r.gaps());
        assertEquals(8000, r.bytesRemaining());
        assertFalse(Outcome.DROP_DUPLICATE.kept());
    }
}
