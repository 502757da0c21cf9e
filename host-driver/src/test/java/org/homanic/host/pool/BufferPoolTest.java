package org.homanic.host.pool;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;

import static org.junit.jupiter.api.Assertions.*;

class BufferPoolTest {
    private static final int PAGE = 65_536;

    @Test
    void aMessageGetsWholeBpagesPlusATailFragment() {
        try (Arena arena = Arena.ofConfined()) {
            BufferPool pool = new BufferPool(arena, 8L * PAGE);
            MessageBuffer m = pool.allocate(2 * PAGE + 100);
            long[] offsets = m.bpageOffsets();
            assertArrayEquals(new long[] {0, PAGE, 2L * PAGE}, offsets, "lowest pages first; the tail starts a shared page");
            assertEquals(1 + 1, pool.references(2), "tail page: the message and the owner");
            assertEquals(5, pool.freePages());
        }
    }

    @Test
    void smallMessagesArePackedIntoTheSharedPageOnCacheLines() {
        try (Arena arena = Arena.ofConfined()) {
            BufferPool pool = new BufferPool(arena, 4L * PAGE);
            MessageBuffer a = pool.allocate(100);
            MessageBuffer b = pool.allocate(1);
            MessageBuffer c = pool.allocate(64);
            assertEquals(0, a.bpageOffsets()[0]);
            assertEquals(128, b.bpageOffsets()[0], "100 rounded up to two 64-byte lines");
            assertEquals(192, c.bpageOffsets()[0]);
            assertEquals(4, pool.references(0));
            assertEquals(3, pool.freePages());
        }
    }

    @Test
    void aTailThatDoesNotFitMovesToANewSharedPageAndTheOldOneFreesWithItsLastMessage() {
        try (Arena arena = Arena.ofConfined()) {
            BufferPool pool = new BufferPool(arena, 4L * PAGE);
            MessageBuffer a = pool.allocate(60_000);
            MessageBuffer b = pool.allocate(10_000);
            assertEquals(0, a.bpageOffsets()[0]);
            assertEquals(PAGE, b.bpageOffsets()[0], "60,000 + 10,000 > 65,536: next page");
            assertEquals(1, pool.references(0), "page 0 lost its owner; only message a holds it");
            pool.release(a);
            assertEquals(0, pool.references(0));
            assertEquals(3, pool.freePages());
        }
    }

    @Test
    void theSharedPageStartsOverWhenOnlyItsOwnerHoldsIt() {
        try (Arena arena = Arena.ofConfined()) {
            BufferPool pool = new BufferPool(arena, 2L * PAGE);
            MessageBuffer a = pool.allocate(50_000);
            pool.release(a);
            MessageBuffer b = pool.allocate(50_000);
            assertEquals(0, b.bpageOffsets()[0], "reused from offset 0 instead of taking another page");
            assertEquals(1, pool.freePages());
        }
    }

    @Test
    void allocationIsAllOrNothing() {
        try (Arena arena = Arena.ofConfined()) {
            BufferPool pool = new BufferPool(arena, 3L * PAGE);
            MessageBuffer a = pool.allocate(PAGE);
            assertNull(pool.allocate(2 * PAGE + 1), "needs three pages, two are free");
            assertEquals(2, pool.freePages(), "a refused allocation takes nothing");
            assertNotNull(pool.allocate(2 * PAGE));
            assertEquals(0, pool.freePages());
            pool.release(a);
            assertEquals(1, pool.freePages());
        }
    }

    @Test
    void releasingTwiceFailsAndChangesNothing() {
        try (Arena arena = Arena.ofConfined()) {
            BufferPool pool = new BufferPool(arena, 4L * PAGE);
            MessageBuffer a = pool.allocate(PAGE);
            pool.release(a);
            int free = pool.freePages();
            assertThrows(IllegalStateException.class, () -> pool.release(a));
            assertEquals(free, pool.freePages());
        }
    }

    @Test
    void refusesBadSizes() {
        try (Arena arena = Arena.ofConfined()) {
            assertThrows(IllegalArgumentException.class, () -> new BufferPool(arena, PAGE + 1));
            BufferPool pool = new BufferPool(arena, PAGE);
            assertThrows(IllegalArgumentException.class, () -> pool.allocate(0));
            assertThrows(IllegalArgumentException.class, () -> pool.allocate(1_000_001));
            assertTrue(pool.canEverHold(PAGE));
            assertFalse(pool.canEverHold(PAGE + 1));
        }
    }
}
