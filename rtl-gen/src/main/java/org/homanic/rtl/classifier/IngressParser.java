package org.homanic.rtl.classifier;

import org.homanic.hdl.Bits;
import org.homanic.hdl.Bool;
import org.homanic.hdl.Module;
import org.homanic.hdl.UInt;
import org.homanic.protocol.wire.Field;
import org.homanic.protocol.wire.HomaConstants;
import org.homanic.protocol.wire.HomaHeaders;
import org.homanic.protocol.wire.NetHeaders;
import org.homanic.protocol.wire.PacketType;
import org.homanic.protocol.wire.Rejection;

import java.util.ArrayList;
import java.util.List;

import static org.homanic.hdl.Hdl.*;
import static org.homanic.rtl.classifier.ByteVec.bytes;
import static org.homanic.rtl.classifier.ByteVec.field;

/**
 * Parse and validate stages of the ingress classifier: five register stages after the header
 * capture, taking one frame per cycle. Every check of {@code FrameParser} is computed in
 * parallel, each only from the fields it needs; the last stage picks the first failing check
 * in FrameParser's order, so the reason is the reference's. Field positions come from the
 * protocol module's layouts.
 *
 * <ol>
 *   <li>frame length from the last beat's keep; Ethernet / 802.1Q; L3 aligned (shift by 0 or 4 bytes)</li>
 *   <li>IPv4 / IPv6 fields and L2/L3 checks; Homa header aligned (16-way byte shift by IHL);
 *       IPv4 checksum in six partial sums</li>
 *   <li>Homa common / DATA fields and checks; checksum partial sums added</li>
 *   <li>length and offset comparisons; queue hash; checksum folded and compared</li>
 *   <li>first failing check → reason; drop / pass decision; metadata</li>
 * </ol>
 */
public final class IngressParser extends Module {
    /** Register stages from the token to the verdict. */
    public static final int LATENCY = 5;

    public final Bool tokenValid = input("token_valid", Bool());
    public final UInt header;
    public final UInt tokenBeats;
    public final UInt tokenKeep;
    public final Bool tokenBad = input("token_bad", Bool());

    public final Bool outValid = output("out_valid", Bool());
    /** Drop the frame: marked bad by the MAC, or a rejection not in {@link IngressPolicy#PASS_THROUGH}. */
    public final Bool outDrop = output("out_drop", Bool());
    public final Bool outBad = output("out_bad", Bool());
    /** 0 = valid Homa, else {@link IngressPolicy#code}. */
    public final UInt outReason = output("out_reason", UInt(IngressPolicy.reasonBits()));
    public final IngressMeta outMeta = output("out_meta", new IngressMeta());

    private static final Field ETHERTYPE = NetHeaders.ETHERNET.field("ethertype");
    private static final Field VLAN_ETHERTYPE = NetHeaders.VLAN.field("ethertype");

    private final List<Bool> checks = new ArrayList<>();
    private final List<Rejection> reasons = new ArrayList<>();

    /** Fields the egress side needs to rewrite the priority, and what the egress tables learn. */
    public final Bool outIpv4Homa = output("out_ipv4_homa", Bool());
    public final UInt outTosLow = output("out_tos_low", UInt(5));
    public final UInt outByte0 = output("out_byte0", UInt(8));
    public final UInt outFlowHigh = output("out_flow_high", UInt(4));
    /** IPv4: ones'-complement sum of the header without word 0 and the checksum word. */
    public final UInt outCsumRest = output("out_csum_rest", UInt(16));
    public final LearnEvent outLearn = output("out_learn", new LearnEvent());

    public IngressParser(int dataWidth, int captureBeats, int queues) {
        this(dataWidth, captureBeats, queues, false);
    }

