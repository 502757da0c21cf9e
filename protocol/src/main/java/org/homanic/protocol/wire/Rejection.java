package org.homanic.protocol.wire;

/**
 * Why a received frame or Homa packet is dropped. The Homa-level reasons are the checks
 * HomaModule makes on receive (spec 1.3, 1.4, 6.1); the frame-level ones are what the Linux
 * stack below Homa would refuse, made explicit for the NIC classifier.
 */
public enum Rejection {
    /** Fewer than 14 bytes: no Ethernet header. */
    ETHERNET_TRUNCATED("frame shorter than an Ethernet header"),
    /** Ethertype 0x8100 but the 4-byte tag is cut off. */
    VLAN_TRUNCATED("802.1Q tag cut off"),
    /** A second 802.1Q tag, or an 802.1ad (QinQ) tag: only one 802.1Q tag is supported. */
    STACKED_VLAN("more than one VLAN tag"),
    /** Ethertype (after any tag) is neither IPv4 nor IPv6. */
    NOT_IP("ethertype is neither IPv4 nor IPv6"),
    /** IP version nibble disagrees with the ethertype. */
    IP_VERSION_MISMATCH("IP version does not match the ethertype"),
    /** Fewer bytes than the IP header (including IPv4 options) needs. */
    IP_HEADER_TRUNCATED("IP header cut off"),
    /** IPv4 IHL below 5 words. */
    IPV4_BAD_IHL("IPv4 header length below 20 bytes"),
    /** IPv4 header checksum does not sum to 0xFFFF. */
    IPV4_BAD_CHECKSUM("IPv4 header checksum wrong"),
    /** IP length field smaller than the IP header, or larger than the bytes present. */
    IP_LENGTH_INVALID("IP length field disagrees with the frame"),
    /** IPv4 fragment (MF set or non-zero offset): Homa packets are never fragmented. */
    IP_FRAGMENT("IPv4 fragment"),
    /** IP protocol / next header is neither 146 (Homa) nor 6 (TCP). IPv6 extension headers land here too. */
    NOT_HOMA_PROTOCOL("IP protocol is not Homa (146) or TCP (6)"),
    /** IP protocol 6 without the hijack marker (flags 0x06 and urgent 0xB97D): real TCP. */
    TCP_NOT_HIJACKED("TCP segment without the Homa hijack marker"),
    /** Fewer than 28 bytes of Homa header. */
    HOMA_TRUNCATED("shorter than the 28-byte Homa common header"),
    /** Type byte outside 0x10..0x18. */
    UNKNOWN_TYPE("packet type outside 0x10..0x18"),
    /** Fewer bytes than the header of its type. */
    TOO_SHORT_FOR_TYPE("shorter than the header of its type"),
    /** DATA message_length above 1,000,000. */
    MESSAGE_TOO_LONG("message_length above 1,000,000"),
    /** DATA whose offset is at or past message_length. */
    DATA_OFFSET_OUT_OF_RANGE("DATA offset at or past the end of the message"),
    /** DATA whose offset + payload length is past message_length. */
    DATA_PAST_MESSAGE_END("DATA payload runs past the end of the message");

    private final String explanation;

    Rejection(String explanation) {
        this.explanation = explanation;
    }

    public String explanation() {
        return explanation;
    }
}
