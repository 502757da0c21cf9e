package org.homanic.host.datapath.linux;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Two stacks on loopback exchanging RPCs as IP protocol 146 packets (needs CAP_NET_RAW). */
class RawIpDatapathRpcTest {

    @BeforeAll
    static void needsRawSockets() {
        assumeTrue(RawAccess.available(), RawAccess.SKIP);
    }

    @Test
    void rpcsOverIpv4BetweenTwoLoopbackAddresses() throws Exception {
        // Like two kernels, each stack owns an address; 127.0.0.0/8 is all loopback.
        RawIpDatapath server = RawIpDatapath.open(InetAddress.getByName("127.0.0.1"));
        RawIpDatapath client = RawIpDatapath.open(InetAddress.getByName("127.0.0.2"));
        assertEquals(1500 - 20, server.mtu());
        EchoRpcs.run(server, client, client.peer(InetAddress.getByName("127.0.0.1")), 200, 21);
    }

    @Test
    void rpcsOverIpv6SharingTheOneLoopbackAddress() throws Exception {
        // IPv6 loopback has one address, so both sockets see every packet; each stack drops the
        // ones for ports it does not have, and the RPCs still complete exactly once.
        RawIpDatapath server = RawIpDatapath.open(InetAddress.getByName("::1"));
        RawIpDatapath client = RawIpDatapath.open(InetAddress.getByName("::1"));
        assertEquals(1500 - 40, server.mtu());
        EchoRpcs.run(server, client, client.peer(InetAddress.getByName("::1")), 200, 22);
    }
}
