package org.homanic.rtl.nic;

/** Register offsets of the NIC's AXI4-Lite block. Generated from {@link NicRegisters}; do not edit. */
public final class NicRegs {
    private NicRegs() {}

    /** constant 0x484F4D43 ("HOMC") (RO). */
    public static final int ID = 0x000;
    /** register map version: major in bits 31..16, minor in bits 15..0 (RO). */
    public static final int VERSION = 0x004;
    /** priority_map[level] in bits 3*level+2..3*level: the value written to TOS / traffic class bits 7..5 (RW). */
    public static final int PRIORITY_MAP = 0x010;
    /** egress level of non-Homa traffic (bits 2..0) (RW). */
    public static final int DEFAULT_LEVEL = 0x014;
    /** DATA below min(unsched_bytes, message length) is unscheduled (RW). */
    public static final int UNSCHED_BYTES = 0x018;
    /** cutoff 1 for a peer that sent no CUTOFFS (HomaModule: 6 = 0x7FFFFFFF, others 0) (RW). */
    public static final int DEFAULT_CUTOFF_1 = 0x020;
    /** cutoff 2 for a peer that sent no CUTOFFS (HomaModule: 6 = 0x7FFFFFFF, others 0) (RW). */
    public static final int DEFAULT_CUTOFF_2 = 0x024;
    /** cutoff 3 for a peer that sent no CUTOFFS (HomaModule: 6 = 0x7FFFFFFF, others 0) (RW). */
    public static final int DEFAULT_CUTOFF_3 = 0x028;
    /** cutoff 4 for a peer that sent no CUTOFFS (HomaModule: 6 = 0x7FFFFFFF, others 0) (RW). */
    public static final int DEFAULT_CUTOFF_4 = 0x02C;
    /** cutoff 5 for a peer that sent no CUTOFFS (HomaModule: 6 = 0x7FFFFFFF, others 0) (RW). */
    public static final int DEFAULT_CUTOFF_5 = 0x030;
    /** cutoff 6 for a peer that sent no CUTOFFS (HomaModule: 6 = 0x7FFFFFFF, others 0) (RW). */
    public static final int DEFAULT_CUTOFF_6 = 0x034;
    /** cutoff 7 for a peer that sent no CUTOFFS (HomaModule: 6 = 0x7FFFFFFF, others 0) (RW). */
    public static final int DEFAULT_CUTOFF_7 = 0x038;
    /** ingress host queue threshold in beats (bits 15..0): a packet is dropped unless queue level + its beats stays within it (RW). */
    public static final int HOST_QUEUE_LIMIT = 0x040;
    /** egress level queue threshold in beats (bits 15..0), the same rule (RW). */
    public static final int LEVEL_QUEUE_LIMIT = 0x044;
    /** ingress counter: frames received (last beats seen) (RO). */
    public static final int RX_FRAMES = 0x100;
    /** ingress counter: frames the MAC marked bad (tuser[0] with the last beat): dropped (RO). */
    public static final int RX_BAD_FRAME = 0x104;
    /** ingress counter: Homa packets that passed validation (RO). */
    public static final int RX_HOMA_VALID = 0x108;
    /** ingress counter: frame shorter than an Ethernet header (dropped) (RO). */
    public static final int RX_REASON_ETHERNET_TRUNCATED = 0x10C;
    /** ingress counter: 802.1Q tag cut off (dropped) (RO). */
    public static final int RX_REASON_VLAN_TRUNCATED = 0x110;
    /** ingress counter: more than one VLAN tag (passed to the default queue) (RO). */
    public static final int RX_REASON_STACKED_VLAN = 0x114;
    /** ingress counter: ethertype is neither IPv4 nor IPv6 (passed to the default queue) (RO). */
    public static final int RX_REASON_NOT_IP = 0x118;
    /** ingress counter: IP version does not match the ethertype (dropped) (RO). */
    public static final int RX_REASON_IP_VERSION_MISMATCH = 0x11C;
    /** ingress counter: IP header cut off (dropped) (RO). */
    public static final int RX_REASON_IP_HEADER_TRUNCATED = 0x120;
    /** ingress counter: IPv4 header length below 20 bytes (dropped) (RO). */
    public static final int RX_REASON_IPV4_BAD_IHL = 0x124;
    /** ingress counter: IPv4 header checksum wrong (dropped) (RO). */
    public static final int RX_REASON_IPV4_BAD_CHECKSUM = 0x128;
    /** ingress counter: IP length field disagrees with the frame (dropped) (RO). */
    public static final int RX_REASON_IP_LENGTH_INVALID = 0x12C;
    /** ingress counter: IPv4 fragment (passed to the default queue) (RO). */
    public static final int RX_REASON_IP_FRAGMENT = 0x130;
    /** ingress counter: IP protocol is not Homa (146) or TCP (6) (passed to the default queue) (RO). */
    public static final int RX_REASON_NOT_HOMA_PROTOCOL = 0x134;
    /** ingress counter: TCP segment without the Homa hijack marker (passed to the default queue) (RO). */
    public static final int RX_REASON_TCP_NOT_HIJACKED = 0x138;
    /** ingress counter: shorter than the 28-byte Homa common header (dropped) (RO). */
    public static final int RX_REASON_HOMA_TRUNCATED = 0x13C;
    /** ingress counter: packet type outside 0x10..0x18 (dropped) (RO). */
    public static final int RX_REASON_UNKNOWN_TYPE = 0x140;
    /** ingress counter: shorter than the header of its type (dropped) (RO). */
    public static final int RX_REASON_TOO_SHORT_FOR_TYPE = 0x144;
    /** ingress counter: message_length above 1,000,000 (dropped) (RO). */
    public static final int RX_REASON_MESSAGE_TOO_LONG = 0x148;
    /** ingress counter: DATA offset at or past the end of the message (dropped) (RO). */
    public static final int RX_REASON_DATA_OFFSET_OUT_OF_RANGE = 0x14C;
    /** ingress counter: DATA payload runs past the end of the message (dropped) (RO). */
    public static final int RX_REASON_DATA_PAST_MESSAGE_END = 0x150;
    /** ingress counter: frames dropped because the receive buffer had no room (RO). */
    public static final int RX_BUFFER_FULL = 0x154;
    /** ingress counter: packets dropped because their host queue had no room (RO). */
    public static final int RX_HOST_QUEUE_FULL = 0x158;
    /** ingress counter: grant-scheduler events lost because the event FIFO was full (RO). */
    public static final int RX_EVENTS_DROPPED = 0x15C;
    /** ingress counter: Homa packets written to a host queue (RO). */
    public static final int RX_DELIVERED_HOMA = 0x160;
    /** ingress counter: other frames written to the default queue (RO). */
    public static final int RX_DELIVERED_OTHER = 0x164;
    /** ingress counter: grant-scheduler events emitted (RO). */
    public static final int RX_DATA_EVENTS = 0x168;
    /** egress counter: frames from the host (RO). */
    public static final int TX_FRAMES = 0x200;
    /** egress counter: frames that are valid Homa packets (priority rewritten) (RO). */
    public static final int TX_HOMA = 0x204;
    /** egress counter: frames whose level the host set through tuser (RO). */
    public static final int TX_OVERRIDES = 0x208;
    /** egress counter: unscheduled DATA to a peer without learned cutoffs (default cutoffs used) (RO). */
    public static final int TX_FALLBACK_CUTOFFS = 0x20C;
    /** egress counter: scheduled DATA of an RPC without a learned GRANT (level 0 used) (RO). */
    public static final int TX_FALLBACK_GRANT = 0x210;
    /** egress counter: frames dropped because the staging buffer had no room (RO). */
    public static final int TX_STAGING_FULL = 0x214;
    /** egress counter: packets dropped because their level queue had no room (RO). */
    public static final int TX_QUEUE_FULL = 0x218;
    /** egress counter: packets written to level queue 0 (RO). */
    public static final int TX_ENQUEUED_0 = 0x21C;
    /** egress counter: packets written to level queue 1 (RO). */
    public static final int TX_ENQUEUED_1 = 0x220;
    /** egress counter: packets written to level queue 2 (RO). */
    public static final int TX_ENQUEUED_2 = 0x224;
    /** egress counter: packets written to level queue 3 (RO). */
    public static final int TX_ENQUEUED_3 = 0x228;
    /** egress counter: packets written to level queue 4 (RO). */
    public static final int TX_ENQUEUED_4 = 0x22C;
    /** egress counter: packets written to level queue 5 (RO). */
    public static final int TX_ENQUEUED_5 = 0x230;
    /** egress counter: packets written to level queue 6 (RO). */
    public static final int TX_ENQUEUED_6 = 0x234;
    /** egress counter: packets written to level queue 7 (RO). */
    public static final int TX_ENQUEUED_7 = 0x238;
    /** messages granted at once, 1..8 (larger acts as 8) (RW). */
    public static final int SCHED_MAX_OVERCOMMIT = 0x300;
    /** cap on granted-but-unreceived bytes over all messages (RW). */
    public static final int SCHED_MAX_INCOMING = 0x304;
    /** fixed per-message window in bytes; 0 = dynamic (max_incoming / (active + 1)) (RW). */
    public static final int SCHED_WINDOW = 0x308;
    /** thousandths of the link for FIFO grants (bits 9..0, capped at 500); 0 disables (RW). */
    public static final int SCHED_GRANT_FIFO_FRACTION = 0x30C;
    /** bytes per FIFO grant (bits 19..0); 0 disables (RW). */
    public static final int SCHED_FIFO_GRANT_INCREMENT = 0x310;
    /** link speed in Mbit/s for the FIFO grant interval (bits 19..0) (RW). */
    public static final int SCHED_LINK_MBPS = 0x314;
    /** priority levels in use, 2..8 (bits 3..0) (RW). */
    public static final int SCHED_NUM_PRIORITIES = 0x318;
    /** highest level of scheduled packets (bits 2..0) (RW). */
    public static final int SCHED_MAX_SCHED_PRIO = 0x31C;
    /** this NIC's MAC address bits 31..0 (GRANT source) (RW). */
    public static final int OWN_MAC_LO = 0x320;
    /** this NIC's MAC address bits 47..32 (bits 15..0) (RW). */
    public static final int OWN_MAC_HI = 0x324;
    /** this NIC's IPv4 address (GRANT source of IPv4 messages) (RW). */
    public static final int OWN_IPV4 = 0x328;
    /** this NIC's IPv6 address bits 31..0 (GRANT source of IPv6 messages) (RW). */
    public static final int OWN_IPV6_0 = 0x32C;
    /** this NIC's IPv6 address bits 63..32 (GRANT source of IPv6 messages) (RW). */
    public static final int OWN_IPV6_1 = 0x330;
    /** this NIC's IPv6 address bits 95..64 (GRANT source of IPv6 messages) (RW). */
    public static final int OWN_IPV6_2 = 0x334;
    /** this NIC's IPv6 address bits 127..96 (GRANT source of IPv6 messages) (RW). */
    public static final int OWN_IPV6_3 = 0x338;
    /** destination MAC of GRANT frames (the next hop) bits 31..0 (RW). */
    public static final int GRANT_MAC_LO = 0x340;
    /** destination MAC of GRANT frames bits 47..32 (bits 15..0) (RW). */
    public static final int GRANT_MAC_HI = 0x344;
    /** bit 0: DATA events go to the grant scheduler; 0: they are discarded and the host grants every message in software (RW). */
    public static final int SCHED_ENABLE = 0x348;
    /** scheduler: DATA events the scheduler accepted (RO). */
    public static final int SCHED_EVENTS = 0x380;
    /** scheduler: host commands the scheduler accepted (RO). */
    public static final int SCHED_COMMANDS = 0x384;
    /** scheduler: GRANTs decided (RO). */
    public static final int SCHED_GRANTS = 0x388;
    /** scheduler: of which FIFO grants (RO). */
    public static final int SCHED_FIFO_GRANTS = 0x38C;
    /** scheduler: new messages refused for a full table set (the host schedules them; each is also a notice) (RO). */
    public static final int SCHED_TABLE_FULL = 0x390;
    /** scheduler: grant attempts held back or cut by max_incoming (RO). */
    public static final int SCHED_NEEDY = 0x394;
    /** scheduler: DATA packets refused for lack of a reassembly gap (RO). */
    public static final int SCHED_GAP_REFUSED = 0x398;
    /** scheduler: message table entries in use now (RO). */
    public static final int SCHED_TABLE_USED = 0x39C;
    /** scheduler: most messages ever holding an active slot (RO). */
    public static final int SCHED_ACTIVE_HIGH_WATER = 0x3A0;
    /** scheduler: table-full notices lost because the notice FIFO was full (RO). */
    public static final int SCHED_NOTICES_DROPPED = 0x3A4;
    /** scheduler: 1 once the derived scheduler configuration is computed (RO). */
    public static final int SCHED_CFG_READY = 0x3A8;
}
