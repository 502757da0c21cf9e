package org.homanic.host.datapath.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Names peers by small numbers (the {@code long} host of the Datapath SPI) and keeps each peer's
 * sockaddr in native memory, so a send points {@code msg_name} at it and a receive maps the
 * kernel's sockaddr back to the number without allocating. Entries live in fixed chunks that
 * never move; a new peer is the only thing that allocates.
 */
final class PeerTable {
    private static final int CHUNK = 256;
    private static final long ENTRY = 32;   // sockaddr_in6 (28 bytes) rounded up

    private final Arena arena;
    private final int family;
    private final boolean portsMatter;
    private final List<MemorySegment> chunks = new ArrayList<>();
    /** The same addresses as Java objects, for printing (also after the native memory is gone). */
    private final List<InetSocketAddress> addresses = new ArrayList<>();
    private final MemorySegment scratch;
    private int count;
    // Open addressing over the raw address bytes; slot value = peer + 1, 0 = empty.
    private long[] keyHi = new long[64], keyLo = new long[64];
    private int[] keyPort = new int[64], value = new int[64];

    /** {@code portsMatter}: whether a peer is address and port (UDP) or address alone (raw IP). */
    PeerTable(Arena arena, int family, boolean portsMatter) {
        this.arena = arena;
        this.family = family;
        this.portsMatter = portsMatter;
        this.scratch = arena.allocate(ENTRY, 8);
    }

    int size() { return count; }

    boolean portsMatter() { return portsMatter; }

    /** The peer number of {@code a}, adding it when new. */
    int intern(InetSocketAddress a) {
        if (SocketAddresses.family(a.getAddress()) != family) {
            throw new IllegalArgumentException("address " + a + " is " + (family == Libc.AF_INET ? "IPv6" : "IPv4")
                    + " but this datapath is " + (family == Libc.AF_INET ? "IPv4" : "IPv6"));
        }
        SocketAddresses.write(portsMatter ? a : new InetSocketAddress(a.getAddress(), 0), scratch, 0);
        return lookupOrAdd(scratch, 0);
    }

    /** The peer number of the sockaddr the kernel wrote at {@code base}, adding it when new. */
    int lookupOrAdd(MemorySegment seg, long base) {
        long hi, lo;
        if (family == Libc.AF_INET) {
            hi = 0;
            lo = Integer.toUnsignedLong(seg.get(ValueLayout.JAVA_INT_UNALIGNED, base + SocketAddresses.ADDR4));
        } else {
            hi = seg.get(ValueLayout.JAVA_LONG_UNALIGNED, base + SocketAddresses.ADDR6);
            lo = seg.get(ValueLayout.JAVA_LONG_UNALIGNED, base + SocketAddresses.ADDR6 + 8);
        }
        int port = portsMatter ? Short.toUnsignedInt(seg.get(ValueLayout.JAVA_SHORT_UNALIGNED, base + SocketAddresses.PORT)) : 0;
        int mask = value.length - 1;
        int i = hash(hi, lo, port) & mask;
        while (value[i] != 0) {
            if (keyHi[i] == hi && keyLo[i] == lo && keyPort[i] == port) return value[i] - 1;
            i = (i + 1) & mask;
        }
        return add(seg, base, hi, lo, port);
    }

    private int add(MemorySegment seg, long base, long hi, long lo, int port) {
        int peer = count++;
        if (peer / CHUNK == chunks.size()) chunks.add(arena.allocate(ENTRY * CHUNK, 8));
        MemorySegment entry = entry(peer);
        entry.fill((byte) 0);
        MemorySegment.copy(seg, base, entry, 0, SocketAddresses.size(family));
        entry.set(ValueLayout.JAVA_SHORT_UNALIGNED, SocketAddresses.FAMILY, (short) family);
        if (!portsMatter) entry.set(ValueLayout.JAVA_SHORT_UNALIGNED, SocketAddresses.PORT, (short) 0);
        addresses.add(SocketAddresses.read(entry, 0));
        if (count * 2 > value.length) grow();
        insert(hi, lo, port, peer + 1);
        return peer;
    }

    private void insert(long hi, long lo, int port, int v) {
        int mask = value.length - 1;
        int i = hash(hi, lo, port) & mask;
        while (value[i] != 0) i = (i + 1) & mask;
        keyHi[i] = hi;
        keyLo[i] = lo;
        keyPort[i] = port;
        value[i] = v;
    }

    private void grow() {
        long[] oh = keyHi, ol = keyLo;
        int[] op = keyPort, ov = value;
        int n = ov.length * 2;
        keyHi = new long[n];
        keyLo = new long[n];
        keyPort = new int[n];
        value = new int[n];
        for (int i = 0; i < ov.length; i++) if (ov[i] != 0) insert(oh[i], ol[i], op[i], ov[i]);
    }

    private static int hash(long hi, long lo, int port) {
        long h = (hi * 0x9E3779B97F4A7C15L) ^ (lo * 0xC2B2AE3D27D4EB4FL) ^ port;
        return (int) (h ^ (h >>> 29) ^ (h >>> 43));
    }

    boolean contains(long peer) {
        return peer >= 0 && peer < count;
    }

    /** The native sockaddr of {@code peer} (which must exist). */
    MemorySegment entry(long peer) {
        return chunks.get((int) (peer / CHUNK)).asSlice((peer % CHUNK) * ENTRY, ENTRY);
    }

    /** Address of the native sockaddr of {@code peer}, for msg_name. */
    long entryAddress(long peer) {
        return chunks.get((int) (peer / CHUNK)).address() + (peer % CHUNK) * ENTRY;
    }

    int sockaddrLength() {
        return SocketAddresses.size(family);
    }

    InetSocketAddress address(long peer) {
        return addresses.get((int) peer);
    }
}
