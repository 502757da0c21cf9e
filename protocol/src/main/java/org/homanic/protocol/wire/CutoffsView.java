package org.homanic.protocol.wire;

import java.lang.foreign.MemorySegment;

/** Flyweight over a CUTOFFS packet. */
public final class CutoffsView extends HomaView {
    private static final long CUTOFF_0 = at(HomaHeaders.CUTOFFS, "unsched_cutoffs[0]");
    private static final long CUTOFF_STRIDE = at(HomaHeaders.CUTOFFS, "unsched_cutoffs[1]") - CUTOFF_0;
    private static final long CUTOFF_VERSION = at(HomaHeaders.CUTOFFS, "cutoff_version");

    @Override
    public CutoffsView wrap(MemorySegment segment, long base) {
        super.wrap(segment, base);
        return this;
    }

    /** Entry {@code level} (0..7): the largest message length sent at that unscheduled level. */
    public long cutoff(int level) { return u32(CUTOFF_0 + CUTOFF_STRIDE * check(level)); }
    public int cutoffVersion() { return u16(CUTOFF_VERSION); }
    public CutoffsView cutoff(int level, long v) { u32(CUTOFF_0 + CUTOFF_STRIDE * check(level), v); return this; }
    public CutoffsView cutoffVersion(int v) { u16(CUTOFF_VERSION, v); return this; }

    private static int check(int level) {
        if (level < 0 || level >= HomaConstants.MAX_PRIORITIES) throw new IndexOutOfBoundsException("cutoff level " + level);
        return level;
    }
}
