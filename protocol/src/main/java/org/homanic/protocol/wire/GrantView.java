package org.homanic.protocol.wire;

import java.lang.foreign.MemorySegment;

/** Flyweight over a GRANT packet. */
public final class GrantView extends HomaView {
    private static final long OFFSET = at(HomaHeaders.GRANT, "offset");
    private static final long PRIORITY = at(HomaHeaders.GRANT, "priority");

    @Override
    public GrantView wrap(MemorySegment segment, long base) {
        super.wrap(segment, base);
        return this;
    }

    public long offset() { return u32(OFFSET); }
    public int priority() { return u8(PRIORITY); }
    public GrantView offset(long v) { u32(OFFSET, v); return this; }
    public GrantView priority(int v) { u8(PRIORITY, v); return this; }
}