    /**
     * {@code egress}: parse frames the host sends, so the peer is the destination address and
     * the RPC id is sender_id itself (ingress: source address, sender_id XOR 1).
     */
    public IngressParser(int dataWidth, int captureBeats, int queues, boolean egress) {
        param("EGRESS", egress ? 1 : 0);
        param("DATA_WIDTH", dataWidth);
        param("CAPTURE_BEATS", captureBeats);
        param("QUEUES", queues);
        int beatBytes = dataWidth / 8;
        int lb = clog2(beatBytes);
        int capture = captureBeats * beatBytes;
        int iw = HeaderCapture.beatIndexWidth(beatBytes);
        header = input("header", UInt(8 * capture));
        tokenBeats = input("token_beats", UInt(iw));
        tokenKeep = input("token_keep", UInt(beatBytes));
        int l2Max = NetHeaders.ETHERNET.size() + NetHeaders.VLAN.size();
        // L3 bytes looked at: the largest IPv4 header, then the Homa bytes read.
        int l3Bytes = 15 * 4 + IngressPolicy.homaBytes();
        int homaBytes = IngressPolicy.homaBytes();

        // ---- stage 1: frame length, Ethernet, 802.1Q, L3 alignment ----
        UInt lastBytes = lastLaneCount(tokenKeep, beatBytes);
        UInt frameLen = cat(tokenBeats, lit(0, lb)).add(lastBytes.extend(20));
        UInt et = field(header, 0, ETHERTYPE);
        UInt inner = field(header, NetHeaders.ETHERNET.size(), VLAN_ETHERTYPE);
        Bool vlan = et.eq(NetHeaders.ETHERTYPE_VLAN);
        Bool s1Valid = stage("s1_valid", tokenValid);
        Bool s1Bad = stage("s1_bad", tokenBad);
        UInt s1Len = stage("s1_len", frameLen);
        Bool s1Vlan = stage("s1_vlan", vlan);
        Bool s1Qinq = stage("s1_qinq", et.eq(NetHeaders.ETHERTYPE_QINQ));
        Bool s1StackedInner = stage("s1_stacked_inner",
                vlan.and(inner.eq(NetHeaders.ETHERTYPE_VLAN).or(inner.eq(NetHeaders.ETHERTYPE_QINQ))));
        UInt s1Et = stage("s1_ethertype", mux(vlan, inner, et));
        UInt s1L3 = stage("s1_l3", mux(vlan, bytes(header, l2Max, l3Bytes),
                bytes(header, NetHeaders.ETHERNET.size(), l3Bytes)));

        // ---- stage 2: IP ----
        UInt v4Version = field(s1L3, 0, NetHeaders.IPV4.field("version"));
        UInt ihl = let("ihl", field(s1L3, 0, NetHeaders.IPV4.field("ihl")));
        UInt total = field(s1L3, 0, NetHeaders.IPV4.field("total_length"));
        UInt v6Version = field(s1L3, 0, NetHeaders.IPV6.field("version"));
        UInt payload = field(s1L3, 0, NetHeaders.IPV6.field("payload_length"));
        Bool isV4 = let("is_v4", s1Et.eq(NetHeaders.ETHERTYPE_IPV4));
        Bool isV6 = let("is_v6", s1Et.eq(NetHeaders.ETHERTYPE_IPV6));
        UInt ihl4 = cat(ihl, lit(0, 2));
        UInt l3Off = mux(s1Vlan, lit(l2Max, 5), lit(NetHeaders.ETHERNET.size(), 5));
        int v4Min = NetHeaders.IPV4.size(), v6Hdr = NetHeaders.IPV6.size();
        Bool ipTruncMin = isV4.and(mux(s1Vlan, s1Len.lt(l2Max + v4Min), s1Len.lt(l2Max - 4 + v4Min)))
                .or(isV6.and(mux(s1Vlan, s1Len.lt(l2Max + v6Hdr), s1Len.lt(l2Max - 4 + v6Hdr))));
        Bool verBad = isV4.and(v4Version.ne(4)).or(isV6.and(v6Version.ne(6)));
        Bool truncHdr = isV4.and(s1Len.lt(l3Off.extend(20).add(ihl4.extend(20))));
        Bool v4LenBad = total.lt(ihl4.extend(16)).or(total.extend(20).add(l3Off.extend(20)).gt(s1Len));
        Bool v6LenBad = payload.extend(20).add(mux(s1Vlan, lit(l2Max + v6Hdr, 20), lit(l2Max - 4 + v6Hdr, 20))).gt(s1Len);
        Bool frag = field(s1L3, 0, NetHeaders.IPV4.field("flags")).bit(0)
                .or(field(s1L3, 0, NetHeaders.IPV4.field("fragment_offset")).ne(0));
        String addr = egress ? "dst" : "src";
        UInt v4Src = field(s1L3, 0, NetHeaders.IPV4.field(addr));
        UInt v6Src = field(s1L3, 0, NetHeaders.IPV6.field(addr));

        UInt homaSel = mux(isV4, ihl, lit(v6Hdr / 4, 4));
        UInt homa = wire("homa_bytes", UInt(8 * homaBytes));
        comb(homa, lit(0, 8 * homaBytes));
        switchOn(homaSel, s -> {
            for (int k = 0; k < 16; k++) {
                if (4 * k + homaBytes <= l3Bytes) {
                    UInt slice = bytes(s1L3, 4 * k, homaBytes);
                    s.is(k, () -> comb(homa, slice));
                }
            }
        });
        // IPv4 header checksum: 30 words, those beyond IHL masked, six partial sums of five.
        UInt[] partial = new UInt[6];
        for (int g = 0; g < 6; g++) {
            UInt sum = null;
            for (int i = 5 * g; i < 5 * g + 5; i++) {
                UInt word = cat(ByteVec.byteAt(s1L3, 2 * i), ByteVec.byteAt(s1L3, 2 * i + 1));
                UInt masked = mux(ihl.gt(i / 2), word, lit(0, 16)).extend(19);
                sum = sum == null ? masked : sum.add(masked);
            }
            partial[g] = sum;
        }

        Bool s2Valid = stage("s2_valid", s1Valid);
        Bool s2Bad = stage("s2_bad", s1Bad);
        UInt s2Len = stage("s2_len", s1Len);
        Bool s2Vlan = stage("s2_vlan", s1Vlan);
        Bool s2V4 = stage("s2_v4", isV4);
        Bool s2V6 = stage("s2_v6", isV6);
        Bool cEthTrunc = stage("s2_c_eth_trunc", s1Len.lt(NetHeaders.ETHERNET.size()));
        Bool cStackOuter = stage("s2_c_stack_outer", s1Qinq);
        Bool cVlanTrunc = stage("s2_c_vlan_trunc", s1Vlan.and(s1Len.lt(l2Max)));
        Bool cStackInner = stage("s2_c_stack_inner", s1StackedInner);
        Bool cNotIp = stage("s2_c_not_ip", isV4.not().and(isV6.not()));
        Bool cIpTrunc = stage("s2_c_ip_trunc", ipTruncMin);
        Bool cVerBad = stage("s2_c_ver_bad", verBad);
        Bool cIhlBad = stage("s2_c_ihl_bad", isV4.and(ihl.lt(5)));
        Bool cTruncHdr = stage("s2_c_trunc_hdr", truncHdr);
        Bool cLenBad = stage("s2_c_len_bad", isV4.and(v4LenBad).or(isV6.and(v6LenBad)));
        Bool cFrag = stage("s2_c_frag", isV4.and(frag));
        UInt s2Proto = stage("s2_proto", mux(isV4, field(s1L3, 0, NetHeaders.IPV4.field("protocol")),
                field(s1L3, 0, NetHeaders.IPV6.field("next_header"))));
        UInt s2Prio = stage("s2_prio", mux(isV4, field(s1L3, 0, NetHeaders.IPV4.field("priority")),
                field(s1L3, 0, NetHeaders.IPV6.field("priority"))));
        UInt s2HomaLen = stage("s2_homa_len", mux(isV4, total.sub(ihl4.extend(16)), payload));
        UInt s2Peer = stage("s2_peer", mux(isV4, cat(lit(0, 80), lit(0xFFFF, 16), v4Src), v6Src));
        UInt s2Homa = stage("s2_homa", homa);
        UInt s2TosLow = stage("s2_tos_low", mux(isV4, field(s1L3, 0, NetHeaders.IPV4.field("tos_low")),
                field(s1L3, 0, NetHeaders.IPV6.field("tc_low"))));
        UInt s2Byte0 = stage("s2_byte0", ByteVec.byteAt(s1L3, 0));
        UInt s2FlowHigh = stage("s2_flow_high", ByteVec.byteAt(s1L3, 1).bits(3, 0));
        UInt s2NotW0W5 = stage("s2_not_w0_w5", cat(ByteVec.byteAt(s1L3, 0), ByteVec.byteAt(s1L3, 1)).not().extend(17)
                .add(cat(ByteVec.byteAt(s1L3, 10), ByteVec.byteAt(s1L3, 11)).not().extend(17)));
        UInt[] s2Partial = new UInt[6];
        for (int g = 0; g < 6; g++) {
            s2Partial[g] = stage("s2_csum_" + g, partial[g]);
        }

        // ---- stage 3: Homa ----
        UInt type = field(s2Homa, 0, HomaHeaders.COMMON.field("type"));
        UInt homaLen = s2HomaLen;
        Bool isTcp = s2Proto.eq(HomaConstants.IPPROTO_TCP);
        Bool marker = field(s2Homa, 0, NetHeaders.TCP_HIJACK.field("flags")).eq(HomaConstants.HIJACK_FLAGS)
                .and(field(s2Homa, 0, NetHeaders.TCP_HIJACK.field("urgent")).eq(HomaConstants.HIJACK_URGENT));
        UInt minLen = wire("min_len", UInt(8));
        comb(minLen, lit(0, 8));
        switchOn(type, s -> {
            for (PacketType pt : PacketType.values()) {
                s.is(pt.code(), () -> comb(minLen, lit(pt.minLength(), 8)));
            }
        });
        UInt segOffset = field(s2Homa, 0, HomaHeaders.DATA.field("seg.offset"));
        UInt offset = mux(segOffset.eq(HomaConstants.OFFSET_IN_SEQUENCE),
                field(s2Homa, 0, HomaHeaders.COMMON.field("sequence")), segOffset);
        UInt msgLen = field(s2Homa, 0, HomaHeaders.DATA.field("message_length"));
        UInt csum = s2Partial[0].extend(22);
        for (int g = 1; g < 6; g++) {
            csum = csum.add(s2Partial[g].extend(22));
        }

        Bool s3Valid = stage("s3_valid", s2Valid);
        Bool s3Bad = stage("s3_bad", s2Bad);
        UInt s3Len = stage("s3_len", s2Len);
        Bool s3Vlan = stage("s3_vlan", s2Vlan);
        Bool s3V4 = stage("s3_v4", s2V4);
        Bool s3V6 = stage("s3_v6", s2V6);
        Bool s3Tcp = stage("s3_tcp", isTcp);
        Bool cNotHoma = stage("s3_c_not_homa", isTcp.not().and(s2Proto.ne(HomaConstants.IPPROTO_HOMA)));
        Bool cNotHijacked = stage("s3_c_not_hijacked",
                isTcp.and(homaLen.lt(NetHeaders.TCP_HIJACK.size()).or(marker.not())));
        Bool cHomaTrunc = stage("s3_c_homa_trunc", homaLen.lt(HomaHeaders.COMMON.size()));
        Bool cTypeBad = stage("s3_c_type_bad", type.lt(PacketType.MIN_CODE).or(type.gt(PacketType.MAX_CODE)));
        Bool s3Data = stage("s3_data", type.eq(PacketType.DATA.code()));
        Bool cTooLong = stage("s3_c_too_long", msgLen.gt(HomaConstants.MAX_MESSAGE_LENGTH));
        UInt s3MinLen = stage("s3_min_len", minLen);
        UInt s3HomaLen = stage("s3_homa_len", homaLen);
        UInt s3PayloadLen = stage("s3_payload_len", homaLen.sub(HomaHeaders.DATA.size()));
        UInt s3Offset = stage("s3_offset", offset);
        UInt s3MsgLen = stage("s3_msg_len", msgLen);
        UInt s3Prio = stage("s3_prio", s2Prio);
        UInt s3Type = stage("s3_type", type);
        UInt s3Peer = stage("s3_peer", s2Peer);
        UInt s3Sport = stage("s3_sport", field(s2Homa, 0, HomaHeaders.COMMON.field("sport")));
        UInt s3Dport = stage("s3_dport", field(s2Homa, 0, HomaHeaders.COMMON.field("dport")));
        UInt senderId = field(s2Homa, 0, HomaHeaders.COMMON.field("sender_id"));
        UInt s3LocalId = stage("s3_local_id", egress ? senderId : senderId.xor(1));
        UInt s3GrantPrio = stage("s3_grant_prio", field(s2Homa, 0, HomaHeaders.GRANT.field("priority")));
        org.homanic.hdl.Bits[] cuts = new org.homanic.hdl.Bits[7];
        for (int i = 1; i < 8; i++) cuts[7 - i] = field(s2Homa, 0, HomaHeaders.CUTOFFS.field("unsched_cutoffs[" + i + "]"));
        UInt s3Cutoffs = stage("s3_cutoffs", cat(cuts));
        UInt s3Incoming = stage("s3_incoming", field(s2Homa, 0, HomaHeaders.DATA.field("incoming")));
        Bool s3Rtx = stage("s3_rtx", field(s2Homa, 0, HomaHeaders.DATA.field("retransmit")).ne(0));
        UInt s3Csum = stage("s3_csum", csum);
        UInt s3Rest = stage("s3_csum_rest", csum.extend(23).add(s2NotW0W5.extend(23)));
        UInt s3TosLow = stage("s3_tos_low", s2TosLow);
        UInt s3Byte0 = stage("s3_byte0", s2Byte0);
        UInt s3FlowHigh = stage("s3_flow_high", s2FlowHigh);
        // conditions of stage 2 travel on
        Bool[] c2 = {cEthTrunc, cStackOuter, cVlanTrunc, cStackInner, cNotIp, cIpTrunc, cVerBad, cIhlBad,
                cTruncHdr, cLenBad, cFrag};
        Bool[] c3 = new Bool[c2.length];
        for (int i = 0; i < c2.length; i++) {
            c3[i] = stage("s3_c2_" + i, c2[i]);
        }

        // ---- stage 4: comparisons, hash, checksum ----
        UInt fold1 = s3Csum.bits(15, 0).extend(17).add(s3Csum.bits(21, 16).extend(17));
        UInt fold2 = fold1.bits(15, 0).add(fold1.bits(16, 16).extend(16));
        Bool tooShort = s3HomaLen.lt(s3MinLen.extend(16));
        Bool offRange = s3Data.and(s3Offset.ge(s3MsgLen));
        Bool pastEnd = s3Data.and(s3Offset.extend(33).add(s3PayloadLen.extend(33)).gt(s3MsgLen.extend(33)));
        UInt hash = queueHash(cat(s3Peer, s3LocalId), queues);

        Bool s4Valid = stage("s4_valid", s3Valid);
        Bool s4Bad = stage("s4_bad", s3Bad);
        Bool[] c4 = new Bool[c3.length];
        for (int i = 0; i < c3.length; i++) {
            c4[i] = stage("s4_c2_" + i, c3[i]);
        }
        Bool cCsumBad = stage("s4_c_csum_bad", s3V4.and(fold2.ne(0xFFFF)));
        Bool c4NotHoma = stage("s4_c_not_homa", cNotHoma);
        Bool c4NotHijacked = stage("s4_c_not_hijacked", cNotHijacked);
        Bool c4HomaTrunc = stage("s4_c_homa_trunc", cHomaTrunc);
        Bool c4TypeBad = stage("s4_c_type_bad", cTypeBad);
        Bool c4TooShort = stage("s4_c_too_short", tooShort);
        Bool c4TooLong = stage("s4_c_too_long", s3Data.and(cTooLong));
        Bool c4OffRange = stage("s4_c_off_range", offRange);
        Bool c4PastEnd = stage("s4_c_past_end", pastEnd);
        UInt s4Queue = stage("s4_queue", hash);
        Bool s4Data = stage("s4_data", s3Data);
        UInt s4Len = stage("s4_len", s3Len);
        Bool s4Vlan = stage("s4_vlan", s3Vlan);
        Bool s4V6 = stage("s4_v6", s3V6);
        Bool s4Tcp = stage("s4_tcp", s3Tcp);
        UInt s4Prio = stage("s4_prio", s3Prio);
        UInt s4Type = stage("s4_type", s3Type);
        UInt s4Peer = stage("s4_peer", s3Peer);
        UInt s4Sport = stage("s4_sport", s3Sport);
        UInt s4Dport = stage("s4_dport", s3Dport);
        UInt s4LocalId = stage("s4_local_id", s3LocalId);
        UInt s4Offset = stage("s4_offset", s3Offset);
        UInt s4PayloadLen = stage("s4_payload_len", s3PayloadLen);
        UInt s4MsgLen = stage("s4_msg_len", s3MsgLen);
        UInt s4Incoming = stage("s4_incoming", s3Incoming);
        Bool s4Rtx = stage("s4_rtx", s3Rtx);
        UInt rest1 = s3Rest.bits(15, 0).extend(18).add(s3Rest.bits(22, 16).extend(18));
        UInt rest2 = rest1.bits(15, 0).extend(17).add(rest1.bits(17, 16).extend(17));
        UInt s4Rest = stage("s4_csum_rest", rest2.bits(15, 0).add(rest2.bits(16, 16).extend(16)));
        UInt s4TosLow = stage("s4_tos_low", s3TosLow);
        UInt s4Byte0 = stage("s4_byte0", s3Byte0);
        UInt s4FlowHigh = stage("s4_flow_high", s3FlowHigh);
        Bool s4V4 = stage("s4_v4", s3V4);
        UInt s4GrantPrio = stage("s4_grant_prio", s3GrantPrio);
        UInt s4Cutoffs = stage("s4_cutoffs", s3Cutoffs);

        // ---- stage 5: first failing check, in FrameParser's order ----
        check(c4[0], Rejection.ETHERNET_TRUNCATED);
        check(c4[1], Rejection.STACKED_VLAN);
        check(c4[2], Rejection.VLAN_TRUNCATED);
        check(c4[3], Rejection.STACKED_VLAN);
        check(c4[4], Rejection.NOT_IP);
        check(c4[5], Rejection.IP_HEADER_TRUNCATED);
        check(c4[6], Rejection.IP_VERSION_MISMATCH);
        check(c4[7], Rejection.IPV4_BAD_IHL);
        check(c4[8], Rejection.IP_HEADER_TRUNCATED);
        check(cCsumBad, Rejection.IPV4_BAD_CHECKSUM);
        check(c4[9], Rejection.IP_LENGTH_INVALID);
        check(c4[10], Rejection.IP_FRAGMENT);
        check(c4NotHoma, Rejection.NOT_HOMA_PROTOCOL);
        check(c4NotHijacked, Rejection.TCP_NOT_HIJACKED);
        check(c4HomaTrunc, Rejection.HOMA_TRUNCATED);
        check(c4TypeBad, Rejection.UNKNOWN_TYPE);
        check(c4TooShort, Rejection.TOO_SHORT_FOR_TYPE);
        check(c4TooLong, Rejection.MESSAGE_TOO_LONG);
        check(c4OffRange, Rejection.DATA_OFFSET_OUT_OF_RANGE);
        check(c4PastEnd, Rejection.DATA_PAST_MESSAGE_END);
        int rb = IngressPolicy.reasonBits();
        UInt reason = lit(0, rb);
        for (int i = checks.size() - 1; i >= 0; i--) {
            reason = mux(checks.get(i), lit(IngressPolicy.code(reasons.get(i)), rb), reason);
        }
        reason = let("reason", reason);
        Bool pass = FALSE;
        for (Rejection r : IngressPolicy.PASS_THROUGH) {
            pass = pass.or(reason.eq(IngressPolicy.code(r)));
        }
        Bool ok = let("homa_ok", reason.eq(0));
        Bool data = ok.and(s4Data);

        IngressMeta meta = wire("meta", new IngressMeta());
        comb(meta.homa, ok);
        comb(meta.queue, mux(ok, s4Queue.extend(4), lit(queues, 4)));
        comb(meta.length, s4Len);
        comb(meta.ipv6, ok.and(s4V6));
        comb(meta.vlan, ok.and(s4Vlan));
        comb(meta.hijacked, ok.and(s4Tcp));
        comb(meta.priority, mux(ok, s4Prio, lit(0, 3)));
        comb(meta.type, mux(ok, s4Type, lit(0, 8)));
        comb(meta.peer, mux(ok, s4Peer, lit(0, 128)));
        comb(meta.sport, mux(ok, s4Sport, lit(0, 16)));
        comb(meta.dport, mux(ok, s4Dport, lit(0, 16)));
        comb(meta.localId, mux(ok, s4LocalId, lit(0, 64)));
        comb(meta.offset, mux(data, s4Offset, lit(0, 32)));
        comb(meta.payloadLength, mux(data, s4PayloadLen, lit(0, 16)));
        comb(meta.messageLength, mux(data, s4MsgLen, lit(0, 32)));
        comb(meta.incoming, mux(data, s4Incoming, lit(0, 32)));
        comb(meta.retransmit, data.and(s4Rtx));

        comb(outValid, stage("s5_valid", s4Valid));
        comb(outBad, stage("s5_bad", s4Bad));
        comb(outDrop, stage("s5_drop", s4Bad.or(ok.not().and(pass.not()))));
        comb(outReason, stage("s5_reason", reason));
        comb(outIpv4Homa, stage("s5_ipv4_homa", ok.and(s4V4)));
        comb(outTosLow, stage("s5_tos_low", s4TosLow));
        comb(outByte0, stage("s5_byte0", s4Byte0));
        comb(outFlowHigh, stage("s5_flow_high", s4FlowHigh));
        comb(outCsumRest, stage("s5_csum_rest", s4Rest));
        LearnEvent learn = wire("learn", new LearnEvent());
        Bool learnable = ok.and(s4Bad.not()).and(s4Valid);
        comb(learn.grant, learnable.and(s4Type.eq(PacketType.GRANT.code())));
        comb(learn.cutoffs, learnable.and(s4Type.eq(PacketType.CUTOFFS.code())));
        comb(learn.peer, s4Peer);
        comb(learn.localId, s4LocalId);
        comb(learn.priority, mux(s4GrantPrio.gt(7), lit(7, 3), s4GrantPrio.bits(2, 0)));
        comb(learn.cutoff, s4Cutoffs);
        LearnEvent s5Learn = reg("s5_learn", new LearnEvent());
        sync(s5Learn, learn);
        comb(outLearn, s5Learn);
        IngressMeta s5Meta = reg("s5_meta", new IngressMeta());
        sync(s5Meta, meta);
        comb(outMeta, s5Meta);
        // MAC addresses are not read; neither are bytes past the last field (whole beats are captured).
        unused(bytes(header, 0, 12));
        if (capture > l2Max + l3Bytes) unused(bytes(header, l2Max + l3Bytes, capture - l2Max - l3Bytes));
        // Homa bytes not needed by ingress (ack, window, checksum, CUTOFFS entries): kept for the egress tables.
        unused(s2Homa);
    }

