/* Generated from org.homanic.rtl.nic.NicRegisters; do not edit. */
#ifndef HOMA_NIC_REGS_H
#define HOMA_NIC_REGS_H

/* constant 0x484F4D43 ("HOMC") (RO) */
#define HOMA_NIC_ID 0x000u
/* register map version: major in bits 31..16, minor in bits 15..0 (RO) */
#define HOMA_NIC_VERSION 0x004u
/* priority_map[level] in bits 3*level+2..3*level: the value written to TOS / traffic class bits 7..5 (RW) */
#define HOMA_NIC_PRIORITY_MAP 0x010u
#define HOMA_NIC_PRIORITY_MAP_RESET 0xFAC688u
/* egress level of non-Homa traffic (bits 2..0) (RW) */
#define HOMA_NIC_DEFAULT_LEVEL 0x014u
#define HOMA_NIC_DEFAULT_LEVEL_RESET 0x0u
/* DATA below min(unsched_bytes, message length) is unscheduled (RW) */
#define HOMA_NIC_UNSCHED_BYTES 0x018u
#define HOMA_NIC_UNSCHED_BYTES_RESET 0x9C40u
/* cutoff 1 for a peer that sent no CUTOFFS (HomaModule: 6 = 0x7FFFFFFF, others 0) (RW) */
#define HOMA_NIC_DEFAULT_CUTOFF_1 0x020u
#define HOMA_NIC_DEFAULT_CUTOFF_1_RESET 0x0u
/* cutoff 2 for a peer that sent no CUTOFFS (HomaModule: 6 = 0x7FFFFFFF, others 0) (RW) */
#define HOMA_NIC_DEFAULT_CUTOFF_2 0x024u
#define HOMA_NIC_DEFAULT_CUTOFF_2_RESET 0x0u
/* cutoff 3 for a peer that sent no CUTOFFS (HomaModule: 6 = 0x7FFFFFFF, others 0) (RW) */
#define HOMA_NIC_DEFAULT_CUTOFF_3 0x028u
#define HOMA_NIC_DEFAULT_CUTOFF_3_RESET 0x0u
/* cutoff 4 for a peer that sent no CUTOFFS (HomaModule: 6 = 0x7FFFFFFF, others 0) (RW) */
#define HOMA_NIC_DEFAULT_CUTOFF_4 0x02Cu
#define HOMA_NIC_DEFAULT_CUTOFF_4_RESET 0x0u
/* cutoff 5 for a peer that sent no CUTOFFS (HomaModule: 6 = 0x7FFFFFFF, others 0) (RW) */
#define HOMA_NIC_DEFAULT_CUTOFF_5 0x030u
#define HOMA_NIC_DEFAULT_CUTOFF_5_RESET 0x0u
/* cutoff 6 for a peer that sent no CUTOFFS (HomaModule: 6 = 0x7FFFFFFF, others 0) (RW) */
#define HOMA_NIC_DEFAULT_CUTOFF_6 0x034u
#define HOMA_NIC_DEFAULT_CUTOFF_6_RESET 0x7FFFFFFFu
/* cutoff 7 for a peer that sent no CUTOFFS (HomaModule: 6 = 0x7FFFFFFF, others 0) (RW) */
#define HOMA_NIC_DEFAULT_CUTOFF_7 0x038u
#define HOMA_NIC_DEFAULT_CUTOFF_7_RESET 0x0u
/* ingress host queue threshold in beats (bits 15..0): a packet is dropped unless queue level + its beats stays within it (RW) */
#define HOMA_NIC_HOST_QUEUE_LIMIT 0x040u
#define HOMA_NIC_HOST_QUEUE_LIMIT_RESET 0xFFFFu
/* egress level queue threshold in beats (bits 15..0), the same rule (RW) */
#define HOMA_NIC_LEVEL_QUEUE_LIMIT 0x044u
#define HOMA_NIC_LEVEL_QUEUE_LIMIT_RESET 0xFFFFu
/* ingress counter: frames received (last beats seen) (RO) */
#define HOMA_NIC_RX_FRAMES 0x100u
/* ingress counter: frames the MAC marked bad (tuser[0] with the last beat): dropped (RO) */
#define HOMA_NIC_RX_BAD_FRAME 0x104u
/* ingress counter: Homa packets that passed validation (RO) */
#define HOMA_NIC_RX_HOMA_VALID 0x108u
/* ingress counter: frame shorter than an Ethernet header (dropped) (RO) */
#define HOMA_NIC_RX_REASON_ETHERNET_TRUNCATED 0x10Cu
/* ingress counter: 802.1Q tag cut off (dropped) (RO) */
#define HOMA_NIC_RX_REASON_VLAN_TRUNCATED 0x110u
/* ingress counter: more than one VLAN tag (passed to the default queue) (RO) */
#define HOMA_NIC_RX_REASON_STACKED_VLAN 0x114u
/* ingress counter: ethertype is neither IPv4 nor IPv6 (passed to the default queue) (RO) */
#define HOMA_NIC_RX_REASON_NOT_IP 0x118u
/* ingress counter: IP version does not match the ethertype (dropped) (RO) */
#define HOMA_NIC_RX_REASON_IP_VERSION_MISMATCH 0x11Cu
/* ingress counter: IP header cut off (dropped) (RO) */
#define HOMA_NIC_RX_REASON_IP_HEADER_TRUNCATED 0x120u
/* ingress counter: IPv4 header length below 20 bytes (dropped) (RO) */
#define HOMA_NIC_RX_REASON_IPV4_BAD_IHL 0x124u
/* ingress counter: IPv4 header checksum wrong (dropped) (RO) */
#define HOMA_NIC_RX_REASON_IPV4_BAD_CHECKSUM 0x128u
/* ingress counter: IP length field disagrees with the frame (dropped) (RO) */
#define HOMA_NIC_RX_REASON_IP_LENGTH_INVALID 0x12Cu
/* ingress counter: IPv4 fragment (passed to the default queue) (RO) */
#define HOMA_NIC_RX_REASON_IP_FRAGMENT 0x130u
/* ingress counter: IP protocol is not Homa (146) or TCP (6) (passed to the default queue) (RO) */
#define HOMA_NIC_RX_REASON_NOT_HOMA_PROTOCOL 0x134u
/* ingress counter: TCP segment without the Homa hijack marker (passed to the default queue) (RO) */
#define HOMA_NIC_RX_REASON_TCP_NOT_HIJACKED 0x138u
/* ingress counter: shorter than the 28-byte Homa common header (dropped) (RO) */
#define HOMA_NIC_RX_REASON_HOMA_TRUNCATED 0x13Cu
/* ingress counter: packet type outside 0x10..0x18 (dropped) (RO) */
#define HOMA_NIC_RX_REASON_UNKNOWN_TYPE 0x140u
/* ingress counter: shorter than the header of its type (dropped) (RO) */
#define HOMA_NIC_RX_REASON_TOO_SHORT_FOR_TYPE 0x144u
/* ingress counter: message_length above 1,000,000 (dropped) (RO) */
#define HOMA_NIC_RX_REASON_MESSAGE_TOO_LONG 0x148u
/* ingress counter: DATA offset at or past the end of the message (dropped) (RO) */
#define HOMA_NIC_RX_REASON_DATA_OFFSET_OUT_OF_RANGE 0x14Cu
/* ingress counter: DATA payload runs past the end of the message (dropped) (RO) */
#define HOMA_NIC_RX_REASON_DATA_PAST_MESSAGE_END 0x150u
/* ingress counter: frames dropped because the receive buffer had no room (RO) */
#define HOMA_NIC_RX_BUFFER_FULL 0x154u
/* ingress counter: packets dropped because their host queue had no room (RO) */
#define HOMA_NIC_RX_HOST_QUEUE_FULL 0x158u
/* ingress counter: grant-scheduler events lost because the event FIFO was full (RO) */
#define HOMA_NIC_RX_EVENTS_DROPPED 0x15Cu
/* ingress counter: Homa packets written to a host queue (RO) */
#define HOMA_NIC_RX_DELIVERED_HOMA 0x160u
/* ingress counter: other frames written to the default queue (RO) */
#define HOMA_NIC_RX_DELIVERED_OTHER 0x164u
/* ingress counter: grant-scheduler events emitted (RO) */
#define HOMA_NIC_RX_DATA_EVENTS 0x168u
/* egress counter: frames from the host (RO) */
#define HOMA_NIC_TX_FRAMES 0x200u
/* egress counter: frames that are valid Homa packets (priority rewritten) (RO) */
#define HOMA_NIC_TX_HOMA 0x204u
/* egress counter: frames whose level the host set through tuser (RO) */
#define HOMA_NIC_TX_OVERRIDES 0x208u
/* egress counter: unscheduled DATA to a peer without learned cutoffs (default cutoffs used) (RO) */
#define HOMA_NIC_TX_FALLBACK_CUTOFFS 0x20Cu
/* egress counter: scheduled DATA of an RPC without a learned GRANT (level 0 used) (RO) */
#define HOMA_NIC_TX_FALLBACK_GRANT 0x210u
/* egress counter: frames dropped because the staging buffer had no room (RO) */
#define HOMA_NIC_TX_STAGING_FULL 0x214u
/* egress counter: packets dropped because their level queue had no room (RO) */
#define HOMA_NIC_TX_QUEUE_FULL 0x218u
/* egress counter: packets written to level queue 0 (RO) */
#define HOMA_NIC_TX_ENQUEUED_0 0x21Cu
/* egress counter: packets written to level queue 1 (RO) */
#define HOMA_NIC_TX_ENQUEUED_1 0x220u
/* egress counter: packets written to level queue 2 (RO) */
#define HOMA_NIC_TX_ENQUEUED_2 0x224u
/* egress counter: packets written to level queue 3 (RO) */
#define HOMA_NIC_TX_ENQUEUED_3 0x228u
/* egress counter: packets written to level queue 4 (RO) */
#define HOMA_NIC_TX_ENQUEUED_4 0x22Cu
/* egress counter: packets written to level queue 5 (RO) */
#define HOMA_NIC_TX_ENQUEUED_5 0x230u
/* egress counter: packets written to level queue 6 (RO) */
#define HOMA_NIC_TX_ENQUEUED_6 0x234u
/* egress counter: packets written to level queue 7 (RO) */
#define HOMA_NIC_TX_ENQUEUED_7 0x238u
/* messages granted at once, 1..8 (larger acts as 8) (RW) */
#define HOMA_NIC_SCHED_MAX_OVERCOMMIT 0x300u
#define HOMA_NIC_SCHED_MAX_OVERCOMMIT_RESET 0x8u
/* cap on granted-but-unreceived bytes over all messages (RW) */
#define HOMA_NIC_SCHED_MAX_INCOMING 0x304u
#define HOMA_NIC_SCHED_MAX_INCOMING_RESET 0x61A80u
/* fixed per-message window in bytes; 0 = dynamic (max_incoming / (active + 1)) (RW) */
#define HOMA_NIC_SCHED_WINDOW 0x308u
#define HOMA_NIC_SCHED_WINDOW_RESET 0x0u
/* thousandths of the link for FIFO grants (bits 9..0, capped at 500); 0 disables (RW) */
#define HOMA_NIC_SCHED_GRANT_FIFO_FRACTION 0x30Cu
#define HOMA_NIC_SCHED_GRANT_FIFO_FRACTION_RESET 0x32u
/* bytes per FIFO grant (bits 19..0); 0 disables (RW) */
#define HOMA_NIC_SCHED_FIFO_GRANT_INCREMENT 0x310u
#define HOMA_NIC_SCHED_FIFO_GRANT_INCREMENT_RESET 0xC350u
/* link speed in Mbit/s for the FIFO grant interval (bits 19..0) (RW) */
#define HOMA_NIC_SCHED_LINK_MBPS 0x314u
#define HOMA_NIC_SCHED_LINK_MBPS_RESET 0x61A8u
/* priority levels in use, 2..8 (bits 3..0) (RW) */
#define HOMA_NIC_SCHED_NUM_PRIORITIES 0x318u
#define HOMA_NIC_SCHED_NUM_PRIORITIES_RESET 0x8u
/* highest level of scheduled packets (bits 2..0) (RW) */
#define HOMA_NIC_SCHED_MAX_SCHED_PRIO 0x31Cu
#define HOMA_NIC_SCHED_MAX_SCHED_PRIO_RESET 0x3u
/* this NIC's MAC address bits 31..0 (GRANT source) (RW) */
#define HOMA_NIC_OWN_MAC_LO 0x320u
#define HOMA_NIC_OWN_MAC_LO_RESET 0x0u
/* this NIC's MAC address bits 47..32 (bits 15..0) (RW) */
#define HOMA_NIC_OWN_MAC_HI 0x324u
#define HOMA_NIC_OWN_MAC_HI_RESET 0x0u
/* this NIC's IPv4 address (GRANT source of IPv4 messages) (RW) */
#define HOMA_NIC_OWN_IPV4 0x328u
#define HOMA_NIC_OWN_IPV4_RESET 0x0u
/* this NIC's IPv6 address bits 31..0 (GRANT source of IPv6 messages) (RW) */
#define HOMA_NIC_OWN_IPV6_0 0x32Cu
#define HOMA_NIC_OWN_IPV6_0_RESET 0x0u
/* this NIC's IPv6 address bits 63..32 (GRANT source of IPv6 messages) (RW) */
#define HOMA_NIC_OWN_IPV6_1 0x330u
#define HOMA_NIC_OWN_IPV6_1_RESET 0x0u
/* this NIC's IPv6 address bits 95..64 (GRANT source of IPv6 messages) (RW) */
#define HOMA_NIC_OWN_IPV6_2 0x334u
#define HOMA_NIC_OWN_IPV6_2_RESET 0x0u
/* this NIC's IPv6 address bits 127..96 (GRANT source of IPv6 messages) (RW) */
#define HOMA_NIC_OWN_IPV6_3 0x338u
#define HOMA_NIC_OWN_IPV6_3_RESET 0x0u
/* destination MAC of GRANT frames (the next hop) bits 31..0 (RW) */
#define HOMA_NIC_GRANT_MAC_LO 0x340u
#define HOMA_NIC_GRANT_MAC_LO_RESET 0x0u
/* destination MAC of GRANT frames bits 47..32 (bits 15..0) (RW) */
#define HOMA_NIC_GRANT_MAC_HI 0x344u
#define HOMA_NIC_GRANT_MAC_HI_RESET 0x0u
/* bit 0: DATA events go to the grant scheduler; 0: they are discarded and the host grants every message in software (RW) */
#define HOMA_NIC_SCHED_ENABLE 0x348u
#define HOMA_NIC_SCHED_ENABLE_RESET 0x1u
/* scheduler: DATA events the scheduler accepted (RO) */
#define HOMA_NIC_SCHED_EVENTS 0x380u
/* scheduler: host commands the scheduler accepted (RO) */
#define HOMA_NIC_SCHED_COMMANDS 0x384u
/* scheduler: GRANTs decided (RO) */
#define HOMA_NIC_SCHED_GRANTS 0x388u
/* scheduler: of which FIFO grants (RO) */
#define HOMA_NIC_SCHED_FIFO_GRANTS 0x38Cu
/* scheduler: new messages refused for a full table set (the host schedules them; each is also a notice) (RO) */
#define HOMA_NIC_SCHED_TABLE_FULL 0x390u
/* scheduler: grant attempts held back or cut by max_incoming (RO) */
#define HOMA_NIC_SCHED_NEEDY 0x394u
/* scheduler: DATA packets refused for lack of a reassembly gap (RO) */
#define HOMA_NIC_SCHED_GAP_REFUSED 0x398u
/* scheduler: message table entries in use now (RO) */
#define HOMA_NIC_SCHED_TABLE_USED 0x39Cu
/* scheduler: most messages ever holding an active slot (RO) */
#define HOMA_NIC_SCHED_ACTIVE_HIGH_WATER 0x3A0u
/* scheduler: table-full notices lost because the notice FIFO was full (RO) */
#define HOMA_NIC_SCHED_NOTICES_DROPPED 0x3A4u
/* scheduler: 1 once the derived scheduler configuration is computed (RO) */
#define HOMA_NIC_SCHED_CFG_READY 0x3A8u

#endif
