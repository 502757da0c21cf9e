package org.homanic.protocol.wire;

import java.lang.foreign.MemorySegment;

/** Flyweight over a RESEND packet. */
public final class ResendView extends HomaView {
    private static final long OFFSET = at(HomaHeaders.RESEND, "offset");
    private static final long LENGTH = at(HomaHeaders.RESEND, "length");
    private static final long PRIORITY = at(HomaHeaders.RESEND, "priority");

    @Override
    public ResendView wrap(MemorySegment segment, long base) {
        super.wrap(segment, base);
        return this;
    }

    public long offset() { return u32(OFFSET); }
    /** Bytes to resend; {@link HomaConstants#RESEND_ALL} means everything sent so far. */
    public long length() { return u32(LENGTH); }
    public int priority() { return u8(PRIORITY); }
    public ResendView offset(long v) { u32(OFFSET, v); return this; }
    public ResendView length(long v) { u32(LENGTH, v); return this; }
    public ResendView priority(int v) { u8(PRIORITY, v); return this; }
}
