package org.homanic.protocol.wire;

/**
 * Layouts of the headers that carry Homa: Ethernet II, one 802.1Q tag, IPv4, IPv6, and the
 * TCP view of a hijacked Homa packet. Field names follow the RFCs.
 */
public final class NetHeaders {
    private NetHeaders() {}

    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_IPV6 = 0x86DD;
    public static final int ETHERTYPE_VLAN = 0x8100;
    /** 802.1ad service tag; a second tag is not accepted (only one 802.1Q tag is supported). */
    public static final int ETHERTYPE_QINQ = 0x88A8;

    /** Ethernet II header (no FCS; captures and the MAC interface omit it). */
    public static final HeaderLayout ETHERNET = HeaderLayout.builder("ethernet", 14)
            .bytes("dst", 0, 6, "destination MAC address")
            .bytes("src", 6, 6, "source MAC address")
            .bytes("ethertype", 12, 2, "0x0800 IPv4, 0x86DD IPv6, 0x8100 802.1Q tag follows")
            .build();

    /**
     * The 4 bytes after an Ethernet header whose ethertype is 0x8100 (that ethertype is the
     * tag's TPID): tag control information, then the ethertype of what follows.
     */
    public static final HeaderLayout VLAN = HeaderLayout.builder("802.1q", 4)
            .bits("pcp", 0, 2, 13, 3, "priority code point (Homa does not use it)")
            .bits("dei", 0, 2, 12, 1, "drop eligible indicator")
            .bits("vid", 0, 2, 0, 12, "VLAN id")
            .bytes("ethertype", 2, 2, "ethertype of the encapsulated packet")
            .build();

    /** IPv4 header without options; {@code ihl} says how many option words follow. */
    public static final HeaderLayout IPV4 = HeaderLayout.builder("ipv4", 20)
            .bits("version", 0, 1, 4, 4, "4")
            .bits("ihl", 0, 1, 0, 4, "header length in 4-byte words (5..15)")
            .bits("priority", 1, 1, 5, 3, "TOS bits 7..5: the Homa priority level (after priority_map)")
            .bits("tos_low", 1, 1, 0, 5, "rest of the TOS byte (DSCP low bits, ECN)")
            .bytes("total_length", 2, 2, "header + payload bytes")
            .bytes("identification", 4, 2, "fragment id (software GSO numbers segments 0,1,2...)")
            .bits("flags", 6, 2, 13, 3, "reserved, DF, MF")
            .bits("fragment_offset", 6, 2, 0, 13, "fragment offset in 8-byte units")
            .bytes("ttl", 8, 1, "time to live")
            .bytes("protocol", 9, 1, "146 Homa, 6 TCP (possibly hijacked Homa)")
            .bytes("header_checksum", 10, 2, "ones'-complement sum over the header")
            .bytes("src", 12, 4, "source address")
            .bytes("dst", 16, 4, "destination address")
            .build();

    /** IPv6 fixed header. */
    public static final HeaderLayout IPV6 = HeaderLayout.builder("ipv6", 40)
            .bits("version", 0, 4, 28, 4, "6")
            .bits("priority", 0, 4, 25, 3, "traffic class bits 7..5: the Homa priority level")
            .bits("tc_low", 0, 4, 20, 5, "rest of the traffic class")
            .bits("flow_label", 0, 4, 0, 20, "flow label")
            .bytes("payload_length", 4, 2, "bytes after this 40-byte header")
            .bytes("next_header", 6, 1, "146 Homa, 6 TCP (possibly hijacked Homa)")
            .bytes("hop_limit", 7, 1, "hop limit")
            .bytes("src", 8, 16, "source address")
            .bytes("dst", 24, 16, "destination address")
            .build();

    /**
     * The first 20 bytes of every Homa packet read as a TCP header: what a TCP-only NIC (TSO)
     * and the hijack recognition see. Same bytes as {@link HomaHeaders#COMMON} 0..19.
     */
    public static final HeaderLayout TCP_HIJACK = HeaderLayout.builder("tcp_hijack", 20)
            .bytes("sport", 0, 2, "= Homa sport")
            .bytes("dport", 2, 2, "= Homa dport")
            .bytes("seq", 4, 4, "= Homa sequence; TSO advances it per segment")
            .bytes("ack_seq", 8, 4, "low byte = Homa type")
            .bits("data_offset", 12, 1, 4, 4, "header words replicated by TSO (5, 13 or 14)")
            .bits("reserved", 12, 1, 0, 4, "0")
            .bytes("flags", 13, 1, "0x06 (SYN|RST) marks hijacked Homa")
            .bytes("window", 14, 2, "unused")
            .bytes("checksum", 16, 2, "TCP checksum over pseudo-header + Homa header + payload")
            .bytes("urgent", 18, 2, "0xB97D marks hijacked Homa")
            .build();
}
