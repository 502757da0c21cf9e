package org.homanic.rtl.grant;

import org.homanic.hdl.Axis;
import org.homanic.hdl.Bool;
import org.homanic.hdl.Fsm;
import org.homanic.hdl.Module;
import org.homanic.hdl.Stream;
import org.homanic.hdl.UInt;
import org.homanic.protocol.wire.HomaConstants;
import org.homanic.protocol.wire.HomaHeaders;
import org.homanic.protocol.wire.NetHeaders;
import org.homanic.protocol.wire.PacketType;

import java.util.ArrayList;
import java.util.List;

import static org.homanic.hdl.Hdl.*;

/**
 * Turns each {@link GrantDecision} into a complete Ethernet / IPv4-or-IPv6 / Homa GRANT frame on
 * an AXI-Stream (byte 0 of the frame in tdata bits 7..0), the way HomaModule sends control
 * packets: priority level num_priorities − 1 in TOS / traffic-class bits 7..5, IP protocol 146,
 * TTL / hop limit 64, IPv4 DF and identification 0, the hijack markers (flags 0x06, urgent
 * 0xB97D) and a TCP-style checksum over the pseudo-header (protocol 6) and the 33 header bytes.
 * The destination is the message's sender as learned from its DATA packet; the source is this
 * NIC's configured MAC and IP address. The checksums take four registered stages (three of
 * partial sums, one fold) so that no path is deeper than a few LUT levels; one frame every
 * {@code beats + 5} cycles.
 */
public final class GrantBuilder extends Module {
    private static final int HOMA_LEN = HomaHeaders.GRANT.size();           // 33
    private static final int ETH_LEN = NetHeaders.ETHERNET.size();           // 14
    private static final int V4_LEN = ETH_LEN + NetHeaders.IPV4.size() + HOMA_LEN;
    private static final int V6_LEN = ETH_LEN + NetHeaders.IPV6.size() + HOMA_LEN;

    public final Stream<GrantDecision> in;
    public final Axis m_axis;
    public final UInt own_mac = input(UInt(48));
    public final UInt own_ipv4 = input(UInt(32));
    public final UInt own_ipv6 = input(UInt(128));
    public final UInt num_priorities = input(UInt(4));

    enum State { IDLE, SUM, SEND }

    /** Partial sums added per pipeline stage: two adder levels, a few LUT levels (docs/grant-scheduler.md). */
    private static final int SUM_FAN_IN = 4;

    /** A registered checksum and the cycles from its captured inputs to its value. */
    private record Checksum(UInt value, int latency) {}

