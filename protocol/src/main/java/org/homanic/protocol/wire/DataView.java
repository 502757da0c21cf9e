package org.homanic.protocol.wire;

import java.lang.foreign.MemorySegment;

/** Flyweight over a DATA packet (header + payload). */
public final class DataView extends HomaView {
    private static final long MESSAGE_LENGTH = at(HomaHeaders.DATA, "message_length");
    private static final long INCOMING = at(HomaHeaders.DATA, "incoming");
    private static final long ACK_CLIENT_ID = at(HomaHeaders.DATA, "ack.client_id");
    private static final long ACK_SERVER_PORT = at(HomaHeaders.DATA, "ack.server_port");
    private static final long CUTOFF_VERSION = at(HomaHeaders.DATA, "cutoff_version");
    private static final long RETRANSMIT = at(HomaHeaders.DATA, "retransmit");
    private static final long PAD = at(HomaHeaders.DATA, "pad");
    private static final long SEG_OFFSET = at(HomaHeaders.DATA, "seg.offset");
    /** Where the payload starts. */
    public static final int HEADER_LENGTH = HomaHeaders.DATA.size();

    @Override
    public DataView wrap(MemorySegment segment, long base) {
        super.wrap(segment, base);
        return this;
    }

    public long messageLength() { return u32(MESSAGE_LENGTH); }
    public long incoming() { return u32(INCOMING); }
    public long ackClientId() { return u64(ACK_CLIENT_ID); }
    public int ackServerPort() { return u16(ACK_SERVER_PORT); }
    public int cutoffVersion() { return u16(CUTOFF_VERSION); }
    public int retransmit() { return u8(RETRANSMIT); }
    public int pad() { return (u8(PAD) << 16) | (u8(PAD + 1) << 8) | u8(PAD + 2); }
    public long segOffset() { return u32(SEG_OFFSET); }

    /** The message offset of the first payload byte: seg.offset, or sequence when seg.offset is 0xFFFFFFFF. */
    public long offset() {
        long seg = segOffset();
        return seg == HomaConstants.OFFSET_IN_SEQUENCE ? sequence() : seg;
    }

    public DataView messageLength(long v) { u32(MESSAGE_LENGTH, v); return this; }
    public DataView incoming(long v) { u32(INCOMING, v); return this; }
    public DataView ackClientId(long v) { u64(ACK_CLIENT_ID, v); return this; }
    public DataView ackServerPort(int v) { u16(ACK_SERVER_PORT, v); return this; }
    public DataView cutoffVersion(int v) { u16(CUTOFF_VERSION, v); return this; }
    public DataView retransmit(int v) { u8(RETRANSMIT, v); return this; }
    public DataView pad(int v) { u8(PAD, v >>> 16); u8(PAD + 1, v >>> 8); u8(PAD + 2, v); return this; }
    public DataView segOffset(long v) { u32(SEG_OFFSET, v); return this; }
}
