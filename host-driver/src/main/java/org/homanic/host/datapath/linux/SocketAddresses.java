package org.homanic.host.datapath.linux;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;

/** Converts between {@link InetSocketAddress} and {@code sockaddr_in} / {@code sockaddr_in6} in native memory. */
final class SocketAddresses {
    private static final ValueLayout.OfShort SHORT_BE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final long FAMILY = 0;
    static final long PORT = Structs.offset(Structs.SOCKADDR_IN, "sin_port");
    static final long ADDR4 = Structs.offset(Structs.SOCKADDR_IN, "sin_addr");
    static final long ADDR6 = Structs.offset(Structs.SOCKADDR_IN6, "sin6_addr");
    static final long SCOPE6 = Structs.offset(Structs.SOCKADDR_IN6, "sin6_scope_id");
    /** Room for either form. */
    static final long MAX_SIZE = Structs.SOCKADDR_IN6.byteSize();

    private SocketAddresses() {}

    static int family(InetAddress a) {
        return a instanceof Inet4Address ? Libc.AF_INET : Libc.AF_INET6;
    }

    static int size(int family) {
        return (int) (family == Libc.AF_INET ? Structs.SOCKADDR_IN.byteSize() : Structs.SOCKADDR_IN6.byteSize());
    }

    /** Writes {@code a} at {@code base} (zeroing the rest) in the family's form; returns its length. */
    static int write(InetSocketAddress a, MemorySegment seg, long base) {
        InetAddress ip = a.getAddress();
        if (ip == null) throw new IllegalArgumentException("unresolved address " + a.getHostString());
        int family = family(ip);
        int size = size(family);
        seg.asSlice(base, size).fill((byte) 0);
        seg.set(ValueLayout.JAVA_SHORT_UNALIGNED, base + FAMILY, (short) family);
        seg.set(SHORT_BE, base + PORT, (short) a.getPort());
        byte[] bytes = ip.getAddress();
        MemorySegment.copy(bytes, 0, seg, ValueLayout.JAVA_BYTE, base + (family == Libc.AF_INET ? ADDR4 : ADDR6), bytes.length);
        if (ip instanceof Inet6Address v6) seg.set(ValueLayout.JAVA_INT_UNALIGNED, base + SCOPE6, v6.getScopeId());
        return size;
    }

    /** Reads the sockaddr at {@code base}. */
    static InetSocketAddress read(MemorySegment seg, long base) {
        int family = seg.get(ValueLayout.JAVA_SHORT_UNALIGNED, base + FAMILY);
        int port = Short.toUnsignedInt(seg.get(SHORT_BE, base + PORT));
        byte[] bytes = new byte[family == Libc.AF_INET ? 4 : 16];
        MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, base + (family == Libc.AF_INET ? ADDR4 : ADDR6), bytes, 0, bytes.length);
        try {
            return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("kernel returned a malformed address", e);
        }
    }

    /** An address and port in the usual printed form: 1.2.3.4:5 or [::1]:5. */
    static String format(InetSocketAddress a) {
        return a.getAddress() instanceof Inet6Address ? "[" + host(a.getAddress()) + "]:" + a.getPort() : host(a.getAddress()) + ":" + a.getPort();
    }

    /** The address alone, IPv6 with its first run of zero groups shortened to "::" (0:0:0:0:0:0:0:1 is ::1). */
    static String host(InetAddress ip) {
        String s = ip.getHostAddress();
        if (!(ip instanceof Inet6Address)) return s;
        int pct = s.indexOf('%');
        if (pct >= 0) s = s.substring(0, pct);
        return s.replaceFirst("(^|:)0(:0)+(:|$)", "::");
    }
}
