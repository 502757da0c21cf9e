package org.homanic.rtl.classifier;

import org.homanic.hdl.Axis;
import org.homanic.hdl.Bool;
import org.homanic.hdl.Module;
import org.homanic.hdl.Stream;
import org.homanic.hdl.UInt;
import org.homanic.hdl.Vec;
import org.homanic.hdl.lib.Fifo;
import org.homanic.hdl.lib.PacketFifo;

import static org.homanic.hdl.Hdl.*;

/**
 * The egress classifier (host TX → MAC TX): the ingress parser (in egress mode) and the
 * priority decision run beside a delay line, as on ingress; each frame is staged whole, then
 * written with its new TOS / traffic class (and IPv4 checksum) into the queue of its level;
 * a strict-priority arbiter feeds the MAC, with {@code s_nic} (NIC-generated packets) above
 * every level. See {@code docs/classifier.md}.
 */
public final class EgressClassifier extends Module {
    public final Axis s_axis;
    public final Axis s_nic;
    public final Stream<LearnEvent> s_learn;
    public final UInt cfg_priority_map = input("cfg_priority_map", UInt(24));
    public final UInt cfg_default_level = input("cfg_default_level", UInt(3));
    public final UInt cfg_unsched_bytes = input("cfg_unsched_bytes", UInt(32));
    public final UInt cfg_default_cutoffs = input("cfg_default_cutoffs", UInt(7 * 32));
    /** Level queue threshold in beats (0xFFFF: the whole queue). */
    public final UInt cfg_level_limit = input("cfg_level_limit", UInt(16));
    public final Axis m_axis;
    public final Vec<UInt> counters;

    public record Params(int dataWidth, int stagingBytes, int levelBytes, int peerEntries, int grantEntries) {
        public static final Params DEFAULT = new Params(512, 16384, 16384, 16, 64);

        public Params {
            if (dataWidth < 64 || Integer.bitCount(dataWidth) != 1) {
                throw new IllegalArgumentException("data width must be a power of two >= 64, not " + dataWidth);
            }
            for (int b : new int[] {stagingBytes, levelBytes}) {
                if (Integer.bitCount(b) != 1 || b < 2 * dataWidth / 8) {
                    throw new IllegalArgumentException("buffer sizes must be powers of two of at least two beats, not " + b);
                }
            }
            if (peerEntries < 1 || grantEntries < 1) throw new IllegalArgumentException("tables need at least one entry");
        }

        public int beatBytes() { return dataWidth / 8; }
        public int captureBeats() { return IngressPolicy.captureBytes(beatBytes()) / beatBytes(); }
    }

