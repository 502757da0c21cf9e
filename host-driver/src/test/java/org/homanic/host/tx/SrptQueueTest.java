package org.homanic.host.tx;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.*;

class SrptQueueTest {
    private static OutgoingMessage msg(int length, long created, long seq) {
        return new OutgoingMessage(MemorySegment.ofArray(new byte[length]), 1_000_000, created, seq);
    }

    @Test
    void theMessageWithFewestBytesLeftGoesFirst() {
        SrptQueue<String> q = new SrptQueue<>(0);
        OutgoingMessage big = msg(9000, 0, 0), small = msg(3000, 5, 1), mid = msg(5000, 1, 2);
        q.offer(big, "big");
        q.offer(small, "small");
        q.offer(mid, "mid");
        assertEquals("small", q.owner(q.pick()));
        small.advance(3000);
        q.remove(small);
        mid.advance(1000);
        big.advance(6000);
        assertEquals("big", q.owner(q.pick()), "3000 left beats 4000 left");
    }

    @Test
    void everyTwentiethPickServesTheOldestAtTheDefaultFraction() {
        SrptQueue<String> q = new SrptQueue<>(50);
        q.offer(msg(100_000, 0, 0), "old");
        q.offer(msg(10, 1, 1), "short");
        int oldPicks = 0;
        for (int i = 1; i <= 100; i++) {
            String who = q.owner(q.pick());
            if (who.equals("old")) {
                oldPicks++;
                assertEquals(0, i % 20, "pick " + i);
            }
        }
        assertEquals(5, oldPicks);
    }

    @Test
    void offeringTwiceKeepsOneEntry() {
        SrptQueue<String> q = new SrptQueue<>(0);
        OutgoingMessage m = msg(10, 0, 0);
        q.offer(m, "a");
        q.offer(m, "a");
        assertEquals(1, q.size());
        q.remove(m);
        q.remove(m);
        assertTrue(q.isEmpty());
    }

    @Test
    void grantsOnlyGrowAndStopAtTheLength() {
        OutgoingMessage m = new OutgoingMessage(MemorySegment.ofArray(new byte[100_000]), 40_000, 0, 0);
        assertEquals(40_000, m.granted());
        assertFalse(m.onGrant(30_000, 2));
        assertEquals(2, m.schedPriority(), "the priority of every GRANT is taken");
        assertTrue(m.onGrant(200_000, 1));
        assertEquals(100_000, m.granted());
    }
}