    public GrantBuilder(int peerBits, int addrBits, int dataWidth) {
        param("DATA_WIDTH", dataWidth);
        int bytesPerBeat = dataWidth / 8;
        int beats = (V6_LEN + bytesPerBeat - 1) / bytesPerBeat;
        in = input(new Stream<>(() -> new GrantDecision(peerBits, addrBits)));
        m_axis = output(new Axis(dataWidth, 1));
        unused(in.payload.peer, in.payload.entry, in.payload.reason);

        Fsm<State> fsm = fsm("state", State.IDLE);
        UInt id = reg("id", UInt(64));
        UInt offset = reg("offset", UInt(32));
        UInt prio = reg("prio", UInt(3));
        UInt mac = reg("dst_mac", UInt(48));
        UInt ip = reg("dst_ip", UInt(128));
        Bool v6 = reg("v6", Bool());
        UInt sport = reg("sport", UInt(16));
        UInt dport = reg("dport", UInt(16));
        UInt level = let("level", num_priorities.sub(1).resize(3));

        // ---- checksums: a pipeline of registered partial sums, then the fold (see checksum()) ------
        List<UInt> ipWords = words(bytes(lit(0x45, 8), cat(level, lit(0, 5)), lit(NetHeaders.IPV4.size() + HOMA_LEN, 16),
                lit(0, 16), lit(0x4000, 16), lit(64, 8), lit(HomaConstants.IPPROTO_HOMA, 8), lit(0, 16), own_ipv4,
                ip.bits(31, 0)));
        List<UInt> homaZero = homaHeader(sport, dport, id, offset, prio, lit(0, 16));
        homaZero.add(lit(0, 8));                                          // pad to an even length
        List<UInt> pseudoV4 = words(bytes(own_ipv4, ip.bits(31, 0), lit(HomaConstants.IPPROTO_TCP, 16), lit(HOMA_LEN, 16)));
        List<UInt> pseudoV6 = words(bytes(own_ipv6, ip, lit(HOMA_LEN, 32), lit(HomaConstants.IPPROTO_TCP, 32)));
        // One word slot per IPv6 pseudo-header word; an IPv4 frame fills the first slots and zeroes
        // the rest, so both versions share one adder tree.
        List<UInt> homaSumWords = words(homaZero);
        for (int i = 0; i < pseudoV6.size(); i++) {
            UInt v4Word = i < pseudoV4.size() ? pseudoV4.get(i) : lit(0, 16);
            homaSumWords.add(mux(v6, pseudoV6.get(i), v4Word));
        }
        Checksum checksumIp = checksum("ip", ipWords);
        Checksum checksumHoma = checksum("homa", homaSumWords);
        int sumCycles = Math.max(checksumIp.latency(), checksumHoma.latency());
        UInt settle = reg("settle", UInt(indexWidth(sumCycles)));

        // ---- the headers as byte lists (frame byte 0 first) --------------------------------------
        List<UInt> homa = homaHeader(sport, dport, id, offset, prio, checksumHoma.value());
        List<UInt> v4 = new ArrayList<>();
        v4.addAll(ethernet(mac, own_mac, NetHeaders.ETHERTYPE_IPV4));
        v4.addAll(bytes(lit(0x45, 8), cat(level, lit(0, 5)), lit(NetHeaders.IPV4.size() + HOMA_LEN, 16), lit(0, 16),
                lit(0x4000, 16), lit(64, 8), lit(HomaConstants.IPPROTO_HOMA, 8), checksumIp.value(), own_ipv4,
                ip.bits(31, 0)));
        v4.addAll(homa);
        List<UInt> v6List = new ArrayList<>();
        v6List.addAll(ethernet(mac, own_mac, NetHeaders.ETHERTYPE_IPV6));
        v6List.addAll(bytes(cat(lit(6, 4), level, lit(0, 1), lit(0, 24)), lit(HOMA_LEN, 16),
                lit(HomaConstants.IPPROTO_HOMA, 8), lit(64, 8), own_ipv6, ip));
        v6List.addAll(homa);

        UInt beat = reg("beat", UInt(indexWidth(beats)));
        UInt frameLen = let("frame_len", mux(v6, lit(V6_LEN, 8), lit(V4_LEN, 8)));
        UInt frame = let("frame", mux(v6, pack(v6List, beats * bytesPerBeat), pack(v4, beats * bytesPerBeat)));

        comb(in.ready, fsm.is(State.IDLE));
        fsm.on(State.IDLE, () -> when(in.valid, () -> {
            GrantDecision d = in.payload;
            sync(id, d.id);
            sync(offset, d.offset.extend(32));
            sync(prio, d.priority);
            sync(mac, d.reply.mac);
            sync(ip, d.reply.ip);
            sync(v6, d.reply.ipv6);
            sync(sport, d.reply.dport);
            sync(dport, d.reply.sport);
            sync(settle, sumCycles - 1);
            fsm.goTo(State.SUM);
        }));
        fsm.on(State.SUM, () -> {
            sync(settle, settle.sub(1));
            sync(beat, 0);
            when(settle.eq(0), () -> fsm.goTo(State.SEND));
        });
        fsm.on(State.SEND, () -> when(m_axis.tready, () -> {
            sync(beat, beat.add(1));
            when(m_axis.tlast, () -> fsm.goTo(State.IDLE));
        }));

        // ---- output beats ---------------------------------------------------------------------------
        UInt data = lit(0, dataWidth);
        for (int b = beats - 1; b >= 0; b--) {
            data = mux(beat.eq(b), frame.bits((b + 1) * dataWidth - 1, b * dataWidth), data);
        }
        UInt beatStart = beat.extend(8).mul(lit(bytesPerBeat, 8)).resize(16);
        UInt left = let("bytes_left", frameLen.extend(16).sub(beatStart));
        Bool lastBeat = let("last_beat", left.le(bytesPerBeat));
        Bool[] lanes = new Bool[bytesPerBeat];
        for (int k = 0; k < bytesPerBeat; k++) {
            lanes[k] = left.gt(k);
        }
        UInt keep = GrantScheduler.catBits(lanes);
        comb(m_axis.tvalid, fsm.is(State.SEND));
        comb(m_axis.tdata, data);
        comb(m_axis.tkeep, keep);
        comb(m_axis.tlast, lastBeat);
        comb(m_axis.tuser, 0);
    }

