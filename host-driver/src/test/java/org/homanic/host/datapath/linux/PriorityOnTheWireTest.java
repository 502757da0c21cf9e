package org.homanic.host.datapath.linux;

import org.homanic.host.datapath.PacketBatch;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Each packet's level goes out in the TOS byte / traffic class (level << 5) and the receiving
 * datapath reads it back from the kernel: from the IPv4 header on raw sockets, from the
 * IP_TOS / IPV6_TCLASS control message otherwise. Bytes arrive unchanged.
 */
class PriorityOnTheWireTest {

    @Test
    void udpIpv4() throws Exception {
        check(UdpDatapath.open(new InetSocketAddress("127.0.0.1", 0)), UdpDatapath.open(new InetSocketAddress("127.0.0.1", 0)), true);
    }

    @Test
    void udpIpv6() throws Exception {
        check(UdpDatapath.open(new InetSocketAddress("::1", 0)), UdpDatapath.open(new InetSocketAddress("::1", 0)), true);
    }

    @Test
    void rawIpv4() throws Exception {
        assumeTrue(RawAccess.available(), RawAccess.SKIP);
        check(RawIpDatapath.open(InetAddress.getByName("127.0.0.3")), RawIpDatapath.open(InetAddress.getByName("127.0.0.4")), false);
    }

    @Test
    void rawIpv6() throws Exception {
        assumeTrue(RawAccess.available(), RawAccess.SKIP);
        check(RawIpDatapath.open(InetAddress.getByName("::1")), RawIpDatapath.open(InetAddress.getByName("::1")), false);
    }

    @Test
    void aDatagramTooLongForASlotIsDroppedAndThePacketsAfterItArriveIntact() throws Exception {
        LinuxDatapathConfig jumbo = LinuxDatapathConfig.defaults().withLinkMtu(9000);
        try (UdpDatapath a = UdpDatapath.open(new InetSocketAddress("127.0.0.1", 0), jumbo);
             UdpDatapath b = UdpDatapath.open(new InetSocketAddress("127.0.0.1", 0));
             Arena arena = Arena.ofConfined()) {
            long peer = a.peer(b.boundAddress());
            PacketBatch out = new PacketBatch(arena, 4, a.mtu());
            int[] lengths = {100, 3000, 200, 3000};
            for (int i = 0; i < lengths.length; i++) {
                out.next().fill((byte) (i + 1));
                out.commit(lengths[i], peer, 3);
            }
            a.send(out);
            PacketBatch in = new PacketBatch(arena, 8, b.mtu());
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (b.stats().receiveDrops() + in.size() < 4 && System.nanoTime() < deadline) {
                b.awaitPackets(100_000_000);
                b.poll(in);
            }
            assertEquals(2, in.size());
            assertEquals(2, b.stats().receiveDrops(), "the two 3000-byte datagrams do not fit a 1472-byte slot");
            assertEquals(100, in.length(0));
            assertEquals(200, in.length(1));
            for (int k = 0; k < 200; k++) assertEquals((byte) 3, in.segment(1).get(java.lang.foreign.ValueLayout.JAVA_BYTE, k), "byte " + k);
            for (int k = 0; k < 100; k++) assertEquals((byte) 1, in.segment(0).get(java.lang.foreign.ValueLayout.JAVA_BYTE, k));
        }
    }

    /** Sends one packet per level from a to b and checks what b receives. */
    private static void check(SocketDatapath a, SocketDatapath b, boolean udp) throws Exception {
        try (a; b; Arena arena = Arena.ofConfined()) {
            InetSocketAddress to = udp ? b.boundAddress() : new InetSocketAddress(b.boundAddress().getAddress(), 0);
            long peer = a.peer(to);
            PacketBatch out = new PacketBatch(arena, 8, a.mtu());
            for (int level = 0; level < 8; level++) {
                MemorySegment slot = out.next();
                // A recognisable Homa-sized packet: byte i = level * 31 + i.
                for (int i = 0; i < 100; i++) slot.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, (byte) (level * 31 + i));
                out.commit(100, peer, level);
            }
            a.send(out);
            assertEquals(0, out.size(), "send empties the batch");
            PacketBatch in = new PacketBatch(arena, 16, b.mtu());
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (in.size() < 8 && System.nanoTime() < deadline) {
                // The IPv6 raw sockets share ::1 with the sender, which may see its own packets too.
                b.awaitPackets(100_000_000);
                b.poll(in);
            }
            boolean[] seen = new boolean[8];
            for (int i = 0; i < in.size(); i++) {
                assertEquals(100, in.length(i));
                int level = in.priority(i);
                assertEquals((byte) (level * 31), in.segment(i).get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0),
                        "packet " + i + " was sent at the level the receiver read");
                for (int k = 0; k < 100; k++) assertEquals((byte) (level * 31 + k), in.segment(i).get(java.lang.foreign.ValueLayout.JAVA_BYTE, k));
                assertEquals(a.boundAddress().getAddress(), b.addressOf(in.peer(i)).getAddress());
                seen[level] = true;
            }
            for (int level = 0; level < 8; level++) assertTrue(seen[level], "level " + level + " arrived");
            assertEquals(8, in.size());
        }
    }
}
