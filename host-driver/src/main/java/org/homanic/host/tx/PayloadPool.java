package org.homanic.host.tx;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;

/**
 * Native buffers for the copies of outgoing messages, in power-of-two size classes, reused.
 * A send copies the caller's bytes (they may change once the call returns); a fresh array per
 * message would make the garbage collector move megabytes per second under load and stop the
 * stack for milliseconds at a time. Buffers come back when their RPC ends and stay for the next
 * message of their class, so after the first messages of each class a send allocates nothing
 * but what it keeps; what the pool holds is at most twice the largest total of outgoing bytes at
 * once, and goes away with the arena when the stack closes.
 *
 * <p>Its own lock, not the stack's: the copy happens before the stack's lock is taken, so that a
 * megabyte copy does not hold up the packet path.
 */
public final class PayloadPool {
    /** The smallest class, 256 bytes: smaller buffers would save little and split the pool. */
    static final int MIN_SHIFT = 8;

    private final Arena arena;
    private final ArrayDeque<MemorySegment>[] free;
    private long allocatedBytes;

    @SuppressWarnings("unchecked")
    public PayloadPool(Arena arena, long maxLength) {
        this.arena = arena;
        this.free = new ArrayDeque[classOf(maxLength) + 1];
        for (int i = 0; i < free.length; i++) free[i] = new ArrayDeque<>();
    }

    /** Size class of a buffer for {@code length} bytes: its size is {@code 1 << (MIN_SHIFT + class)}. */
    static int classOf(long length) {
        if (length < 1) throw new IllegalArgumentException("length " + length);
        return Math.max(0, 64 - Long.numberOfLeadingZeros(length - 1) - MIN_SHIFT);
    }

    /** A buffer of at least {@code length} bytes (its whole class size); give it back with {@link #release}. */
    public synchronized MemorySegment acquire(long length) {
        int c = classOf(length);
        if (c >= free.length) throw new IllegalArgumentException("length " + length + " above the pool's largest class");
        MemorySegment b = free[c].pollLast();   // the most recently used: likeliest still in cache
        if (b != null) return b;
        long size = 1L << (MIN_SHIFT + c);
        allocatedBytes += size;
        return arena.allocate(size, 64);
    }

    /** Gives back a buffer from {@link #acquire}. */
    public synchronized void release(MemorySegment buffer) {
        int c = classOf(buffer.byteSize());
        if (buffer.byteSize() != 1L << (MIN_SHIFT + c) || c >= free.length) {
            throw new IllegalArgumentException("not a buffer of this pool: " + buffer.byteSize() + " bytes");
        }
        free[c].addLast(buffer);
    }

    /** Native bytes this pool has taken from its arena so far. */
    public synchronized long allocatedBytes() { return allocatedBytes; }
}
