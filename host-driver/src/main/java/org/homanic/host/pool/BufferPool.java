package org.homanic.host.pool;

import org.homanic.protocol.wire.HomaConstants;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.BitSet;

/**
 * The receive buffer region, split into 64 KiB bpages, with HomaModule's placement rule
 * ({@code homa_pool.c}, spec 6.4): a message of length L gets ⌊L / 64 KiB⌋ whole bpages plus,
 * for the remainder, a fragment carved sequentially out of a shared bpage that many small
 * messages use. Allocation is all or nothing. Lower-index bpages are preferred so the working
 * set stays small. Not thread-safe: the owning stack serialises calls.
 */
public final class BufferPool {
    public static final int BPAGE_SIZE = HomaConstants.BPAGE_SIZE;
    static final int BPAGE_SHIFT = Integer.numberOfTrailingZeros(BPAGE_SIZE);
    /** Tail fragments start on cache-line boundaries so neighbouring messages never share a line. */
    static final int FRAGMENT_ALIGN = 64;

    private final MemorySegment region;
    private final int pages;
    /** References per bpage: one per message placed in it, plus one for the shared page's ownership. */
    private final int[] refs;
    private final BitSet free;
    private int freePages;
    private int sharedPage = -1;
    private int sharedCursor;

    /** Allocates {@code bytes} (a positive multiple of 64 KiB, at most 4 GiB) from {@code arena}. */
    public BufferPool(Arena arena, long bytes) {
        if (bytes <= 0 || bytes % BPAGE_SIZE != 0) throw new IllegalArgumentException("pool size must be a positive multiple of 65536, not " + bytes);
        if (bytes > (1L << 32)) throw new IllegalArgumentException("pool larger than 4 GiB: bpage offsets are 32-bit");
        this.region = arena.allocate(bytes, 4096);
        this.pages = (int) (bytes / BPAGE_SIZE);
        this.refs = new int[pages];
        this.free = new BitSet(pages);
        free.set(0, pages);
        this.freePages = pages;
    }

    public MemorySegment region() { return region; }
    public int pages() { return pages; }
    public int freePages() { return freePages; }
    public long capacityBytes() { return (long) pages * BPAGE_SIZE; }

    /** Whether a message of {@code length} bytes could ever be placed, with every bpage free. */
    public boolean canEverHold(long length) {
        return length > 0 && (length + BPAGE_SIZE - 1) / BPAGE_SIZE <= pages;
    }

    /** Places a message of {@code length} bytes (1..1,000,000), or returns null when there is not enough room now. */
    public MessageBuffer allocate(int length) {
        if (length <= 0 || length > HomaConstants.MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("message length " + length + " outside 1.." + HomaConstants.MAX_MESSAGE_LENGTH);
        }
        int full = length >>> BPAGE_SHIFT;
        int tail = length & (BPAGE_SIZE - 1);
        boolean tailFitsShared = tail == 0 || sharedFits(tail);
        int needed = full + (tailFitsShared ? 0 : 1);
        if (needed > freePages) return null;
        long[] offsets = new long[full + (tail == 0 ? 0 : 1)];
        for (int i = 0; i < full; i++) {
            int page = take();
            refs[page] = 1;
            offsets[i] = (long) page << BPAGE_SHIFT;
        }
        if (tail != 0) {
            if (!tailFitsShared) newSharedPage();
            refs[sharedPage]++;
            offsets[full] = ((long) sharedPage << BPAGE_SHIFT) + sharedCursor;
            sharedCursor = align(sharedCursor + tail);
        }
        return new MessageBuffer(this, offsets, length);
    }

    /** Drops one reference on each bpage of {@code buffer}; fails when it was already released. */
    public void release(MessageBuffer buffer) {
        buffer.markReleased();
        for (long offset : buffer.offsets()) unref((int) (offset >>> BPAGE_SHIFT));
    }

    private boolean sharedFits(int tail) {
        if (sharedPage < 0) return false;
        if (refs[sharedPage] == 1) sharedCursor = 0; // only the ownership reference is left: start over
        return sharedCursor + tail <= BPAGE_SIZE;
    }

    private void newSharedPage() {
        if (sharedPage >= 0) unref(sharedPage);
        sharedPage = take();
        refs[sharedPage] = 1;
        sharedCursor = 0;
    }

    private int take() {
        int page = free.nextSetBit(0);
        if (page < 0) throw new IllegalStateException("no free bpage although the count said so");
        free.clear(page);
        freePages--;
        return page;
    }

    private void unref(int page) {
        if (refs[page] <= 0) throw new IllegalStateException("bpage " + page + " released more often than allocated");
        if (--refs[page] == 0) {
            free.set(page);
            freePages++;
        }
    }

    private static int align(int cursor) {
        return (cursor + FRAGMENT_ALIGN - 1) & -FRAGMENT_ALIGN;
    }

    /** References held on {@code page} (for tests and diagnostics). */
    public int references(int page) {
        return refs[page];
    }
}
