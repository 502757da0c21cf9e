/* Generated from org.homanic.rtl.classifier.ClassifierRegisters; do not edit. */
#ifndef HOMA_CLASSIFIER_REGS_H
#define HOMA_CLASSIFIER_REGS_H

/* constant 0x484F4D43 ("HOMC") (RO) */
#define HOMA_CLS_ID 0x000u
/* register map version: major in bits 31..16, minor in bits 15..0 (RO) */
#define HOMA_CLS_VERSION 0x004u
/* priority_map[level] in bits 3*level+2..3*level: the value written to TOS / traffic class bits 7..5 (RW) */
#define HOMA_CLS_PRIORITY_MAP 0x010u
#define HOMA_CLS_PRIORITY_MAP_RESET 0xFAC688u
/* egress level of non-Homa traffic (bits 2..0) (RW) */
#define HOMA_CLS_DEFAULT_LEVEL 0x014u
#define HOMA_CLS_DEFAULT_LEVEL_RESET 0x0u
/* DATA below min(unsched_bytes, message length) is unscheduled (RW) */
#define HOMA_CLS_UNSCHED_BYTES 0x018u
#define HOMA_CLS_UNSCHED_BYTES_RESET 0x9C40u
/* cutoff 1 for a peer that sent no CUTOFFS (HomaModule: 6 = 0x7FFFFFFF, others 0) (RW) */
#define HOMA_CLS_DEFAULT_CUTOFF_1 0x020u
#define HOMA_CLS_DEFAULT_CUTOFF_1_RESET 0x0u
/* cutoff 2 for a peer that sent no CUTOFFS (HomaModule: 6 = 0x7FFFFFFF, others 0) (RW) */
#define HOMA_CLS_DEFAULT_CUTOFF_2 0x024u
#define HOMA_CLS_DEFAULT_CUTOFF_2_RESET 0x0u
/* cutoff 3 for a peer that sent no CUTOFFS (HomaModule: 6 = 0x7FFFFFFF, others 0) (RW) */
#define HOMA_CLS_DEFAULT_CUTOFF_3 0x028u
#define HOMA_CLS_DEFAULT_CUTOFF_3_RESET 0x0u
/* cutoff 4 for a peer that sent no CUTOFFS (HomaModule: 6 = 0x7FFFFFFF, others 0) (RW) */
#define HOMA_CLS_DEFAULT_CUTOFF_4 0x02Cu
#define HOMA_CLS_DEFAULT_CUTOFF_4_RESET 0x0u
/* cutoff 5 for a peer that sent no CUTOFFS (HomaModule: 6 = 0x7FFFFFFF, others 0) (RW) */
#define HOMA_CLS_DEFAULT_CUTOFF_5 0x030u
#define HOMA_CLS_DEFAULT_CUTOFF_5_RESET 0x0u
/* cutoff 6 for a peer that sent no CUTOFFS (HomaModule: 6 = 0x7FFFFFFF, others 0) (RW) */
#define HOMA_CLS_DEFAULT_CUTOFF_6 0x034u
#define HOMA_CLS_DEFAULT_CUTOFF_6_RESET 0x7FFFFFFFu
/* cutoff 7 for a peer that sent no CUTOFFS (HomaModule: 6 = 0x7FFFFFFF, others 0) (RW) */
#define HOMA_CLS_DEFAULT_CUTOFF_7 0x038u
#define HOMA_CLS_DEFAULT_CUTOFF_7_RESET 0x0u
/* ingress host queue threshold in beats (bits 15..0): a packet is dropped unless queue level + its beats stays within it (RW) */
#define HOMA_CLS_HOST_QUEUE_LIMIT 0x040u
#define HOMA_CLS_HOST_QUEUE_LIMIT_RESET 0xFFFFu
/* egress level queue threshold in beats (bits 15..0), the same rule (RW) */
#define HOMA_CLS_LEVEL_QUEUE_LIMIT 0x044u
#define HOMA_CLS_LEVEL_QUEUE_LIMIT_RESET 0xFFFFu
/* ingress counter: frames received (last beats seen) (RO) */
#define HOMA_CLS_RX_FRAMES 0x100u
/* ingress counter: frames the MAC marked bad (tuser[0] with the last beat): dropped (RO) */
#define HOMA_CLS_RX_BAD_FRAME 0x104u
/* ingress counter: Homa packets that passed validation (RO) */
#define HOMA_CLS_RX_HOMA_VALID 0x108u
/* ingress counter: frame shorter than an Ethernet header (dropped) (RO) */
#define HOMA_CLS_RX_REASON_ETHERNET_TRUNCATED 0x10Cu
/* ingress counter: 802.1Q tag cut off (dropped) (RO) */
#define HOMA_CLS_RX_REASON_VLAN_TRUNCATED 0x110u
/* ingress counter: more than one VLAN tag (passed to the default queue) (RO) */
#define HOMA_CLS_RX_REASON_STACKED_VLAN 0x114u
/* ingress counter: ethertype is neither IPv4 nor IPv6 (passed to the default queue) (RO) */
#define HOMA_CLS_RX_REASON_NOT_IP 0x118u
/* ingress counter: IP version does not match the ethertype (dropped) (RO) */
#define HOMA_CLS_RX_REASON_IP_VERSION_MISMATCH 0x11Cu
/* ingress counter: IP header cut off (dropped) (RO) */
#define HOMA_CLS_RX_REASON_IP_HEADER_TRUNCATED 0x120u
/* ingress counter: IPv4 header length below 20 bytes (dropped) (RO) */
#define HOMA_CLS_RX_REASON_IPV4_BAD_IHL 0x124u
/* ingress counter: IPv4 header checksum wrong (dropped) (RO) */
#define HOMA_CLS_RX_REASON_IPV4_BAD_CHECKSUM 0x128u
/* ingress counter: IP length field disagrees with the frame (dropped) (RO) */
#define HOMA_CLS_RX_REASON_IP_LENGTH_INVALID 0x12Cu
/* ingress counter: IPv4 fragment (passed to the default queue) (RO) */
#define HOMA_CLS_RX_REASON_IP_FRAGMENT 0x130u
/* ingress counter: IP protocol is not Homa (146) or TCP (6) (passed to the default queue) (RO) */
#define HOMA_CLS_RX_REASON_NOT_HOMA_PROTOCOL 0x134u
/* ingress counter: TCP segment without the Homa hijack marker (passed to the default queue) (RO) */
#define HOMA_CLS_RX_REASON_TCP_NOT_HIJACKED 0x138u
/* ingress counter: shorter than the 28-byte Homa common header (dropped) (RO) */
#define HOMA_CLS_RX_REASON_HOMA_TRUNCATED 0x13Cu
/* ingress counter: packet type outside 0x10..0x18 (dropped) (RO) */
#define HOMA_CLS_RX_REASON_UNKNOWN_TYPE 0x140u
/* ingress counter: shorter than the header of its type (dropped) (RO) */
#define HOMA_CLS_RX_REASON_TOO_SHORT_FOR_TYPE 0x144u
/* ingress counter: message_length above 1,000,000 (dropped) (RO) */
#define HOMA_CLS_RX_REASON_MESSAGE_TOO_LONG 0x148u
/* ingress counter: DATA offset at or past the end of the message (dropped) (RO) */
#define HOMA_CLS_RX_REASON_DATA_OFFSET_OUT_OF_RANGE 0x14Cu
/* ingress counter: DATA payload runs past the end of the message (dropped) (RO) */
#define HOMA_CLS_RX_REASON_DATA_PAST_MESSAGE_END 0x150u
/* ingress counter: frames dropped because the receive buffer had no room (RO) */
#define HOMA_CLS_RX_BUFFER_FULL 0x154u
/* ingress counter: packets dropped because their host queue had no room (RO) */
#define HOMA_CLS_RX_HOST_QUEUE_FULL 0x158u
/* ingress counter: grant-scheduler events lost because the event FIFO was full (RO) */
#define HOMA_CLS_RX_EVENTS_DROPPED 0x15Cu
/* ingress counter: Homa packets written to a host queue (RO) */
#define HOMA_CLS_RX_DELIVERED_HOMA 0x160u
/* ingress counter: other frames written to the default queue (RO) */
#define HOMA_CLS_RX_DELIVERED_OTHER 0x164u
/* ingress counter: grant-scheduler events emitted (RO) */
#define HOMA_CLS_RX_DATA_EVENTS 0x168u
/* egress counter: frames from the host (RO) */
#define HOMA_CLS_TX_FRAMES 0x200u
/* egress counter: frames that are valid Homa packets (priority rewritten) (RO) */
#define HOMA_CLS_TX_HOMA 0x204u
/* egress counter: frames whose level the host set through tuser (RO) */
#define HOMA_CLS_TX_OVERRIDES 0x208u
/* egress counter: unscheduled DATA to a peer without learned cutoffs (default cutoffs used) (RO) */
#define HOMA_CLS_TX_FALLBACK_CUTOFFS 0x20Cu
/* egress counter: scheduled DATA of an RPC without a learned GRANT (level 0 used) (RO) */
#define HOMA_CLS_TX_FALLBACK_GRANT 0x210u
/* egress counter: frames dropped because the staging buffer had no room (RO) */
#define HOMA_CLS_TX_STAGING_FULL 0x214u
/* egress counter: packets dropped because their level queue had no room (RO) */
#define HOMA_CLS_TX_QUEUE_FULL 0x218u
/* egress counter: packets written to level queue 0 (RO) */
#define HOMA_CLS_TX_ENQUEUED_0 0x21Cu
/* egress counter: packets written to level queue 1 (RO) */
#define HOMA_CLS_TX_ENQUEUED_1 0x220u
/* egress counter: packets written to level queue 2 (RO) */
#define HOMA_CLS_TX_ENQUEUED_2 0x224u
/* egress counter: packets written to level queue 3 (RO) */
#define HOMA_CLS_TX_ENQUEUED_3 0x228u
/* egress counter: packets written to level queue 4 (RO) */
#define HOMA_CLS_TX_ENQUEUED_4 0x22Cu
/* egress counter: packets written to level queue 5 (RO) */
#define HOMA_CLS_TX_ENQUEUED_5 0x230u
/* egress counter: packets written to level queue 6 (RO) */
#define HOMA_CLS_TX_ENQUEUED_6 0x234u
/* egress counter: packets written to level queue 7 (RO) */
#define HOMA_CLS_TX_ENQUEUED_7 0x238u

#endif
