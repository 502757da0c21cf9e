package org.homanic.protocol.wire;

/**
 * Byte layouts of the Homa common header and of the header of each of the nine packet types
 * (HomaModule {@code homa_wire.h}; spec sections 1.2–1.5). Every type layout starts with the
 * 28 common-header fields under their own names, so {@code DATA.field("sport")} works.
 * Array members are flattened: {@code unsched_cutoffs[3]}, {@code acks[1].client_id}.
 */
public final class HomaHeaders {
    private HomaHeaders() {}

    /** {@code struct homa_common_hdr}: a TCP header look-alike followed by the RPC id. */
    public static final HeaderLayout COMMON = HeaderLayout.builder("homa_common_hdr", 28)
            .bytes("sport", 0, 2, "source Homa port")
            .bytes("dport", 2, 2, "destination Homa port")
            .bytes("sequence", 4, 4, "DATA: message offset of the first payload byte when seg.offset is 0xFFFFFFFF; else 0")
            .bytes("ack", 8, 3, "high 3 bytes of the TCP ack field; unused, 0")
            .bytes("type", 11, 1, "packet type code 0x10..0x18")
            .bytes("doff", 12, 1, "TCP data offset in 4-byte words in the high nibble (0x50 control, 0xD0/0xE0 DATA)")
            .bytes("flags", 13, 1, "TCP flags position; 0x06 marks a hijacked Homa packet")
            .bytes("window", 14, 2, "unused")
            .bytes("checksum", 16, 2, "TCP-style checksum position; not verified on receive")
            .bytes("urgent", 18, 2, "TCP urgent position; 0xB97D marks a hijacked Homa packet")
            .bytes("sender_id", 20, 8, "RPC id as known by the sender of this packet (even = client)")
            .build();

    /** {@code struct homa_ack}: one acknowledged RPC, as carried in DATA and ACK. */
    public static final HeaderLayout ACK_ENTRY = HeaderLayout.builder("homa_ack", 10)
            .bytes("client_id", 0, 8, "client-side id of the acknowledged RPC (0 = none)")
            .bytes("server_port", 8, 2, "server port of the acknowledged RPC")
            .build();

    /** {@code struct homa_data_hdr}; the payload follows at byte 56. */
    public static final HeaderLayout DATA = withCommon("homa_data_hdr", 56)
            .bytes("message_length", 28, 4, "total bytes in the message (at most 1,000,000)")
            .bytes("incoming", 32, 4, "sender sends at least up to this offset without more grants")
            .include(ACK_ENTRY, 36, "ack.")
            .bytes("cutoff_version", 46, 2, "version of the receiver's CUTOFFS the sender uses (0 = none yet)")
            .bytes("retransmit", 48, 1, "1 = sent in response to a RESEND")
            .bytes("pad", 49, 3, "padding, 0")
            .bytes("seg.offset", 52, 4, "message offset of the first payload byte, or 0xFFFFFFFF = use sequence")
            .build();

    /** {@code struct homa_grant_hdr}. */
    public static final HeaderLayout GRANT = withCommon("homa_grant_hdr", 33)
            .bytes("offset", 28, 4, "sender may transmit every byte below this message offset")
            .bytes("priority", 32, 1, "priority level for scheduled DATA of this message from now on")
            .build();

    /** {@code struct homa_resend_hdr} (HomaModule form with the priority byte). */
    public static final HeaderLayout RESEND = withCommon("homa_resend_hdr", 37)
            .bytes("offset", 28, 4, "first byte to retransmit")
            .bytes("length", 32, 4, "bytes to retransmit; 0xFFFFFFFF = everything sent so far")
            .bytes("priority", 36, 1, "priority level for the retransmitted packets")
            .build();

    public static final HeaderLayout RPC_UNKNOWN = withCommon("homa_rpc_unknown_hdr", 28).build();
    public static final HeaderLayout BUSY = withCommon("homa_busy_hdr", 28).build();

    /** {@code struct homa_cutoffs_hdr}. */
    public static final HeaderLayout CUTOFFS;

    static {
        HeaderLayout.Builder b = withCommon("homa_cutoffs_hdr", 62);
        for (int i = 0; i < HomaConstants.MAX_PRIORITIES; i++) {
            b.bytes("unsched_cutoffs[" + i + "]", 28 + 4 * i, 4,
                    "largest message length that uses priority " + i + " for unscheduled packets");
        }
        CUTOFFS = b.bytes("cutoff_version", 60, 2, "version to echo in later DATA packets").build();
    }

    public static final HeaderLayout FREEZE = withCommon("homa_freeze_hdr", 28).build();
    public static final HeaderLayout NEED_ACK = withCommon("homa_need_ack_hdr", 28).build();

    /** {@code struct homa_ack_hdr}. */
    public static final HeaderLayout ACK;

    static {
        HeaderLayout.Builder b = withCommon("homa_ack_hdr", 80)
                .bytes("num_acks", 28, 2, "number of valid entries in acks (0..5)");
        for (int i = 0; i < HomaConstants.MAX_ACKS_PER_PKT; i++) {
            b.include(ACK_ENTRY, 30 + ACK_ENTRY.size() * i, "acks[" + i + "].");
        }
        ACK = b.build();
    }

    private static HeaderLayout.Builder withCommon(String name, int size) {
        return HeaderLayout.builder(name, size).include(COMMON, 0, "");
    }
}
