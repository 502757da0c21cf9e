package org.homanic.testbench;

import java.lang.foreign.MemorySegment;
import java.math.BigInteger;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

/**
 * A top-level port of a running simulator, read and written directly in the model's memory (no
 * native call). Values are unsigned; writes keep the low {@link #width()} bits, as a Verilog
 * assignment to a narrower signal does. A new input value takes effect at the next
 * {@link Simulator#eval()}, {@link Simulator#tick()} or {@link Simulator#step(long)}.
 *
 * <p>Ports of up to 64 bits use {@link #get()} and {@link #set(long)}. Wider ones (such as a
 * 512-bit {@code tdata}) are read and written as little-endian bytes (byte 0 holds bits 7..0,
 * the byte order of AXI-Stream lanes) or as 64-bit words (word 0 holds bits 63..0), into and from
 * the caller's arrays, so that the hot path allocates nothing; {@link #getBig()} is the
 * convenient, allocating form.
 */
public final class Port {
    private final String name;
    private final PortDirection direction;
    private final int width;
    private final int storageBytes;
    private final int valueBytes;
    private final long mask;
    private final MemorySegment storage;

    Port(PortDeclaration declaration, MemorySegment storage) {
        this.name = declaration.name();
        this.direction = declaration.direction();
        this.width = declaration.width();
        this.storageBytes = declaration.storageBytes();
        this.valueBytes = (width + 7) / 8;
        this.mask = width >= 64 ? -1L : (1L << width) - 1;
        this.storage = storage;
    }

    public String name() {
        return name;
    }

    public PortDirection direction() {
        return direction;
    }

    /** Width in bits. */
    public int width() {
        return width;
    }

    /** Bytes needed to hold the value: {@code ceil(width / 8)}. */
    public int byteCount() {
        return valueBytes;
    }

    /** 64-bit words needed to hold the value: {@code ceil(width / 64)}. */
    public int wordCount() {
        return (width + 63) / 64;
    }

    /** The value of a port of up to 64 bits. */
    public long get() {
        return switch (storageBytes) {
            case 1 -> storage.get(JAVA_BYTE, 0) & 0xFFL;
            case 2 -> storage.get(JAVA_SHORT_UNALIGNED, 0) & 0xFFFFL;
            case 4 -> storage.get(JAVA_INT_UNALIGNED, 0) & 0xFFFF_FFFFL;
            case 8 -> storage.get(JAVA_LONG_UNALIGNED, 0);
            default -> throw tooWide();
        };
    }

    /** Whether bit 0 is set: the value of a one-bit port. */
    public boolean isHigh() {
        return (storage.get(JAVA_BYTE, 0) & 1) != 0;
    }

    /** Sets a port of up to 64 bits to the low {@link #width()} bits of {@code value}. */
    public void set(long value) {
        checkWritable();
        long v = value & mask;
        switch (storageBytes) {
            case 1 -> storage.set(JAVA_BYTE, 0, (byte) v);
            case 2 -> storage.set(JAVA_SHORT_UNALIGNED, 0, (short) v);
            case 4 -> storage.set(JAVA_INT_UNALIGNED, 0, (int) v);
            case 8 -> storage.set(JAVA_LONG_UNALIGNED, 0, v);
            default -> throw tooWide();
        }
    }

    /** Sets a one-bit port. */
    public void set(boolean high) {
        set(high ? 1L : 0L);
    }

    /** Copies the value into {@code dst[0..wordCount())}, least significant word first. */
    public void getWords(long[] dst) {
        if (storageBytes < 8) {
            dst[0] = get();
            return;
        }
        int words = wordCount();
        int whole = storageBytes / 8;
        int n = Math.min(whole, words);
        MemorySegment.copy(storage, JAVA_LONG_UNALIGNED, 0, dst, 0, n);
        if (n < words) { // an odd number of 32-bit words: the last one alone
            dst[n] = storage.get(JAVA_INT_UNALIGNED, 8L * n) & 0xFFFF_FFFFL;
        }
    }

    /** Sets the value from {@code src[0..wordCount())}, least significant word first; bits above the width are dropped. */
    public void setWords(long[] src) {
        checkWritable();
        int words = wordCount();
        if (storageBytes < 8) {
            set(src[0]);
            return;
        }
        int whole = storageBytes / 8;
        int n = Math.min(whole, words);
        MemorySegment.copy(src, 0, storage, JAVA_LONG_UNALIGNED, 0, n);
        if (n < words) {
            storage.set(JAVA_INT_UNALIGNED, 8L * n, (int) src[n]);
        }
        clearAboveWidth();
    }

    /** Copies the value into {@code dst[offset..offset+byteCount())}, least significant byte first. */
    public void getBytes(byte[] dst, int offset) {
        MemorySegment.copy(storage, JAVA_BYTE, 0, dst, offset, valueBytes);
    }

    /**
     * Sets the low {@code length} bytes of the value from {@code src[offset..offset+length)} and the
     * rest to zero: one AXI-Stream beat whose last lanes are empty.
     */
    public void setBytes(byte[] src, int offset, int length) {
        checkWritable();
        if (length < 0 || length > valueBytes) {
            throw new IllegalArgumentException(name + " holds " + valueBytes + " bytes, not " + length);
        }
        MemorySegment.copy(src, offset, storage, JAVA_BYTE, 0, length);
        for (int i = length; i < storageBytes; i++) storage.set(JAVA_BYTE, i, (byte) 0);
        clearAboveWidth();
    }

    /** The value as a non-negative BigInteger (allocates; for checks and messages, not the hot path). */
    public BigInteger getBig() {
        byte[] le = new byte[valueBytes];
        getBytes(le, 0);
        byte[] be = new byte[valueBytes + 1];
        for (int i = 0; i < valueBytes; i++) be[valueBytes - i] = le[i];
        return new BigInteger(be);
    }

    /** Sets the value to the low {@link #width()} bits of {@code value} (negative values in two's complement). */
    public void setBig(BigInteger value) {
        byte[] le = new byte[valueBytes];
        for (int i = 0; i < valueBytes; i++) le[i] = value.shiftRight(8 * i).byteValue();
        setBytes(le, 0, valueBytes);
    }

    private void clearAboveWidth() {
        int spare = storageBytes * 8 - width;
        if (spare == 0) return;
        if (storageBytes <= 8) {
            set(get()); // set() keeps the low width bits
            return;
        }
        // Verilator stores ceil(width / 32) words and expects the unused high bits of the top one
        // to be zero, so fewer than 32 bits are spare.
        long top = storageBytes - 4L;
        storage.set(JAVA_INT_UNALIGNED, top, storage.get(JAVA_INT_UNALIGNED, top) & (int) (-1L >>> (32 + spare)));
    }

    private void checkWritable() {
        if (!direction.writable()) {
            throw new UnsupportedOperationException("port " + name + " is an output");
        }
    }

    private IllegalStateException tooWide() {
        return new IllegalStateException("port " + name + " is " + width
                + " bits wide: use getWords/setWords, getBytes/setBytes or getBig/setBig");
    }

    @Override
    public String toString() {
        return direction.name().toLowerCase() + " [" + (width - 1) + ":0] " + name;
    }
}