    private void check(Bool condition, Rejection reason) {
        checks.add(condition);
        reasons.add(reason);
    }

    private Bool stage(String name, Bool value) {
        Bool r = reg(name, Bool(), 0);
        sync(r, value);
        return r;
    }

    private UInt stage(String name, UInt value) {
        UInt r = reg(name, UInt(value.width()));
        sync(r, value);
        return r;
    }

    /** Bytes in a beat whose keep is contiguous from lane 0: the index of the last set lane + 1. */
    private UInt lastLaneCount(UInt keep, int lanes) {
        int w = clog2(lanes) + 1;
        Bool[] top = new Bool[lanes];
        for (int i = 0; i < lanes; i++) {
            top[i] = i == lanes - 1 ? keep.bit(i) : keep.bit(i).and(keep.bit(i + 1).not());
        }
        Bits[] bits = new Bits[w];
        for (int j = 0; j < w; j++) {
            Bool b = FALSE;
            for (int i = 0; i < lanes; i++) {
                if ((((i + 1) >> j) & 1) != 0) b = b.or(top[i]);
            }
            bits[w - 1 - j] = b;
        }
        return cat(bits);
    }

    /** {@link IngressPolicy#queueOf}: log2(queues)-bit chunks of the value XORed. */
    private static UInt queueHash(UInt value, int queues) {
        int k = Integer.numberOfTrailingZeros(queues);
        if (k == 0) return lit(0, 1);
        UInt h = null;
        for (int lo = 0; lo < value.width(); lo += k) {
            int hi = Math.min(lo + k, value.width()) - 1;
            UInt chunk = value.bits(hi, lo).extend(k);
            h = h == null ? chunk : h.xor(chunk);
        }
        return h;
    }
}
