package org.homanic.host.datapath.linux;

import org.homanic.host.datapath.PacketBatch;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.*;

/**
 * UDP GSO: a run of full-size packets to one peer at one level leaves in one send and arrives
 * as the same datagrams, byte for byte, in order, each with its level.
 */
class UdpGsoTest {

    @Test
    void aRunOfFullPacketsIsOneSendAndArrivesAsTheSamePackets() throws Exception {
        try (UdpDatapath a = UdpDatapath.open(new InetSocketAddress("127.0.0.1", 0));
             UdpDatapath b = UdpDatapath.open(new InetSocketAddress("127.0.0.1", 0));
             Arena arena = Arena.ofConfined()) {
            long peer = a.peer(b.boundAddress());
            PacketBatch out = new PacketBatch(arena, 64, a.mtu());
            // 10 full packets and a short last one at level 3, then 5 full ones at level 5:
            // two GSO sends (the level changes), 16 datagrams.
            int[] lengths = new int[16];
            int[] levels = new int[16];
            for (int i = 0; i < 16; i++) {
                lengths[i] = i == 10 ? 300 : a.mtu();
                levels[i] = i <= 10 ? 3 : 5;
                MemorySegment slot = out.next();
                for (int j = 0; j < lengths[i]; j++) slot.set(ValueLayout.JAVA_BYTE, j, pattern(i, j));
                out.commit(lengths[i], peer, levels[i]);
            }
            a.send(out);
            assertEquals(16, a.stats().packetsSent());
            assertEquals(2, a.stats().gsoSends());

            PacketBatch in = new PacketBatch(arena, 64, b.mtu());
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (in.size() < 16 && System.nanoTime() < deadline) {
                b.awaitPackets(10_000_000);
                b.poll(in);
            }
            assertEquals(16, in.size(), "every datagram of both sends arrived");
            for (int i = 0; i < 16; i++) {
                assertEquals(lengths[i], in.length(i), "datagram " + i + " is packet " + i);
                assertEquals(levels[i], in.priority(i), "datagram " + i + " keeps its level");
                MemorySegment got = in.segment(i);
                for (int j = 0; j < lengths[i]; j++) {
                    if (got.get(ValueLayout.JAVA_BYTE, j) != pattern(i, j)) fail("datagram " + i + " differs at byte " + j);
                }
            }
        }
    }

    private static byte pattern(int packet, int offset) {
        return (byte) (packet * 31 + offset * 7 + (offset >> 8));
    }
}
