package org.homanic.host.pool;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.*;

class MessageBufferTest {
    private static final int PAGE = 65_536;

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (i * 31 + (i >> 8));
        return b;
    }

    @Test
    void aMessageAcrossBpagesReadsBackThroughEveryView() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            BufferPool pool = new BufferPool(arena, 8L * PAGE);
            pool.allocate(1000); // so the tail lands at a non-zero offset of the shared page
            int n = 2 * PAGE + 5000;
            byte[] expected = pattern(n);
            MessageBuffer m = pool.allocate(n);
            m.write(0, MemorySegment.ofArray(expected), 0, n);

            assertFalse(m.isContiguous());
            assertThrows(IllegalStateException.class, m::contiguous);
            assertEquals(3, m.segmentCount());
            assertEquals(PAGE, m.segment(0).byteSize());
            assertEquals(5000, m.segment(2).byteSize());
            assertEquals(expected[PAGE + 7], m.segment(1).get(ValueLayout.JAVA_BYTE, 7));
            assertArrayEquals(expected, m.toByteArray());
            assertEquals(expected[2 * PAGE + 4999], m.get(n - 1));

            ByteBuffer[] bbs = m.asByteBuffers();
            assertTrue(bbs[0].isReadOnly());
            assertEquals(expected[PAGE], bbs[1].get(0));

            try (InputStream in = m.inputStream()) {
                assertArrayEquals(expected, in.readAllBytes());
            }
            byte[] middle = new byte[300];
            m.copyTo(PAGE - 100, MemorySegment.ofArray(middle), 0, 300);
            for (int i = 0; i < 300; i++) assertEquals(expected[PAGE - 100 + i], middle[i]);
        }
    }

    @Test
    void aMessageInOneBpageIsOneSlice() {
        try (Arena arena = Arena.ofConfined()) {
            BufferPool pool = new BufferPool(arena, 2L * PAGE);
            MessageBuffer m = pool.allocate(PAGE);
            assertTrue(m.isContiguous());
            assertEquals(PAGE, m.contiguous().byteSize());
            assertEquals(pool.region().address(), m.contiguous().address());
        }
    }

    @Test
    void writesOutsideTheMessageAreRefusedAndTouchNothing() {
        try (Arena arena = Arena.ofConfined()) {
            BufferPool pool = new BufferPool(arena, 2L * PAGE);
            MessageBuffer victim = pool.allocate(1000);
            MessageBuffer attacker = pool.allocate(1000);
            MemorySegment evil = MemorySegment.ofArray(new byte[2000]).fill((byte) 0x66);
            assertThrows(IndexOutOfBoundsException.class, () -> attacker.write(500, evil, 0, 501));
            assertThrows(IndexOutOfBoundsException.class, () -> attacker.write(-1, evil, 0, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> attacker.write(1000, evil, 0, 1));
            for (byte b : victim.toByteArray()) assertEquals(0, b);
        }
    }

    @Test
    void readsAfterReleaseFail() {
        try (Arena arena = Arena.ofConfined()) {
            BufferPool pool = new BufferPool(arena, 2L * PAGE);
            MessageBuffer m = pool.allocate(10);
            pool.release(m);
            assertTrue(m.isReleased());
            assertThrows(IllegalStateException.class, () -> m.get(0));
            assertThrows(IllegalStateException.class, m::toByteArray);
        }
    }
}
