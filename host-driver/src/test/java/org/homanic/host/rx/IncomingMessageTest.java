package org.homanic.host.rx;

import org.homanic.host.pool.BufferPool;
import org.homanic.protocol.rx.Reassembly.Outcome;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class IncomingMessageTest {

    /** Packet {@code k} of a message: the message bytes it carries, after 56 header bytes. */
    private static MemorySegment packet(byte[] message, int offset, int count) {
        byte[] p = new byte[56 + count];
        System.arraycopy(message, offset, p, 56, count);
        return MemorySegment.ofArray(p);
    }

    @Test
    void outOfOrderAndDuplicatedPacketsRebuildTheMessageExactly() {
        long seed = 42;
        System.out.println("seed " + seed);
        Random random = new Random(seed);
        int length = 200_000, mtu = 1424;
        byte[] message = new byte[length];
        random.nextBytes(message);
        List<Integer> offsets = new ArrayList<>();
        for (int o = 0; o < length; o += mtu) offsets.add(o);
        List<Integer> arrivals = new ArrayList<>(offsets);
        for (int i = 0; i < 40; i++) arrivals.add(offsets.get(random.nextInt(offsets.size())));
        Collections.shuffle(arrivals, random);
        try (Arena arena = Arena.ofConfined()) {
            BufferPool pool = new BufferPool(arena, 8L * 65_536);
            IncomingMessage in = new IncomingMessage(length, length, 0);
            in.attach(pool.allocate(length));
            int kept = 0, duplicates = 0;
            for (int o : arrivals) {
                int n = Math.min(mtu, length - o);
                Outcome outcome = in.accept(packet(message, o, n), 56, o, n);
                if (outcome.kept()) kept++;
                else {
                    assertEquals(Outcome.DROP_DUPLICATE, outcome);
                    duplicates++;
                }
            }
            assertEquals(offsets.size(), kept);
            assertEquals(40, duplicates);
            assertTrue(in.complete());
            assertArrayEquals(message, in.buffer().toByteArray());
        }
    }

    @Test
    void packetsPastTheEndOrOverlappingAGapEdgeAreDroppedWithoutWriting() {
        try (Arena arena = Arena.ofConfined()) {
            BufferPool pool = new BufferPool(arena, 2L * 65_536);
            IncomingMessage in = new IncomingMessage(3000, 3000, 0);
            in.attach(pool.allocate(3000));
            byte[] ones = new byte[3100];
            java.util.Arrays.fill(ones, (byte) 1);
            assertEquals(Outcome.NEW_GAP, in.accept(packet(ones, 0, 1000), 56, 2000, 1000));
            assertEquals(Outcome.DROP_PAST_END, in.accept(packet(ones, 0, 1001), 56, 2000, 1001));
            assertEquals(Outcome.DROP_OFFSET_OUT_OF_RANGE, in.accept(packet(ones, 0, 10), 56, 3000, 10));
            assertEquals(Outcome.DROP_OVERLAPS_GAP_END, in.accept(packet(ones, 0, 200), 56, 1900, 200));
            assertEquals(Outcome.GAP_START_FILLED, in.accept(packet(ones, 0, 500), 56, 0, 500));
            byte[] now = in.buffer().toByteArray();
            for (int i = 0; i < 3000; i++) assertEquals(i < 500 || i >= 2000 ? 1 : 0, now[i], "byte " + i);
        }
    }
}
