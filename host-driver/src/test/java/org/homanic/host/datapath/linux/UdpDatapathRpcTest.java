package org.homanic.host.datapath.linux;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.*;

/** Two stacks on loopback exchanging RPCs in UDP datagrams, over IPv4 and IPv6. */
class UdpDatapathRpcTest {

    @Test
    void rpcsOverIpv4() throws Exception {
        exchange(InetAddress.getByName("127.0.0.1"), 11);
    }

    @Test
    void rpcsOverIpv6() throws Exception {
        exchange(InetAddress.getByName("::1"), 12);
    }

    private static void exchange(InetAddress loopback, long seed) throws Exception {
        UdpDatapath server = UdpDatapath.open(new InetSocketAddress(loopback, 0));
        UdpDatapath client = UdpDatapath.open(new InetSocketAddress(loopback, 0));
        assertNotEquals(0, server.boundAddress().getPort(), "the kernel picked a port");
        long serverHost = client.peer(server.boundAddress());
        EchoRpcs.run(server, client, serverHost, 200, seed);
    }

    @Test
    void packetSizesFollowTheLinkMtuAndFamily() throws Exception {
        try (UdpDatapath v4 = UdpDatapath.open(new InetSocketAddress("127.0.0.1", 0));
             UdpDatapath v6 = UdpDatapath.open(new InetSocketAddress("::1", 0))) {
            assertEquals(1500 - 20 - 8, v4.mtu());
            assertEquals(1500 - 40 - 8, v6.mtu());
        }
    }

    @Test
    void peersAreAddressAndPortAndNumberedOnce() throws Exception {
        try (UdpDatapath d = UdpDatapath.open(new InetSocketAddress("127.0.0.1", 0))) {
            long a = d.peer(new InetSocketAddress("127.0.0.1", 4000));
            long b = d.peer(new InetSocketAddress("127.0.0.1", 4001));
            assertNotEquals(a, b);
            assertEquals(a, d.peer(new InetSocketAddress("127.0.0.1", 4000)));
            assertEquals(new InetSocketAddress("127.0.0.1", 4001), d.addressOf(b));
            assertEquals("127.0.0.1:4001", d.describe(b));
            assertEquals(d.boundAddress(), d.addressOf(d.localAddress()));
        }
        try (UdpDatapath v6 = UdpDatapath.open(new InetSocketAddress("::1", 0))) {
            assertEquals("[::1]:4000", v6.describe(v6.peer(new InetSocketAddress("::1", 4000))));
            assertEquals("[fe80::1:0:0:2]:9", v6.describe(v6.peer(new InetSocketAddress("fe80:0:0:0:1:0:0:2", 9))));
        }
    }
}
