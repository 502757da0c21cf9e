package org.homanic.rtl.classifier;

import org.homanic.hdl.Bits;
import org.homanic.hdl.Bool;
import org.homanic.hdl.Module;
import org.homanic.hdl.Stream;
import org.homanic.hdl.UInt;
import org.homanic.protocol.wire.NetHeaders;
import org.homanic.protocol.wire.PacketType;

import static org.homanic.hdl.Hdl.*;

/**
 * Egress priority decision, five register stages after the parser: table lookups (peer cutoffs,
 * RPC grant priorities), then the level HomaModule's sender would use (spec 2.2–2.4, 4):
 * host override (tuser) first; other traffic at the configured default level; control packets
 * at 7; DATA below min(unsched_bytes, length) at the highest level whose cutoff covers the
 * message length (defaults [6]=MAX, [7]=0 when the peer sent no CUTOFFS: level 6); later DATA at
 * the last GRANT's priority (0 when none). Then priority_map, the new TOS / traffic class and the
 * IPv4 checksum. The tables learn from {@code learn} (round-robin replacement of new keys).
 */
public final class EgressPriority extends Module {
    public static final int LATENCY = 5;

    public final Bool inValid = input("in_valid", Bool());
    public final IngressMeta inMeta = input("in_meta", new IngressMeta());
    public final Bool inIpv4Homa = input("in_ipv4_homa", Bool());
    public final UInt inTosLow = input("in_tos_low", UInt(5));
    public final UInt inByte0 = input("in_byte0", UInt(8));
    public final UInt inFlowHigh = input("in_flow_high", UInt(4));
    public final UInt inCsumRest = input("in_csum_rest", UInt(16));
    /** tuser of the first beat: bit 0 = override, bits 3..1 = level. */
    public final UInt inUser = input("in_user", UInt(4));
    public final Stream<LearnEvent> learn = input("learn", new Stream<>(LearnEvent::new));
    public final UInt cfgPriorityMap = input("cfg_priority_map", UInt(24));
    public final UInt cfgDefaultLevel = input("cfg_default_level", UInt(3));
    public final UInt cfgUnschedBytes = input("cfg_unsched_bytes", UInt(32));
    /** Cutoffs 1..7 for a peer that sent no CUTOFFS (HomaModule: [6]=Integer.MAX_VALUE, the rest 0); entry 7 on top. */
    public final UInt cfgDefaultCutoffs = input("cfg_default_cutoffs", UInt(7 * 32));

    public final Bool outValid = output("out_valid", Bool());
    public final EgressDecision out = output("out", new EgressDecision());
    public final Bool fallbackCutoffs = output("fallback_cutoffs", Bool());
    public final Bool fallbackGrant = output("fallback_grant", Bool());
    public final Bool overridden = output("overridden", Bool());

    public EgressPriority(int peerEntries, int grantEntries) {
        this(peerEntries, grantEntries, 512);
    }

