package org.homanic.rtl.classifier;

import org.homanic.protocol.wire.Checksums;
import org.homanic.protocol.wire.DataView;
import org.homanic.protocol.wire.FrameBuilder;
import org.homanic.protocol.wire.HomaConstants;
import org.homanic.protocol.wire.HomaHeaders;
import org.homanic.protocol.wire.HomaView;
import org.homanic.protocol.wire.NetHeaders;
import org.homanic.protocol.wire.PacketType;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

/**
 * Random receive traffic for the ingress classifier: valid Homa packets of every type and size
 * (IPv4 with or without options, IPv6, with or without an 802.1Q tag, IP protocol 146 or
 * hijacked TCP), other traffic (ARP, UDP, plain TCP, fragments, QinQ), and mutated frames
 * (truncated, bytes flipped, bad checksums, bad lengths, bad types, random bytes).
 */
public final class IngressTraffic {
    /** One frame and the MAC's bad-frame bit. */
    public record Frame(byte[] bytes, boolean bad) {}

    private final SplittableRandom rnd;
    private final int maxFrame;
    private final byte[][] peersV4 = new byte[6][];
    private final byte[][] peersV6 = new byte[6][];

    private final boolean egress;

    public IngressTraffic(long seed, int maxFrame) {
        this(seed, maxFrame, false);
    }

    /** {@code egress}: frames this host sends (the peer is the destination address). */
    public IngressTraffic(long seed, int maxFrame, boolean egress) {
        this.rnd = new SplittableRandom(seed);
        this.maxFrame = maxFrame;
        this.egress = egress;
        for (int i = 0; i < peersV4.length; i++) {
            peersV4[i] = new byte[] {10, 0, (byte) rnd.nextInt(256), (byte) rnd.nextInt(256)};
            peersV6[i] = new byte[16];
            rnd.nextBytes(peersV6[i]);
        }
    }

    public IngressTraffic(long seed) {
        this(seed, 9018);
    }

    /** 60% valid Homa, 15% other traffic, 25% mutated or bad frames. */
    public Frame next() {
        int pick = rnd.nextInt(100);
        if (pick < 60) return new Frame(validHoma(), false);
        if (pick < 75) return new Frame(other(), false);
        return mutated();
    }

    /** A valid Homa frame of a random kind. */
    public byte[] validHoma() {
        PacketType[] types = PacketType.values();
        PacketType type = rnd.nextInt(2) == 0 ? PacketType.DATA : types[rnd.nextInt(types.length)];
        boolean v6 = rnd.nextBoolean();
        boolean vlan = rnd.nextInt(3) == 0;
        boolean hijack = rnd.nextInt(3) == 0;
        int options = !v6 && rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(10) : 0;
        int overhead = NetHeaders.ETHERNET.size() + (vlan ? 4 : 0) + (v6 ? 40 : 20 + 4 * options);
        int header = type == PacketType.DATA ? HomaHeaders.DATA.size() : type.minLength();
        int payload = 0;
        if (type == PacketType.DATA) {
            int room = maxFrame - overhead - header;
            int size = rnd.nextInt(10);
            payload = size < 5 ? rnd.nextInt(Math.min(room, 200) + 1)
                    : size < 9 ? rnd.nextInt(Math.min(room, 1500) + 1) : rnd.nextInt(room + 1);
        }
        byte[] homa = new byte[header + payload];
        rnd.nextBytes(homa);
        MemorySegment seg = MemorySegment.ofArray(homa);
        int idx = rnd.nextInt(peersV4.length);
        long id = (rnd.nextInt(64) + 1L) * 2 + (rnd.nextBoolean() ? 1 : 0);
        new HomaView().wrap(seg, 0).initCommon(type, 1 + rnd.nextInt(65535), 1 + rnd.nextInt(65535), id);
        if (!hijack && rnd.nextBoolean()) {
            new HomaView().wrap(seg, 0).flags(rnd.nextInt(256)).urgent(rnd.nextInt(65536));
        }
        if (type == PacketType.DATA) {
            DataView d = new DataView().wrap(seg, 0);
            long offset = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(900_000);
            long msg = offset + payload + (rnd.nextBoolean() ? 0 : rnd.nextInt(1 + 1_000_000 - (int) (offset + payload)));
            if (msg == 0) msg = 1;
            d.messageLength(msg).incoming(rnd.nextInt(1_000_001)).retransmit(rnd.nextInt(4) == 0 ? 1 : 0);
            if (rnd.nextBoolean()) {
                d.segOffset(HomaConstants.OFFSET_IN_SEQUENCE).sequence(offset);
            } else {
                d.segOffset(offset).sequence(rnd.nextInt());
            }
        }
        FrameBuilder fb = new FrameBuilder().priority(rnd.nextInt(8)).hijack(hijack).ipId(rnd.nextInt(65536));
        byte[] local = v6 ? new byte[16] : new byte[] {10, 0, 0, 99};
        byte[] peer = v6 ? peersV6[idx] : peersV4[idx];
        if (egress) {
            fb.addresses(local, peer);
        } else {
            fb.addresses(peer, local);
        }
        if (vlan) fb.vlan(rnd.nextInt(4096), rnd.nextInt(8));
        byte[] frame = fb.build(homa);
        if (options > 0) frame = withOptions(frame, vlan, options);
        return pad(frame);
    }

