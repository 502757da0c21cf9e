package org.homanic.protocol.wire;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** The Internet ones'-complement checksum (RFC 1071). */
public final class Checksums {
    private Checksums() {}

    /** Ones'-complement sum, folded to 16 bits, of {@code length} bytes at {@code offset}. */
    public static int onesComplementSum(MemorySegment segment, long offset, long length, int initial) {
        long sum = initial;
        long i = 0;
        for (; i + 1 < length; i += 2) {
            sum += (Byte.toUnsignedInt(segment.get(ValueLayout.JAVA_BYTE, offset + i)) << 8)
                    | Byte.toUnsignedInt(segment.get(ValueLayout.JAVA_BYTE, offset + i + 1));
        }
        if (i < length) sum += Byte.toUnsignedInt(segment.get(ValueLayout.JAVA_BYTE, offset + i)) << 8;
        while ((sum >>> 16) != 0) sum = (sum & 0xFFFF) + (sum >>> 16);
        return (int) sum;
    }

    /** The checksum field value for a header whose checksum field currently holds 0. */
    public static int checksum(MemorySegment segment, long offset, long length) {
        return ~onesComplementSum(segment, offset, length, 0) & 0xFFFF;
    }
}
