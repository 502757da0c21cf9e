package org.homanic.host.tx;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.*;

class PayloadPoolTest {

    @Test
    void buffersArePowersOfTwoFrom256Bytes() {
        try (Arena arena = Arena.ofConfined()) {
            PayloadPool pool = new PayloadPool(arena, 1_000_000);
            long[][] cases = {{1, 256}, {256, 256}, {257, 512}, {1000, 1024}, {65_536, 65_536}, {65_537, 131_072}, {1_000_000, 1_048_576}};
            for (long[] c : cases) assertEquals(c[1], pool.acquire(c[0]).byteSize(), "buffer for " + c[0] + " bytes");
            assertThrows(IllegalArgumentException.class, () -> pool.acquire(1_048_577));
            assertThrows(IllegalArgumentException.class, () -> pool.acquire(0));
        }
    }

    @Test
    void aReleasedBufferServesTheNextMessageOfItsClassWithoutNewMemory() {
        try (Arena arena = Arena.ofConfined()) {
            PayloadPool pool = new PayloadPool(arena, 1_000_000);
            MemorySegment a = pool.acquire(3000), b = pool.acquire(4000);
            assertEquals(8192, pool.allocatedBytes());
            pool.release(a);
            assertEquals(a.address(), pool.acquire(2049).address(), "same class (4 KiB): the same memory");
            assertEquals(12_288, pool.acquire(4096).byteSize() + pool.allocatedBytes() - 4096, "an empty class takes new memory");
            pool.release(b);
            for (int i = 0; i < 1000; i++) pool.release(pool.acquire(3500));
            assertEquals(12_288, pool.allocatedBytes(), "acquire and release in turn: nothing new");
        }
    }

    @Test
    void foreignBuffersAreRefused() {
        try (Arena arena = Arena.ofConfined()) {
            PayloadPool pool = new PayloadPool(arena, 1_000_000);
            assertThrows(IllegalArgumentException.class, () -> pool.release(MemorySegment.ofArray(new byte[300])));
        }
    }
}