    /** Other traffic: ARP, UDP and plain TCP over IPv4/IPv6, IPv4 fragments, QinQ. */
    public byte[] other() {
        byte[] f;
        switch (rnd.nextInt(5)) {
            case 0 -> { // ARP-like
                f = new byte[60];
                rnd.nextBytes(f);
                NetHeaders.ETHERNET.field("ethertype").set(MemorySegment.ofArray(f), 0, 0x0806);
            }
            case 1 -> f = ipWithProtocol(17, false);   // UDP
            case 2 -> f = ipWithProtocol(6, false);    // TCP without the hijack marker
            case 3 -> f = ipWithProtocol(146, true);   // an IPv4 fragment
            default -> {
                f = validHoma();
                NetHeaders.ETHERNET.field("ethertype").set(MemorySegment.ofArray(f), 0, NetHeaders.ETHERTYPE_QINQ);
            }
        }
        return pad(f);
    }

    private byte[] ipWithProtocol(int protocol, boolean fragment) {
        byte[] f = validHoma();
        MemorySegment s = MemorySegment.ofArray(f);
        int at = NetHeaders.ETHERNET.field("ethertype").get(s, 0) == NetHeaders.ETHERTYPE_VLAN ? 18 : 14;
        if (NetHeaders.IPV4.field("version").get(s, at) == 4) {
            NetHeaders.IPV4.field("protocol").set(s, at, protocol);
            if (fragment) NetHeaders.IPV4.field("flags").set(s, at, 1);
            fixChecksum(s, at);
        } else {
            NetHeaders.IPV6.field("next_header").set(s, at, protocol);
        }
        if (protocol == 6) {
            int hl = NetHeaders.IPV4.field("version").get(s, at) == 4
                    ? (int) NetHeaders.IPV4.field("ihl").get(s, at) * 4 : 40;
            NetHeaders.TCP_HIJACK.field("flags").set(s, at + hl, 0x18);
        }
        return f;
    }

