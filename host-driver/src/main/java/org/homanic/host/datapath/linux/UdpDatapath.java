package org.homanic.host.datapath.linux;

import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;

/**
 * Homa packets carried in UDP datagrams (the Homa header is the UDP payload), over IPv4 or
 * IPv6 as the bind address says; needs no privilege. A peer is an address and a UDP port, so
 * several stacks can share one host address. With a 1500-byte link MTU a Homa packet is at most
 * 1472 bytes over IPv4 and 1452 over IPv6.
 */
public final class UdpDatapath extends SocketDatapath {
    private static final int UDP_HEADER = 8;

    private UdpDatapath(InetSocketAddress bind, LinuxDatapathConfig config) {
        super(bind, Libc.SOCK_DGRAM, Libc.IPPROTO_UDP, true, ipHeader(bind) + UDP_HEADER, 0, config, "UDP socket");
    }

    /** Binds {@code bind} (port 0 lets the kernel choose; see {@link #boundAddress()}). */
    public static UdpDatapath open(InetSocketAddress bind, LinuxDatapathConfig config) {
        return new UdpDatapath(bind, config);
    }

    public static UdpDatapath open(InetSocketAddress bind) {
        return open(bind, LinuxDatapathConfig.defaults());
    }

    static int ipHeader(InetSocketAddress a) {
        if (a.getAddress() == null) throw new IllegalArgumentException("unresolved address " + a.getHostString());
        return SocketAddresses.family(a.getAddress()) == Libc.AF_INET ? 20 : 40;
    }

    @Override
    int accept(int index, MemorySegment slot, int length) {
        return length;
    }
}
