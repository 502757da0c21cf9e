package org.homanic.host.datapath.linux;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;

/**
 * Homa on IP protocol 146, its real wire form: the bytes HomaModule sends and accepts. Needs
 * CAP_NET_RAW ({@link SyscallException.PermissionDeniedException} without it). A peer is an IP
 * address: like a kernel Homa, one stack owns an address, so two stacks on one machine bind two
 * addresses (127.0.0.1 and 127.0.0.2, say). An IPv4 raw socket hands over the IP header with
 * each packet; it is received into a buffer of its own ahead of the slot and checked, and its
 * TOS byte gives the packet's level. IPv6 raw sockets deliver the payload alone.
 */
public final class RawIpDatapath extends SocketDatapath {
    private static final int IPV4_HEADER = 20;
    private static final ValueLayout.OfShort SHORT_BE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private RawIpDatapath(InetAddress bind, LinuxDatapathConfig config) {
        super(new InetSocketAddress(bind, 0), Libc.SOCK_RAW, Libc.IPPROTO_HOMA, false,
                bind instanceof java.net.Inet4Address ? IPV4_HEADER : 40,
                bind instanceof java.net.Inet4Address ? IPV4_HEADER : 0, config, "raw IP protocol 146 socket");
    }

    /** Binds {@code bind}: the socket receives Homa packets sent to that address only (the wildcard: all). */
    public static RawIpDatapath open(InetAddress bind, LinuxDatapathConfig config) {
        return new RawIpDatapath(bind, config);
    }

    public static RawIpDatapath open(InetAddress bind) {
        return open(bind, LinuxDatapathConfig.defaults());
    }

    /** The peer number of an IP address. */
    public long peer(InetAddress address) {
        return peer(new InetSocketAddress(address, 0));
    }

    @Override
    int accept(int index, MemorySegment slot, int length) {
        if (rxPrefix == 0) return length;
        long h = (long) index * rxPrefix;
        int versionIhl = rxPrefixes.get(ValueLayout.JAVA_BYTE, h) & 0xFF;
        int headerLength = (versionIhl & 0x0F) * 4;
        int totalLength = Short.toUnsignedInt(rxPrefixes.get(SHORT_BE, h + 2));
        int protocol = rxPrefixes.get(ValueLayout.JAVA_BYTE, h + 9) & 0xFF;
        if ((versionIhl >>> 4) != 4 || headerLength < IPV4_HEADER || length < headerLength
                || protocol != Libc.IPPROTO_HOMA || totalLength != length) return -1;
        int options = headerLength - IPV4_HEADER;
        int homaLength = length - headerLength;
        // IP options spilled into the slot ahead of the Homa header: move the packet down over them.
        if (options > 0) MemorySegment.copy(slot, options, slot, 0, homaLength);
        return homaLength;
    }

    @Override
    int homaLevel(int index) {
        if (rxPrefix == 0) return super.homaLevel(index);
        return (rxPrefixes.get(ValueLayout.JAVA_BYTE, (long) index * rxPrefix + 1) & 0xFF) >>> 5;
    }
}