    /** A valid frame broken in one random way, or marked bad by the MAC. */
    public Frame mutated() {
        byte[] f = validHoma();
        MemorySegment s = MemorySegment.ofArray(f);
        int at = NetHeaders.ETHERNET.field("ethertype").get(s, 0) == NetHeaders.ETHERTYPE_VLAN ? 18 : 14;
        boolean v4 = NetHeaders.IPV4.field("version").get(s, at) == 4;
        int hl = v4 ? (int) NetHeaders.IPV4.field("ihl").get(s, at) * 4 : 40;
        int homa = at + hl;
        switch (rnd.nextInt(11)) {
            case 0 -> f = java.util.Arrays.copyOf(f, 1 + rnd.nextInt(Math.min(f.length, 150)));
            case 1 -> { // flip a header byte
                int i = rnd.nextInt(Math.min(f.length, homa + 60));
                f[i] ^= (byte) (1 << rnd.nextInt(8));
            }
            case 2 -> { // bad checksum, or a lying IP length with a good checksum
                if (v4) {
                    NetHeaders.IPV4.field("header_checksum").set(s, at, rnd.nextInt(65536));
                } else {
                    NetHeaders.IPV6.field("payload_length").set(s, at, rnd.nextInt(65536));
                }
            }
            case 3 -> {
                if (v4) {
                    NetHeaders.IPV4.field("total_length").set(s, at, rnd.nextInt(f.length - at + 40));
                    fixChecksum(s, at);
                } else {
                    NetHeaders.IPV6.field("payload_length").set(s, at, rnd.nextInt(f.length - at));
                }
            }
            case 4 -> HomaHeaders.COMMON.field("type").set(s, homa, rnd.nextInt(256));
            case 5 -> { // DATA fields out of range
                if (HomaHeaders.COMMON.field("type").get(s, homa) == PacketType.DATA.code()) {
                    DataView d = new DataView().wrap(s, homa);
                    switch (rnd.nextInt(3)) {
                        case 0 -> d.messageLength(1_000_001L + rnd.nextInt(1 << 20));
                        case 1 -> d.messageLength(rnd.nextInt((int) Math.max(1, d.offset() + 1)));
                        default -> d.segOffset(d.messageLength() - rnd.nextInt(3));
                    }
                }
            }
            case 6 -> { // random bytes
                f = new byte[1 + rnd.nextInt(200)];
                rnd.nextBytes(f);
                if (rnd.nextBoolean() && f.length >= 14) {
                    NetHeaders.ETHERNET.field("ethertype").set(MemorySegment.ofArray(f), 0,
                            rnd.nextBoolean() ? NetHeaders.ETHERTYPE_IPV4 : NetHeaders.ETHERTYPE_IPV6);
                }
            }
            case 7 -> { // IPv4 IHL below 5 or a wrong version
                if (v4) {
                    NetHeaders.IPV4.field("ihl").set(s, at, rnd.nextInt(5));
                } else {
                    NetHeaders.IPV6.field("version").set(s, at, rnd.nextInt(16));
                }
            }
            case 8 -> { // cut the Homa header short (IP length too)
                int keep = rnd.nextInt(Math.min(60, f.length - homa) + 1);
                f = java.util.Arrays.copyOf(f, homa + keep);
                s = MemorySegment.ofArray(f);
                if (v4) {
                    NetHeaders.IPV4.field("total_length").set(s, at, hl + keep);
                    fixChecksum(s, at);
                } else {
                    NetHeaders.IPV6.field("payload_length").set(s, at, keep);
                }
            }
            case 9 -> { // stacked VLAN tags
                byte[] g = new byte[f.length + 4];
                System.arraycopy(f, 0, g, 0, 12);
                System.arraycopy(f, 12, g, 16, f.length - 12);
                MemorySegment gs = MemorySegment.ofArray(g);
                NetHeaders.ETHERNET.field("ethertype").set(gs, 0, NetHeaders.ETHERTYPE_VLAN);
                NetHeaders.VLAN.field("ethertype").set(gs, 14, NetHeaders.ETHERTYPE_VLAN);
                f = g;
            }
            default -> {
                return new Frame(f, true);
            }
        }
        return new Frame(f, false);
    }

    private byte[] withOptions(byte[] frame, boolean vlan, int words) {
        int at = NetHeaders.ETHERNET.size() + (vlan ? 4 : 0);
        byte[] g = new byte[frame.length + 4 * words];
        System.arraycopy(frame, 0, g, 0, at + 20);
        for (int i = 0; i < 4 * words; i++) g[at + 20 + i] = (byte) (rnd.nextBoolean() ? 1 : rnd.nextInt(256));
        System.arraycopy(frame, at + 20, g, at + 20 + 4 * words, frame.length - at - 20);
        MemorySegment s = MemorySegment.ofArray(g);
        NetHeaders.IPV4.field("ihl").set(s, at, 5 + words);
        NetHeaders.IPV4.field("total_length").set(s, at, NetHeaders.IPV4.field("total_length").get(s, at) + 4L * words);
        fixChecksum(s, at);
        return g;
    }

    private static void fixChecksum(MemorySegment s, int at) {
        int len = (int) NetHeaders.IPV4.field("ihl").get(s, at) * 4;
        if (len < 20 || at + len > s.byteSize()) return;
        NetHeaders.IPV4.field("header_checksum").set(s, at, 0);
        NetHeaders.IPV4.field("header_checksum").set(s, at, Checksums.checksum(s, at, len));
    }

    /** Peer {@code i} of the pool as the 16-byte key the classifier uses (IPv4 v4-mapped). */
    public byte[] peerKey(int i, boolean v6) {
        if (v6) return peersV6[i].clone();
        byte[] k = new byte[16];
        k[10] = (byte) 0xFF;
        k[11] = (byte) 0xFF;
        System.arraycopy(peersV4[i], 0, k, 12, 4);
        return k;
    }

    public int peers() { return peersV4.length; }

    /** Ethernet minimum (60 bytes without FCS), sometimes with extra random trailer bytes. */
    private byte[] pad(byte[] f) {
        int extra = rnd.nextInt(8) == 0 ? rnd.nextInt(16) : 0;
        int len = Math.min(maxFrame, Math.max(60, f.length) + extra);
        if (len <= f.length) return f;
        byte[] g = java.util.Arrays.copyOf(f, len);
        for (int i = f.length; i < len; i++) g[i] = (byte) rnd.nextInt(256);
        return g;
    }
}