    public EgressClassifier(Params p) {
        param("DATA_WIDTH", p.dataWidth());
        param("STAGING_BYTES", p.stagingBytes());
        param("LEVEL_BYTES", p.levelBytes());
        param("PEER_ENTRIES", p.peerEntries());
        param("GRANT_ENTRIES", p.grantEntries());
        int w = p.dataWidth();
        s_axis = input("s_axis", new Axis(w, 4));
        s_nic = input("s_nic", new Axis(w, 1));
        s_learn = input("s_learn", new Stream<>(LearnEvent::new));
        m_axis = output("m_axis", new Axis(w, 4));
        counters = output("counters", new Vec<>(EgressCounter.ALL.size(), i -> UInt(32)));

        comb(s_axis.tready, TRUE);
        HeaderCapture capture = instance("capture", new HeaderCapture(w, p.captureBeats(), 4));
        comb(capture.inValid, s_axis.tvalid);
        comb(capture.inData, s_axis.tdata);
        comb(capture.inKeep, s_axis.tkeep);
        comb(capture.inLast, s_axis.tlast);
        comb(capture.inBad, FALSE);
        comb(capture.inUser, s_axis.tuser);

        IngressParser parser = instance("parser", new IngressParser(w, p.captureBeats(), 1, true));
        comb(parser.tokenValid, capture.tokenValid);
        comb(parser.header, capture.header);
        comb(parser.tokenBeats, capture.tokenBeats);
        comb(parser.tokenKeep, capture.tokenKeep);
        comb(parser.tokenBad, capture.tokenBad);
        // The user bits travel beside the parser.
        UInt user = capture.tokenUser;
        for (int i = 0; i < IngressParser.LATENCY; i++) {
            UInt r = reg("user_dly_" + i, UInt(4), 0);
            sync(r, user);
            user = r;
        }

        EgressPriority prio = instance("prio", new EgressPriority(p.peerEntries(), p.grantEntries(), w));
        comb(prio.inValid, parser.outValid);
        comb(prio.inMeta, parser.outMeta);
        comb(prio.inIpv4Homa, parser.outIpv4Homa);
        comb(prio.inTosLow, parser.outTosLow);
        comb(prio.inByte0, parser.outByte0);
        comb(prio.inFlowHigh, parser.outFlowHigh);
        comb(prio.inCsumRest, parser.outCsumRest);
        comb(prio.inUser, user);
        connect(prio.learn, s_learn);
        comb(prio.cfgPriorityMap, cfg_priority_map);
        comb(prio.cfgDefaultLevel, cfg_default_level);
        comb(prio.cfgUnschedBytes, cfg_unsched_bytes);
        comb(prio.cfgDefaultCutoffs, cfg_default_cutoffs);
        unused(parser.outDrop, parser.outBad, parser.outReason, parser.outLearn);

        int delay = 1 + IngressParser.LATENCY + EgressPriority.LATENCY;
        Bool valid = s_axis.tvalid;
        Axis.Beat beat = s_axis.asStream().payload;
        for (int i = 0; i < delay; i++) {
            Bool v = reg("dly_valid_" + i, Bool(), 0);
            Axis.Beat b = reg("dly_beat_" + i, new Axis.Beat(w, 4));
            sync(v, valid);
            sync(b, beat);
            valid = v;
            beat = b;
        }
        PacketFifo<Axis.Beat> staging = instance("staging",
                new PacketFifo<>(() -> new Axis.Beat(w, 4), p.stagingBytes() / p.beatBytes(), b -> b.last));
        comb(staging.in.valid, valid);
        comb(staging.in.payload, beat);
        comb(staging.bad, FALSE);
        unused(staging.in.ready, staging.level, staging.droppedBad);
        Bool commit = let("commit", valid.and(beat.last).and(staging.droppedFull.not()));
        Fifo<EgressDecision> decisions = instance("decisions",
                new Fifo<>(EgressDecision::new, p.stagingBytes() / p.beatBytes()));
        comb(decisions.in.valid, commit);
        comb(decisions.in.payload, prio.out);
        unused(decisions.in.ready, decisions.level);

        EgressQueues queues = instance("queues", new EgressQueues(w, p.levelBytes() / p.beatBytes()));
        connect(queues.in, staging.out);
        connect(queues.decision, decisions.out);
        connect(queues.nic, s_nic);
        comb(queues.limit, cfg_level_limit);
        connect(m_axis, queues.out);

        int n = EgressCounter.ALL.size();
        Bool[] inc = new Bool[n];
        inc[EgressCounter.FRAMES] = prio.outValid;
        inc[EgressCounter.HOMA] = prio.outValid.and(prio.out.rewrite);
        inc[EgressCounter.OVERRIDES] = prio.overridden;
        inc[EgressCounter.FALLBACK_CUTOFFS] = prio.fallbackCutoffs;
        inc[EgressCounter.FALLBACK_GRANT] = prio.fallbackGrant;
        inc[EgressCounter.STAGING_FULL] = staging.droppedFull;
        inc[EgressCounter.QUEUE_FULL] = queues.queueFull;
        for (int i = 0; i < 8; i++) inc[EgressCounter.LEVEL_BASE + i] = queues.enqueued.bit(i);
        for (int i = 0; i < n; i++) {
            UInt c = reg("count_" + EgressCounter.ALL.get(i).name(), UInt(32), 0);
            final Bool up = inc[i];
            when(up, () -> sync(c, c.add(1)));
            comb(counters.get(i), c);
        }
    }
}
