package org.homanic.protocol.wire;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Flyweight over the common header of a Homa packet in a {@link MemorySegment}: no copy, no
 * allocation per packet; {@link #wrap} re-points it. Offsets come from {@link HomaHeaders}.
 * Subclasses add the fields of one packet type. Getters return unsigned values.
 */
public class HomaView {
    static final ValueLayout.OfByte U8 = ValueLayout.JAVA_BYTE;
    static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private static final long SPORT = at(HomaHeaders.COMMON, "sport");
    private static final long DPORT = at(HomaHeaders.COMMON, "dport");
    private static final long SEQUENCE = at(HomaHeaders.COMMON, "sequence");
    private static final long ACK = at(HomaHeaders.COMMON, "ack");
    private static final long TYPE = at(HomaHeaders.COMMON, "type");
    private static final long DOFF = at(HomaHeaders.COMMON, "doff");
    private static final long FLAGS = at(HomaHeaders.COMMON, "flags");
    private static final long WINDOW = at(HomaHeaders.COMMON, "window");
    private static final long CHECKSUM = at(HomaHeaders.COMMON, "checksum");
    private static final long URGENT = at(HomaHeaders.COMMON, "urgent");
    private static final long SENDER_ID = at(HomaHeaders.COMMON, "sender_id");

    protected MemorySegment segment;
    protected long base;

    /** Points this view at the Homa header starting {@code base} bytes into {@code segment}. */
    public HomaView wrap(MemorySegment segment, long base) {
        this.segment = segment;
        this.base = base;
        return this;
    }

    public MemorySegment segment() { return segment; }
    public long base() { return base; }

    public int sport() { return u16(SPORT); }
    public int dport() { return u16(DPORT); }
    public long sequence() { return u32(SEQUENCE); }
    public int ackHigh() { return (u8(ACK) << 16) | (u8(ACK + 1) << 8) | u8(ACK + 2); }
    public int typeCode() { return u8(TYPE); }
    public PacketType type() { return PacketType.fromCode(typeCode()); }
    public int doff() { return u8(DOFF); }
    public int flags() { return u8(FLAGS); }
    public int window() { return u16(WINDOW); }
    public int checksum() { return u16(CHECKSUM); }
    public int urgent() { return u16(URGENT); }
    public long senderId() { return segment.get(U64, base + SENDER_ID); }

    public HomaView sport(int v) { return u16(SPORT, v); }
    public HomaView dport(int v) { return u16(DPORT, v); }
    public HomaView sequence(long v) { return u32(SEQUENCE, v); }
    public HomaView ackHigh(int v) {
        u8(ACK, v >>> 16); u8(ACK + 1, v >>> 8); return u8(ACK + 2, v);
    }
    public HomaView typeCode(int v) { return u8(TYPE, v); }
    public HomaView doff(int v) { return u8(DOFF, v); }
    public HomaView flags(int v) { return u8(FLAGS, v); }
    public HomaView window(int v) { return u16(WINDOW, v); }
    public HomaView checksum(int v) { return u16(CHECKSUM, v); }
    public HomaView urgent(int v) { return u16(URGENT, v); }
    public HomaView senderId(long v) { segment.set(U64, base + SENDER_ID, v); return this; }

    /** Whether flags and urgent carry the hijack marker (HomaModule writes it on every packet). */
    public boolean hasHijackMarker() {
        return flags() == HomaConstants.HIJACK_FLAGS && urgent() == HomaConstants.HIJACK_URGENT;
    }

    /**
     * Writes a fresh common header the way HomaModule does: ack 0, the hijack marker in flags
     * and urgent, window and checksum 0, and the doff that belongs to the type.
     */
    public HomaView initCommon(PacketType type, int sport, int dport, long senderId) {
        sport(sport).dport(dport).sequence(0).ackHigh(0).typeCode(type.code())
                .doff(type == PacketType.DATA ? HomaConstants.DOFF_DATA : HomaConstants.DOFF_CONTROL)
                .flags(HomaConstants.HIJACK_FLAGS).window(0).checksum(0).urgent(HomaConstants.HIJACK_URGENT);
        return senderId(senderId);
    }

    protected final int u8(long off) { return Byte.toUnsignedInt(segment.get(U8, base + off)); }
    protected final int u16(long off) { return Short.toUnsignedInt(segment.get(U16, base + off)); }
    protected final long u32(long off) { return Integer.toUnsignedLong(segment.get(U32, base + off)); }
    protected final long u64(long off) { return segment.get(U64, base + off); }
    protected final HomaView u8(long off, int v) { segment.set(U8, base + off, (byte) v); return this; }
    protected final HomaView u16(long off, int v) { segment.set(U16, base + off, (short) v); return this; }
    protected final HomaView u32(long off, long v) { segment.set(U32, base + off, (int) v); return this; }
    protected final HomaView u64(long off, long v) { segment.set(U64, base + off, v); return this; }

    /** Byte offset of a whole-byte field, checked against its declared width at class load. */
    static long at(HeaderLayout layout, String name) {
        return layout.field(name).offset();
    }
}
