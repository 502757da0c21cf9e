package org.homanic.protocol.wire;

import java.lang.foreign.MemorySegment;

/**
 * Wraps a Homa packet in Ethernet (optionally one 802.1Q tag) and IPv4 or IPv6, the way
 * HomaModule sends it: priority level in TOS / traffic-class bits 7..5, IP protocol 146, or 6
 * in TCP-hijack mode. Configure once, then {@link #write} many packets.
 */
public final class FrameBuilder {
    private long dstMac = 0x02_00_00_00_00_02L;
    private long srcMac = 0x02_00_00_00_00_01L;
    private int vlanId = -1;
    private int vlanPcp;
    private boolean ipv6;
    private byte[] srcIp = {10, 0, 0, 1};
    private byte[] dstIp = {10, 0, 0, 2};
    private int priority;
    private boolean hijack;
    private int ipId;
    private int ttl = 64;

    public FrameBuilder macs(long src, long dst) { srcMac = src; dstMac = dst; return this; }

    /** Adds one 802.1Q tag; {@code vid} -1 removes it. */
    public FrameBuilder vlan(int vid, int pcp) { vlanId = vid; vlanPcp = pcp; return this; }

    /** Source and destination addresses: both 4 bytes (IPv4) or both 16 bytes (IPv6). */
    public FrameBuilder addresses(byte[] src, byte[] dst) {
        if (src.length != dst.length || (src.length != 4 && src.length != 16)) {
            throw new IllegalArgumentException("addresses must both be IPv4 (4 bytes) or IPv6 (16 bytes)");
        }
        srcIp = src.clone();
        dstIp = dst.clone();
        ipv6 = src.length == 16;
        return this;
    }

    /** Priority level 0..7 placed in TOS / traffic-class bits 7..5. */
    public FrameBuilder priority(int level) {
        if (level < 0 || level >= HomaConstants.MAX_PRIORITIES) throw new IllegalArgumentException("priority " + level);
        priority = level;
        return this;
    }

    /** Send as IP protocol 6 (TCP hijack) instead of 146. The Homa header must carry the marker. */
    public FrameBuilder hijack(boolean on) { hijack = on; return this; }

    public FrameBuilder ipId(int id) { ipId = id & 0xFFFF; return this; }

    /** Bytes of Ethernet + tag + IP header in front of the Homa packet. */
    public int headerLength() {
        return NetHeaders.ETHERNET.size() + (vlanId >= 0 ? NetHeaders.VLAN.size() : 0)
                + (ipv6 ? NetHeaders.IPV6.size() : NetHeaders.IPV4.size());
    }

    /** Writes the frame at {@code out[outOffset]}; returns its length. */
    public int write(MemorySegment homa, long homaOffset, int homaLength, MemorySegment out, long outOffset) {
        long at = outOffset;
        NetHeaders.ETHERNET.field("dst").set(out, at, dstMac);
        NetHeaders.ETHERNET.field("src").set(out, at, srcMac);
        int ethertype = ipv6 ? NetHeaders.ETHERTYPE_IPV6 : NetHeaders.ETHERTYPE_IPV4;
        if (vlanId >= 0) {
            NetHeaders.ETHERNET.field("ethertype").set(out, at, NetHeaders.ETHERTYPE_VLAN);
            at += NetHeaders.ETHERNET.size();
            NetHeaders.VLAN.field("pcp").set(out, at, vlanPcp);
            NetHeaders.VLAN.field("dei").set(out, at, 0);
            NetHeaders.VLAN.field("vid").set(out, at, vlanId);
            NetHeaders.VLAN.field("ethertype").set(out, at, ethertype);
            at += NetHeaders.VLAN.size();
        } else {
            NetHeaders.ETHERNET.field("ethertype").set(out, at, ethertype);
            at += NetHeaders.ETHERNET.size();
        }
        int protocol = hijack ? HomaConstants.IPPROTO_TCP : HomaConstants.IPPROTO_HOMA;
        if (ipv6) {
            HeaderLayout l = NetHeaders.IPV6;
            l.field("version").set(out, at, 6);
            l.field("priority").set(out, at, priority);
            l.field("tc_low").set(out, at, 0);
            l.field("flow_label").set(out, at, 0);
            l.field("payload_length").set(out, at, homaLength);
            l.field("next_header").set(out, at, protocol);
            l.field("hop_limit").set(out, at, ttl);
            MemorySegment.copy(MemorySegment.ofArray(srcIp), 0, out, at + l.field("src").offset(), 16);
            MemorySegment.copy(MemorySegment.ofArray(dstIp), 0, out, at + l.field("dst").offset(), 16);
            at += l.size();
        } else {
            HeaderLayout l = NetHeaders.IPV4;
            l.field("version").set(out, at, 4);
            l.field("ihl").set(out, at, l.size() / 4);
            l.field("priority").set(out, at, priority);
            l.field("tos_low").set(out, at, 0);
            l.field("total_length").set(out, at, l.size() + homaLength);
            l.field("identification").set(out, at, ipId);
            l.field("flags").set(out, at, 0b010); // DF
            l.field("fragment_offset").set(out, at, 0);
            l.field("ttl").set(out, at, ttl);
            l.field("protocol").set(out, at, protocol);
            l.field("header_checksum").set(out, at, 0);
            MemorySegment.copy(MemorySegment.ofArray(srcIp), 0, out, at + l.field("src").offset(), 4);
            MemorySegment.copy(MemorySegment.ofArray(dstIp), 0, out, at + l.field("dst").offset(), 4);
            l.field("header_checksum").set(out, at, Checksums.checksum(out, at, l.size()));
            at += l.size();
        }
        MemorySegment.copy(homa, homaOffset, out, at, homaLength);
        return (int) (at - outOffset) + homaLength;
    }

    /** Convenience form for byte arrays. */
    public byte[] build(byte[] homa) {
        byte[] frame = new byte[headerLength() + homa.length];
        write(MemorySegment.ofArray(homa), 0, homa.length, MemorySegment.ofArray(frame), 0);
        return frame;
    }
}
