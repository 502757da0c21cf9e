package org.homanic.protocol.wire;

import java.lang.foreign.MemorySegment;

/**
 * Receive-side parsing and validation of one frame (Ethernet, optional single 802.1Q tag,
 * IPv4 with options or IPv6, Homa on IP protocol 146 or hijacked TCP) or of a bare Homa
 * packet. Reusable and allocation-free: parse, then read the results from the getters until
 * the next parse. Every drop has a {@link Rejection}.
 */
public final class FrameParser {
    private static final Field ETHERTYPE = NetHeaders.ETHERNET.field("ethertype");
    private static final Field VLAN_PCP = NetHeaders.VLAN.field("pcp");
    private static final Field VLAN_VID = NetHeaders.VLAN.field("vid");
    private static final Field VLAN_ETHERTYPE = NetHeaders.VLAN.field("ethertype");
    private static final Field V4_VERSION = NetHeaders.IPV4.field("version");
    private static final Field V4_IHL = NetHeaders.IPV4.field("ihl");
    private static final Field V4_PRIORITY = NetHeaders.IPV4.field("priority");
    private static final Field V4_TOTAL_LENGTH = NetHeaders.IPV4.field("total_length");
    private static final Field V4_FLAGS = NetHeaders.IPV4.field("flags");
    private static final Field V4_FRAGMENT_OFFSET = NetHeaders.IPV4.field("fragment_offset");
    private static final Field V4_PROTOCOL = NetHeaders.IPV4.field("protocol");
    private static final Field V6_VERSION = NetHeaders.IPV6.field("version");
    private static final Field V6_PRIORITY = NetHeaders.IPV6.field("priority");
    private static final Field V6_PAYLOAD_LENGTH = NetHeaders.IPV6.field("payload_length");
    private static final Field V6_NEXT_HEADER = NetHeaders.IPV6.field("next_header");
    private static final Field TCP_FLAGS = NetHeaders.TCP_HIJACK.field("flags");
    private static final Field TCP_URGENT = NetHeaders.TCP_HIJACK.field("urgent");
    private static final int MORE_FRAGMENTS = 0b001;

    private final DataView data = new DataView();

    private Rejection rejection;
    private boolean framed;
    private int vlanId;
    private int vlanPcp;
    private int ipVersion;
    private long ipOffset;
    private int priority;
    private boolean hijacked;
    private long homaOffset;
    private long homaLength;
    private PacketType type;

    /**
     * Parses a whole Ethernet frame of {@code length} bytes at {@code offset}. Bytes after the
     * IP packet (Ethernet padding) are ignored: the IP length field decides the Homa length.
     */
    public boolean parseFrame(MemorySegment segment, long offset, long length) {
        reset(true);
        if (length < NetHeaders.ETHERNET.size()) return reject(Rejection.ETHERNET_TRUNCATED);
        long end = offset + length;
        long at = offset + NetHeaders.ETHERNET.size();
        int ethertype = (int) ETHERTYPE.get(segment, offset);
        if (ethertype == NetHeaders.ETHERTYPE_QINQ) return reject(Rejection.STACKED_VLAN);
        if (ethertype == NetHeaders.ETHERTYPE_VLAN) {
            if (end - at < NetHeaders.VLAN.size()) return reject(Rejection.VLAN_TRUNCATED);
            vlanPcp = (int) VLAN_PCP.get(segment, at);
            vlanId = (int) VLAN_VID.get(segment, at);
            ethertype = (int) VLAN_ETHERTYPE.get(segment, at);
            at += NetHeaders.VLAN.size();
            if (ethertype == NetHeaders.ETHERTYPE_VLAN || ethertype == NetHeaders.ETHERTYPE_QINQ) {
                return reject(Rejection.STACKED_VLAN);
            }
        }
        ipOffset = at;
        int protocol;
        long ipEnd;
        if (ethertype == NetHeaders.ETHERTYPE_IPV4) {
            if (end - at < NetHeaders.IPV4.size()) return reject(Rejection.IP_HEADER_TRUNCATED);
            ipVersion = (int) V4_VERSION.get(segment, at);
            if (ipVersion != 4) return reject(Rejection.IP_VERSION_MISMATCH);
            int headerBytes = (int) V4_IHL.get(segment, at) * 4;
            if (headerBytes < NetHeaders.IPV4.size()) return reject(Rejection.IPV4_BAD_IHL);
            if (end - at < headerBytes) return reject(Rejection.IP_HEADER_TRUNCATED);
            if (Checksums.onesComplementSum(segment, at, headerBytes, 0) != 0xFFFF) {
                return reject(Rejection.IPV4_BAD_CHECKSUM);
            }
            long total = V4_TOTAL_LENGTH.get(segment, at);
            if (total < headerBytes || total > end - at) return reject(Rejection.IP_LENGTH_INVALID);
            if ((V4_FLAGS.get(segment, at) & MORE_FRAGMENTS) != 0 || V4_FRAGMENT_OFFSET.get(segment, at) != 0) {
                return reject(Rejection.IP_FRAGMENT);
            }
            priority = (int) V4_PRIORITY.get(segment, at);
            protocol = (int) V4_PROTOCOL.get(segment, at);
            homaOffset = at + headerBytes;
            ipEnd = at + total;
        } else if (ethertype == NetHeaders.ETHERTYPE_IPV6) {
            if (end - at < NetHeaders.IPV6.size()) return reject(Rejection.IP_HEADER_TRUNCATED);
            ipVersion = (int) V6_VERSION.get(segment, at);
            if (ipVersion != 6) return reject(Rejection.IP_VERSION_MISMATCH);
            long payload = V6_PAYLOAD_LENGTH.get(segment, at);
            if (payload > end - at - NetHeaders.IPV6.size()) return reject(Rejection.IP_LENGTH_INVALID);
            priority = (int) V6_PRIORITY.get(segment, at);
            protocol = (int) V6_NEXT_HEADER.get(segment, at);
            homaOffset = at + NetHeaders.IPV6.size();
            ipEnd = homaOffset + payload;
        } else {
            return reject(Rejection.NOT_IP);
        }
        if (protocol == HomaConstants.IPPROTO_TCP) {
            // Hijack recognition reads the TCP flags and urgent pointer: needs 20 bytes.
            if (ipEnd - homaOffset < NetHeaders.TCP_HIJACK.size()) return reject(Rejection.TCP_NOT_HIJACKED);
            if (TCP_FLAGS.get(segment, homaOffset) != HomaConstants.HIJACK_FLAGS
                    || TCP_URGENT.get(segment, homaOffset) != HomaConstants.HIJACK_URGENT) {
                return reject(Rejection.TCP_NOT_HIJACKED);
            }
            hijacked = true;
        } else if (protocol != HomaConstants.IPPROTO_HOMA) {
            return reject(Rejection.NOT_HOMA_PROTOCOL);
        }
        return checkHoma(segment, homaOffset, ipEnd - homaOffset);
    }