    public EgressPriority(int peerEntries, int grantEntries, int dataWidth) {
        int lb = clog2(dataWidth / 8);
        param("DATA_WIDTH", dataWidth);
        param("PEER_ENTRIES", peerEntries);
        param("GRANT_ENTRIES", grantEntries);
        comb(learn.ready, TRUE);

        // ---- tables ----
        Bool[] cValid = new Bool[peerEntries];
        UInt[] cPeer = new UInt[peerEntries];
        UInt[] cCut = new UInt[peerEntries];
        Bool[] gValid = new Bool[grantEntries];
        UInt[] gPeer = new UInt[grantEntries];
        UInt[] gId = new UInt[grantEntries];
        UInt[] gPrio = new UInt[grantEntries];
        LearnEvent l = learn.payload;
        Bool learnC = let("learn_c", learn.valid.and(l.cutoffs));
        Bool learnG = let("learn_g", learn.valid.and(l.grant));
        Bool cHitAny = FALSE, gHitAny = FALSE;
        Bool[] cLearnHit = new Bool[peerEntries];
        Bool[] gLearnHit = new Bool[grantEntries];
        for (int j = 0; j < peerEntries; j++) {
            cValid[j] = reg("cut_valid_" + j, Bool(), 0);
            cPeer[j] = reg("cut_peer_" + j, UInt(128));
            cCut[j] = reg("cut_values_" + j, UInt(7 * 32));
            cLearnHit[j] = let("cut_learn_hit_" + j, cValid[j].and(cPeer[j].eq(l.peer)));
            cHitAny = cHitAny.or(cLearnHit[j]);
        }
        for (int j = 0; j < grantEntries; j++) {
            gValid[j] = reg("grant_valid_" + j, Bool(), 0);
            gPeer[j] = reg("grant_peer_" + j, UInt(128));
            gId[j] = reg("grant_id_" + j, UInt(64));
            gPrio[j] = reg("grant_prio_" + j, UInt(3));
            gLearnHit[j] = let("grant_learn_hit_" + j, gValid[j].and(gPeer[j].eq(l.peer)).and(gId[j].eq(l.localId)));
            gHitAny = gHitAny.or(gLearnHit[j]);
        }
        UInt cNext = reg("cut_next", UInt(Math.max(1, clog2(peerEntries))), 0);
        UInt gNext = reg("grant_next", UInt(Math.max(1, clog2(grantEntries))), 0);
        Bool cMiss = let("cut_learn_miss", cHitAny.not());
        Bool gMiss = let("grant_learn_miss", gHitAny.not());
        for (int j = 0; j < peerEntries; j++) {
            final int jj = j;
            when(learnC.and(cLearnHit[j].or(cMiss.and(cNext.eq(jj)))), () -> {
                sync(cValid[jj], TRUE);
                sync(cPeer[jj], l.peer);
                sync(cCut[jj], l.cutoff);
            });
        }
        when(learnC.and(cMiss), () -> sync(cNext, peerEntries == 1 ? lit(0, 1) : cNext.add(1)));
        for (int j = 0; j < grantEntries; j++) {
            final int jj = j;
            when(learnG.and(gLearnHit[j].or(gMiss.and(gNext.eq(jj)))), () -> {
                sync(gValid[jj], TRUE);
                sync(gPeer[jj], l.peer);
                sync(gId[jj], l.localId);
                sync(gPrio[jj], l.priority);
            });
        }
        when(learnG.and(gMiss), () -> sync(gNext, grantEntries == 1 ? lit(0, 1) : gNext.add(1)));

        // ---- E1: match vectors ----
        Bits[] cm = new Bits[peerEntries];
        for (int j = 0; j < peerEntries; j++) cm[peerEntries - 1 - j] = cValid[j].and(cPeer[j].eq(inMeta.peer));
        Bits[] gm = new Bits[grantEntries];
        for (int j = 0; j < grantEntries; j++) {
            gm[grantEntries - 1 - j] = gValid[j].and(gPeer[j].eq(inMeta.peer)).and(gId[j].eq(inMeta.localId));
        }
        Bool e1Valid = stage("e1_valid", inValid);
        UInt e1CMatch = stage("e1_cut_match", cat1(cm));
        UInt e1GMatch = stage("e1_grant_match", cat1(gm));
        IngressMeta e1Meta = reg("e1_meta", new IngressMeta());
        sync(e1Meta, inMeta);
        Bool e1V4 = stage("e1_v4", inIpv4Homa);
        UInt e1TosLow = stage("e1_tos_low", inTosLow);
        UInt e1Byte0 = stage("e1_byte0", inByte0);
        UInt e1Flow = stage("e1_flow_high", inFlowHigh);
        UInt e1Rest = stage("e1_rest", inCsumRest);
        UInt e1User = stage("e1_user", inUser);

        // ---- E2: select the matching entries ----
        UInt cutSel = lit(0, 7 * 32);
        for (int j = 0; j < peerEntries; j++) cutSel = cutSel.or(mux(e1CMatch.bit(j), cCut[j], lit(0, 7 * 32)));
        UInt prioSel = lit(0, 3);
        for (int j = 0; j < grantEntries; j++) prioSel = prioSel.or(mux(e1GMatch.bit(j), gPrio[j], lit(0, 3)));
        Bool e2Valid = stage("e2_valid", e1Valid);
        UInt e2Cut = stage("e2_cut", cutSel);
        Bool e2CFound = stage("e2_cut_found", e1CMatch.orR());
        UInt e2Prio = stage("e2_grant_prio", prioSel);
        Bool e2GFound = stage("e2_grant_found", e1GMatch.orR());
        IngressMeta e2Meta = reg("e2_meta", new IngressMeta());
        sync(e2Meta, e1Meta);
        Bool e2V4 = stage("e2_v4", e1V4);
        UInt e2TosLow = stage("e2_tos_low", e1TosLow);
        UInt e2Byte0 = stage("e2_byte0", e1Byte0);
        UInt e2Flow = stage("e2_flow_high", e1Flow);
        UInt e2Rest = stage("e2_rest", e1Rest);
        UInt e2User = stage("e2_user", e1User);

        // ---- E3: unscheduled level; scheduled or not ----
        UInt msgLen = e2Meta.messageLength;
        UInt ucLevel = lit(0, 3);
        for (int i = 0; i < 8; i++) {          // highest i whose cutoff covers the length wins
            Bool covers;
            if (i == 0) {
                covers = TRUE;                   // entry 0 is Integer.MAX_VALUE, learned or default
            } else {
                UInt learned = e2Cut.bits(32 * i - 1, 32 * (i - 1));
                UInt def = cfgDefaultCutoffs.bits(32 * i - 1, 32 * (i - 1));
                covers = mux(e2CFound, learned, def).ge(msgLen);
            }
            ucLevel = mux(covers, lit(i, 3), ucLevel);
        }
        UInt unsched = mux(cfgUnschedBytes.lt(msgLen), cfgUnschedBytes, msgLen);
        Bool e3Valid = stage("e3_valid", e2Valid);
        UInt e3UcLevel = stage("e3_uc_level", ucLevel);
        Bool e3IsUnsched = stage("e3_is_unsched", e2Meta.offset.lt(unsched));
        Bool e3CFound = stage("e3_cut_found", e2CFound);
        UInt e3Prio = stage("e3_grant_prio", e2Prio);
        Bool e3GFound = stage("e3_grant_found", e2GFound);
        Bool e3Homa = stage("e3_homa", e2Meta.homa);
        Bool e3Data = stage("e3_data", e2Meta.homa.and(e2Meta.type.eq(PacketType.DATA.code())));
        Bool e3V6 = stage("e3_v6", e2Meta.ipv6);
        Bool e3Vlan = stage("e3_vlan", e2Meta.vlan);
        UInt e3Len = stage("e3_len", e2Meta.length);
        Bool e3V4 = stage("e3_v4", e2V4);
        UInt e3TosLow = stage("e3_tos_low", e2TosLow);
        UInt e3Byte0 = stage("e3_byte0", e2Byte0);
        UInt e3Flow = stage("e3_flow_high", e2Flow);
        UInt e3Rest = stage("e3_rest", e2Rest);
        UInt e3User = stage("e3_user", e2User);

        // ---- E4: level and wire value ----
        Bool override = e3User.bit(0);
        UInt level = mux(override, e3User.bits(3, 1),
                mux(e3Homa.not(), cfgDefaultLevel,
                        mux(e3Data.not(), lit(7, 3), mux(e3IsUnsched, e3UcLevel, mux(e3GFound, e3Prio, lit(0, 3))))));
        level = let("level", level);
        UInt mapped = lit(0, 3);
        for (int i = 0; i < 8; i++) mapped = mux(level.eq(i), cfgPriorityMap.bits(3 * i + 2, 3 * i), mapped);
        UInt wireValue = let("wire_value", mapped);
        Bool counted = e3Valid.and(override.not()).and(e3Data);
        Bool e4Valid = stage("e4_valid", e3Valid);
        UInt e4Level = stage("e4_level", level);
        UInt wire = stage("e4_wire", wireValue);
        Bool e4FallbackC = stage("e4_fallback_cutoffs", counted.and(e3IsUnsched).and(e3CFound.not()));
        Bool e4FallbackG = stage("e4_fallback_grant", counted.and(e3IsUnsched.not()).and(e3GFound.not()));
        Bool e4Override = stage("e4_overridden", e3Valid.and(override));
        Bool e4Homa = stage("e4_homa", e3Homa);
        Bool e4V4 = stage("e4_v4", e3V4);
        Bool e4V6 = stage("e4_v6", e3V6);
        Bool e4Vlan = stage("e4_vlan", e3Vlan);
        UInt e4Len = stage("e4_len", e3Len);
        UInt e4TosLow = stage("e4_tos_low", e3TosLow);
        UInt e4Byte0 = stage("e4_byte0", e3Byte0);
        UInt e4Flow = stage("e4_flow_high", e3Flow);
        UInt e4Rest = stage("e4_rest", e3Rest);

        // ---- E5: new TOS / traffic class, checksum, the bytes to overwrite ----
        UInt newTos = cat(wire, e4TosLow);
        UInt word0 = cat(e4Byte0, newTos);
        UInt sum = e4Rest.extend(17).add(word0.extend(17));
        UInt folded = sum.bits(15, 0).add(sum.bits(16, 16).extend(16));
        UInt checksum = folded.not();
        UInt l3 = mux(e4Vlan, lit(NetHeaders.ETHERNET.size() + NetHeaders.VLAN.size(), 7), lit(NetHeaders.ETHERNET.size(), 7));
        int tosAt = NetHeaders.IPV4.field("priority").offset();
        int csAt = NetHeaders.IPV4.field("header_checksum").offset();
        EgressDecision d = wire("decision", new EgressDecision());
        comb(d.level, e4Level);
        comb(d.length, e4Len);
        comb(d.beats, e4Len.extend(21).add((1L << lb) - 1).shr(lb).extend(18));
        comb(d.rewrite, e4Homa.and(e4V4.or(e4V6)));
        comb(d.pos0, mux(e4V6, l3, l3.add(tosAt)));
        comb(d.val0, mux(e4V6, cat(lit(6, 4), wire, e4TosLow.bit(4)), newTos));
        comb(d.pos1, mux(e4V6, l3.add(1), l3.add(csAt)));
        comb(d.val1, mux(e4V6, cat(e4TosLow.bits(3, 0), e4Flow), checksum.bits(15, 8)));
        comb(d.use2, e4V6.not());
        comb(d.pos2, l3.add(csAt + 1));
        comb(d.val2, checksum.bits(7, 0));
        comb(outValid, stage("e5_valid", e4Valid));
        EgressDecision e5 = reg("e5_decision", new EgressDecision());
        sync(e5, d);
        comb(out, e5);
        comb(fallbackCutoffs, stage("e5_fallback_cutoffs", e4FallbackC));
        comb(fallbackGrant, stage("e5_fallback_grant", e4FallbackG));
        comb(overridden, stage("e5_overridden", e4Override));
        unused(e1Meta, e2Meta);
    }

    private static UInt cat1(Bits[] parts) {
        return parts.length == 1 ? (UInt) parts[0] : cat(parts);
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
}
