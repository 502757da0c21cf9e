package org.homanic.protocol.wire;

/** The nine Homa packet types, their wire codes and header layouts (spec 1.3). */
public enum PacketType {
    DATA(0x10, HomaHeaders.DATA),
    GRANT(0x11, HomaHeaders.GRANT),
    RESEND(0x12, HomaHeaders.RESEND),
    RPC_UNKNOWN(0x13, HomaHeaders.RPC_UNKNOWN),
    BUSY(0x14, HomaHeaders.BUSY),
    CUTOFFS(0x15, HomaHeaders.CUTOFFS),
    FREEZE(0x16, HomaHeaders.FREEZE),
    NEED_ACK(0x17, HomaHeaders.NEED_ACK),
    ACK(0x18, HomaHeaders.ACK);

    /** Lowest and highest valid type codes; anything outside is dropped on receive. */
    public static final int MIN_CODE = 0x10;
    public static final int MAX_CODE = 0x18;

    private static final PacketType[] BY_CODE = values();

    private final int code;
    private final HeaderLayout layout;

    PacketType(int code, HeaderLayout layout) {
        this.code = code;
        this.layout = layout;
    }

    public int code() {
        return code;
    }

    public HeaderLayout layout() {
        return layout;
    }

    /** Minimum bytes a received packet of this type must hold (its header length). */
    public int minLength() {
        return layout.size();
    }

    /** The type with this code, or null when the code is outside 0x10..0x18. */
    public static PacketType fromCode(int code) {
        return code >= MIN_CODE && code <= MAX_CODE ? BY_CODE[code - MIN_CODE] : null;
    }
}
