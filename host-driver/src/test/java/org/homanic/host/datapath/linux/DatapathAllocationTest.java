package org.homanic.host.datapath.linux;

import org.homanic.host.datapath.PacketBatch;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Sending and receiving batches allocates nothing per packet: the native structures are set up once. */
class DatapathAllocationTest {

    @Test
    void udpBatchesAllocateNothingPerPacket() throws Exception {
        check(UdpDatapath.open(new InetSocketAddress("127.0.0.1", 0)), UdpDatapath.open(new InetSocketAddress("127.0.0.1", 0)), true);
    }

    @Test
    void rawIpv4BatchesAllocateNothingPerPacket() throws Exception {
        assumeTrue(RawAccess.available(), RawAccess.SKIP);
        check(RawIpDatapath.open(InetAddress.getByName("127.0.0.5")), RawIpDatapath.open(InetAddress.getByName("127.0.0.6")), false);
    }

    private static void check(SocketDatapath a, SocketDatapath b, boolean udp) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (a; b; Arena arena = Arena.ofConfined()) {
            long peer = a.peer(udp ? b.boundAddress() : new InetSocketAddress(b.boundAddress().getAddress(), 0));
            PacketBatch out = new PacketBatch(arena, 32, a.mtu());
            PacketBatch in = new PacketBatch(arena, 64, b.mtu());
            for (int round = 0; round < 3000; round++) exchange(a, b, peer, out, in); // warm up the JIT; b learns a's address
            int rounds = 2000;
            long before = threads.getCurrentThreadAllocatedBytes();
            long packets = 0;
            for (int round = 0; round < rounds; round++) packets += exchange(a, b, peer, out, in);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            System.out.println((udp ? "UDP" : "raw IPv4") + ": " + allocated + " bytes allocated for " + packets + " packets sent and received");
            assertTrue(packets >= rounds * 32L * 9 / 10, "most packets arrived: " + packets);
            // One object per packet would be at least 16 bytes a packet. What little is measured
            // (tens of bytes a round, found to be the same for the send, wait and poll calls
            // alike) comes from the JIT and the measurement itself.
            assertTrue(allocated < 4 * packets, allocated + " bytes for " + packets + " packets");
        }
    }

    /** Sends a batch of 32 small packets and receives what has arrived; returns packets received. */
    private static int exchange(SocketDatapath a, SocketDatapath b, long peer, PacketBatch out, PacketBatch in) {
        for (int i = 0; i < 32; i++) {
            out.next().set(java.lang.foreign.ValueLayout.JAVA_LONG, 0, i);
            out.commit(200, peer, i & 7);
        }
        a.send(out);
        in.clear();
        b.awaitPackets(10_000_000);
        int n = b.poll(in);
        while (n < 32 && b.poll(in) > 0) n = in.size();
        return in.size();
    }
}