    private static List<UInt> homaHeader(UInt sport, UInt dport, UInt id, UInt offset, UInt prio, UInt checksum) {
        return bytes(sport, dport, lit(0, 32), lit(0, 24), lit(PacketType.GRANT.code(), 8), lit(0x50, 8),
                lit(HomaConstants.HIJACK_FLAGS, 8), lit(0, 16), checksum, lit(HomaConstants.HIJACK_URGENT, 16), id, offset,
                prio.extend(8));
    }

    private static List<UInt> ethernet(UInt dst, UInt src, int ethertype) {
        return bytes(dst, src, lit(ethertype, 16));
    }

    /** Splits big-endian fields (multiples of 8 bits) into bytes, first byte first. */
    private static List<UInt> bytes(UInt... fields) {
        List<UInt> out = new ArrayList<>();
        for (UInt f : fields) {
            for (int hi = f.width() - 1; hi >= 7; hi -= 8) {
                out.add(f.bits(hi, hi - 7));
            }
        }
        return out;
    }

    private static List<UInt> words(List<UInt> bytes) {
        List<UInt> out = new ArrayList<>();
        for (int i = 0; i < bytes.size(); i += 2) {
            out.add(cat(bytes.get(i), i + 1 < bytes.size() ? bytes.get(i + 1) : lit(0, 8)));
        }
        return out;
    }

    /** Frame bytes into an AXI-Stream vector: byte 0 in bits 7..0; zero beyond the frame. */
    private static UInt pack(List<UInt> bytes, int totalBytes) {
        UInt[] msbFirst = new UInt[totalBytes];
        for (int i = 0; i < totalBytes; i++) {
            msbFirst[totalBytes - 1 - i] = i < bytes.size() ? bytes.get(i) : lit(0, 8);
        }
        return cat(msbFirst);
    }

    /** A balanced adder tree. */
    private static UInt sum(List<UInt> words, int width) {
        List<UInt> level = new ArrayList<>();
        for (UInt w : words) level.add(w.extend(width));
        while (level.size() > 1) {
            List<UInt> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                next.add(i + 1 < level.size() ? level.get(i).add(level.get(i + 1)) : level.get(i));
            }
            level = next;
        }
        return level.getFirst();
    }

    /**
     * The Internet checksum of {@code words} (16 bits each), as a pipeline: each stage registers
     * sums of {@link #SUM_FAN_IN} values of the stage before (wide enough never to overflow, so
     * the carries are folded once, at the end), the last stage folds the total and complements
     * it. It runs every cycle; its inputs hold still from the capture until the frame is sent,
     * so {@code latency} cycles after the capture the value is this frame's.
     */
    private Checksum checksum(String name, List<UInt> words) {
        List<UInt> values = new ArrayList<>(words);
        List<Integer> counts = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) counts.add(1);
        int stage = 0;
        while (values.size() > 1) {
            stage++;
            List<UInt> nextValues = new ArrayList<>();
            List<Integer> nextCounts = new ArrayList<>();
            for (int i = 0; i < values.size(); i += SUM_FAN_IN) {
                int end = Math.min(i + SUM_FAN_IN, values.size());
                int count = counts.subList(i, end).stream().mapToInt(Integer::intValue).sum();
                int width = 16 + indexWidth(count);
                UInt partial = reg(name + "_sum" + stage + "_" + nextValues.size(), UInt(width));
                sync(partial, sum(values.subList(i, end), width));
                nextValues.add(partial);
                nextCounts.add(count);
            }
            values = nextValues;
            counts = nextCounts;
        }
        UInt value = reg(name + "_csum", UInt(16));
        sync(value, fold(values.getFirst()).not());
        return new Checksum(value, stage + 1);
    }

    /** One's-complement fold of a sum into 16 bits. */
    private static UInt fold(UInt s) {
        UInt once = s.bits(15, 0).extend(17).add(s.bits(s.width() - 1, 16).extend(17));
        return once.bits(15, 0).add(once.bit(16).extend(16));
    }
}