    /** Validates a bare Homa packet (header + payload) of {@code length} bytes, as from the IP payload. */
    public boolean parseHoma(MemorySegment segment, long offset, long length) {
        reset(false);
        return checkHoma(segment, offset, length);
    }

    private boolean checkHoma(MemorySegment segment, long offset, long length) {
        homaOffset = offset;
        homaLength = length;
        if (length < HomaHeaders.COMMON.size()) return reject(Rejection.HOMA_TRUNCATED);
        data.wrap(segment, offset);
        type = data.type();
        if (type == null) return reject(Rejection.UNKNOWN_TYPE);
        if (length < type.minLength()) return reject(Rejection.TOO_SHORT_FOR_TYPE);
        if (type == PacketType.DATA) {
            long messageLength = data.messageLength();
            if (messageLength > HomaConstants.MAX_MESSAGE_LENGTH) return reject(Rejection.MESSAGE_TOO_LONG);
            long start = data.offset();
            if (start >= messageLength) return reject(Rejection.DATA_OFFSET_OUT_OF_RANGE);
            if (start + payloadLength() > messageLength) return reject(Rejection.DATA_PAST_MESSAGE_END);
        }
        return true;
    }

    private void reset(boolean frame) {
        rejection = null;
        framed = frame;
        vlanId = -1;
        vlanPcp = -1;
        ipVersion = 0;
        ipOffset = -1;
        priority = -1;
        hijacked = false;
        homaOffset = -1;
        homaLength = 0;
        type = null;
    }

    private boolean reject(Rejection why) {
        rejection = why;
        return false;
    }

    /** Why the last parse failed, or null when it succeeded. */
    public Rejection rejection() { return rejection; }
    /** Whether the last parse was of a whole frame (else a bare Homa packet). */
    public boolean framed() { return framed; }
    /** 802.1Q VLAN id, or -1 when untagged. */
    public int vlanId() { return vlanId; }
    public int vlanPcp() { return vlanPcp; }
    /** 4 or 6; 0 for a bare Homa packet. */
    public int ipVersion() { return ipVersion; }
    public long ipOffset() { return ipOffset; }
    /** Homa priority level from TOS / traffic class bits 7..5, or -1 for a bare packet. */
    public int priority() { return priority; }
    /** Whether the packet came as IP protocol 6 with the hijack marker. */
    public boolean hijacked() { return hijacked; }
    /** Where the Homa header starts. */
    public long homaOffset() { return homaOffset; }
    /** Homa header + payload bytes, from the IP length. */
    public long homaLength() { return homaLength; }
    public PacketType type() { return type; }

    /** DATA payload bytes: the IP payload length minus the 56-byte DATA header; 0 for other types. */
    public long payloadLength() {
        return type == PacketType.DATA ? homaLength - DataView.HEADER_LENGTH : 0;
    }
}
