package org.homanic.protocol.wire;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.HexFormat;

/**
 * One header field, declared as data: where it lives and what it means.
 *
 * <p>{@code offset} and {@code size} give the big-endian byte container holding the field.
 * For a whole-byte field the value is the whole container ({@code bitWidth == size * 8},
 * {@code bitShift == 0}). For a bit field (IPv4 IHL, 802.1Q VID, the Homa {@code doff}
 * nibble...) the value is {@code (container >>> bitShift) & ((1 << bitWidth) - 1)}, so several
 * bit fields may share one container. {@link #firstBit()} gives the position in network bit
 * order (bit 0 = most significant bit of byte 0), which is what a hardware parser slices.
 */
public record Field(String name, int offset, int size, int bitShift, int bitWidth, String description) {

    private static final ValueLayout.OfShort U16 =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt U32 =
            ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong U64 =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    public Field {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("field name is empty");
        if (offset < 0 || size <= 0) throw new IllegalArgumentException(name + ": bad offset/size " + offset + "/" + size);
        if (bitWidth <= 0 || bitShift < 0 || bitShift + bitWidth > size * 8) {
            throw new IllegalArgumentException(name + ": bits [" + bitShift + "+" + bitWidth + ") do not fit " + size + " bytes");
        }
        if (bitWidth != size * 8 && size > 8) {
            throw new IllegalArgumentException(name + ": bit fields must sit in a container of at most 8 bytes");
        }
    }

    /** A field that is exactly {@code size} whole bytes. */
    public static Field bytes(String name, int offset, int size, String description) {
        return new Field(name, offset, size, 0, size * 8, description);
    }

    /** A field of {@code bitWidth} bits, {@code bitShift} bits above the least significant bit of its container. */
    public static Field bits(String name, int offset, int containerSize, int bitShift, int bitWidth, String description) {
        return new Field(name, offset, containerSize, bitShift, bitWidth, description);
    }

    public boolean isBitField() {
        return bitWidth != size * 8;
    }

    /** First byte after the container. */
    public int end() {
        return offset + size;
    }

    /** Index of the field's most significant bit, counting from the most significant bit of byte 0. */
    public int firstBit() {
        return offset * 8 + size * 8 - bitShift - bitWidth;
    }

    /** Whether {@link #get} can return the value as an unsigned {@code long}. */
    public boolean fitsInLong() {
        return size <= 8;
    }

    /** The same field moved {@code delta} bytes later (a header embedded in a larger one). */
    public Field shifted(int delta, String prefix) {
        return new Field(prefix + name, offset + delta, size, bitShift, bitWidth, description);
    }

    /** Unsigned value of this field in the header that starts at {@code base}. */
    public long get(MemorySegment segment, long base) {
        long container = container(segment, base);
        if (!isBitField()) return container;
        return (container >>> bitShift) & mask();
    }

    private long container(MemorySegment segment, long base) {
        long at = base + offset;
        return switch (size) {
            case 1 -> Byte.toUnsignedLong(segment.get(ValueLayout.JAVA_BYTE, at));
            case 2 -> Short.toUnsignedLong(segment.get(U16, at));
            case 4 -> Integer.toUnsignedLong(segment.get(U32, at));
            case 8 -> segment.get(U64, at);
            default -> {
                if (size > 8) throw new IllegalArgumentException(name + " is " + size + " bytes, too wide for a long; read it with hex()");
                long v = 0;
                for (int i = 0; i < size; i++) v = (v << 8) | Byte.toUnsignedLong(segment.get(ValueLayout.JAVA_BYTE, at + i));
                yield v;
            }
        };
    }

    /** Writes {@code value} into this field, leaving the other bits of a shared container unchanged. */
    public void set(MemorySegment segment, long base, long value) {
        if (size > 8) throw new IllegalArgumentException(name + " is " + size + " bytes, too wide for a long; copy the bytes instead");
        if (bitWidth < 64 && (value & ~mask()) != 0) {
            throw new IllegalArgumentException(name + ": value 0x" + Long.toHexString(value) + " does not fit " + bitWidth + " bits");
        }
        long container = value;
        if (isBitField()) {
            long old = container(segment, base);
            container = (old & ~(mask() << bitShift)) | (value << bitShift);
        }
        long at = base + offset;
        switch (size) {
            case 1 -> segment.set(ValueLayout.JAVA_BYTE, at, (byte) container);
            case 2 -> segment.set(U16, at, (short) container);
            case 4 -> segment.set(U32, at, (int) container);
            case 8 -> segment.set(U64, at, container);
            default -> {
                for (int i = size - 1; i >= 0; i--) {
                    segment.set(ValueLayout.JAVA_BYTE, at + i, (byte) container);
                    container >>>= 8;
                }
            }
        }
    }

    /** The field's container bytes as lower-case hex (any size; used for addresses). */
    public String hex(MemorySegment segment, long base) {
        byte[] bytes = segment.asSlice(base + offset, size).toArray(ValueLayout.JAVA_BYTE);
        return HexFormat.of().formatHex(bytes);
    }

    private long mask() {
        return bitWidth == 64 ? -1L : (1L << bitWidth) - 1;
    }
}
