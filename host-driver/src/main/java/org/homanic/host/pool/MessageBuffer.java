package org.homanic.host.pool;

import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;

/**
 * Where one message lives in the pool: message byte {@code o} is at region offset
 * {@code offsets[o >> 16] + (o & 0xFFFF)}. Every entry but the last is a whole bpage; the last
 * may be a fragment of a shared bpage. Reads and the reassembly's writes are bounds-checked
 * against the message length, so no packet can reach another message's bytes.
 */
public final class MessageBuffer {
    private final BufferPool pool;
    private final long[] offsets;
    private final int length;
    private volatile boolean released;

    MessageBuffer(BufferPool pool, long[] offsets, int length) {
        this.pool = pool;
        this.offsets = offsets;
        this.length = length;
    }

    public int length() { return length; }

    /** The bpage offsets (HomaModule's {@code bpage_offsets}); a copy. */
    public long[] bpageOffsets() { return offsets.clone(); }

    long[] offsets() { return offsets; }

    public boolean isReleased() { return released; }

    void markReleased() {
        if (released) throw new IllegalStateException("message buffer released twice");
        released = true;
    }

    /** Whether the whole message lies in one bpage (then {@link #contiguous()} works). */
    public boolean isContiguous() {
        return offsets.length == 1;
    }

    /** The message as one slice of the pool; only when {@link #isContiguous()}. */
    public MemorySegment contiguous() {
        checkLive();
        if (!isContiguous()) throw new IllegalStateException("message of " + length + " bytes spans " + offsets.length + " bpages; use segments()");
        return pool.region().asSlice(offsets[0], length);
    }

    /** Number of pieces of the scatter view. */
    public int segmentCount() { return offsets.length; }

    /** Piece {@code i} of the scatter view: message bytes [i × 64 KiB, min(length, (i+1) × 64 KiB)). */
    public MemorySegment segment(int i) {
        checkLive();
        long start = (long) i << BufferPool.BPAGE_SHIFT;
        return pool.region().asSlice(offsets[i], Math.min(BufferPool.BPAGE_SIZE, length - start));
    }

    /** All pieces, in message order. */
    public MemorySegment[] segments() {
        MemorySegment[] out = new MemorySegment[offsets.length];
        for (int i = 0; i < out.length; i++) out[i] = segment(i);
        return out;
    }

    /** Read-only ByteBuffers over the pieces, in message order. */
    public ByteBuffer[] asByteBuffers() {
        ByteBuffer[] out = new ByteBuffer[offsets.length];
        for (int i = 0; i < out.length; i++) out[i] = segment(i).asByteBuffer().asReadOnlyBuffer();
        return out;
    }

    public byte get(long messageOffset) {
        checkLive();
        checkRange(messageOffset, 1);
        return pool.region().get(ValueLayout.JAVA_BYTE, address(messageOffset));
    }

    /** Copies message bytes [from, from + count) into {@code dst} at {@code dstOffset}. */
    public void copyTo(long from, MemorySegment dst, long dstOffset, long count) {
        checkLive();
        checkRange(from, count);
        long done = 0;
        while (done < count) {
            long o = from + done;
            long n = Math.min(count - done, BufferPool.BPAGE_SIZE - (o & (BufferPool.BPAGE_SIZE - 1)));
            MemorySegment.copy(pool.region(), address(o), dst, dstOffset + done, n);
            done += n;
        }
    }

    public byte[] toByteArray() {
        byte[] out = new byte[length];
        copyTo(0, MemorySegment.ofArray(out), 0, length);
        return out;
    }

    /** Streams the message from its first byte. */
    public InputStream inputStream() {
        checkLive();
        return new MessageInputStream(this);
    }

    /**
     * Copies {@code count} bytes from {@code src} into message bytes [to, to + count). Refuses any
     * range outside the message: the last line of defence against a packet that lies.
     */
    public void write(long to, MemorySegment src, long srcOffset, long count) {
        checkLive();
        checkRange(to, count);
        long done = 0;
        while (done < count) {
            long o = to + done;
            long n = Math.min(count - done, BufferPool.BPAGE_SIZE - (o & (BufferPool.BPAGE_SIZE - 1)));
            MemorySegment.copy(src, srcOffset + done, pool.region(), address(o), n);
            done += n;
        }
    }

    private long address(long messageOffset) {
        return offsets[(int) (messageOffset >>> BufferPool.BPAGE_SHIFT)] + (messageOffset & (BufferPool.BPAGE_SIZE - 1));
    }

    private void checkRange(long from, long count) {
        if (from < 0 || count < 0 || from + count > length) {
            throw new IndexOutOfBoundsException("bytes [" + from + ", " + (from + count) + ") outside a message of " + length);
        }
    }

    private void checkLive() {
        if (released) throw new IllegalStateException("message buffer already released");
    }
}
