package org.homanic.rtl.classifier;

import org.homanic.hdl.Axis;
import org.homanic.hdl.Bool;
import org.homanic.hdl.HdlException;
import org.homanic.hdl.Module;
import org.homanic.hdl.SourceLocation;
import org.homanic.hdl.Stream;
import org.homanic.hdl.UInt;
import org.homanic.hdl.Vec;
import org.homanic.hdl.lib.Fifo;
import org.homanic.hdl.lib.PacketFifo;

import static org.homanic.hdl.Hdl.*;

/**
 * The ingress classifier (MAC RX → host): header capture and a five-stage parse/validate
 * pipeline run beside a delay line that brings each frame's last beat to the receive buffer
 * (a {@link PacketFifo}) in the cycle its verdict is ready, so the buffer keeps or drops the
 * frame whole; committed frames and their metadata are steered into the host queues.
 * See {@code docs/classifier.md}.
 */
public final class IngressClassifier extends Module {
    public final Axis s_axis;
    public final Vec<Axis> m_axis;
    public final Vec<Stream<IngressMeta>> m_meta;
    public final Stream<IngressMeta> m_event;
    public final Vec<UInt> counters;
    /** Host queue threshold in beats (0xFFFF: the whole queue). */
    public final UInt cfg_queue_limit = input("cfg_queue_limit", UInt(16));
    /** What the egress tables learn: valid GRANT / CUTOFFS packets, one cycle each, no back-pressure. */
    public final Stream<LearnEvent> m_learn;

    public record Params(int dataWidth, int queues, int bufferBytes, int queueBytes, int eventDepth) {
        public static final Params DEFAULT = new Params(512, 8, 16384, 16384, 64);

        public Params {
            if (dataWidth < 64 || Integer.bitCount(dataWidth) != 1) {
                throw new IllegalArgumentException("data width must be a power of two >= 64, not " + dataWidth);
            }
            if (queues < 1 || queues > 8 || Integer.bitCount(queues) != 1) {
                throw new IllegalArgumentException("queues must be 1, 2, 4 or 8, not " + queues);
            }
            for (int b : new int[] {bufferBytes, queueBytes}) {
                if (Integer.bitCount(b) != 1 || b < 2 * dataWidth / 8) {
                    throw new IllegalArgumentException("buffer sizes must be powers of two of at least two beats, not " + b);
                }
            }
            if (eventDepth < 2 || Integer.bitCount(eventDepth) != 1) {
                throw new IllegalArgumentException("event depth must be a power of two >= 2, not " + eventDepth);
            }
        }

        public int beatBytes() { return dataWidth / 8; }
        public int captureBeats() { return IngressPolicy.captureBytes(beatBytes()) / beatBytes(); }
    }

    public IngressClassifier(Params p) {
        param("DATA_WIDTH", p.dataWidth());
        param("QUEUES", p.queues());
        param("BUFFER_BYTES", p.bufferBytes());
        param("QUEUE_BYTES", p.queueBytes());
        param("EVENT_DEPTH", p.eventDepth());
        int w = p.dataWidth();
        int outputs = p.queues() + 1;
        s_axis = input("s_axis", new Axis(w, 1));
        m_axis = output("m_axis", new Vec<>(outputs, i -> new Axis(w, 1)));
        m_meta = output("m_meta", new Vec<>(outputs, i -> new Stream<>(IngressMeta::new)));
        m_event = output("m_event", new Stream<>(IngressMeta::new));
        m_learn = output("m_learn", new Stream<>(LearnEvent::new));
        counters = output("counters", new Vec<>(IngressCounter.ALL.size(), i -> UInt(32)));
        if (p.captureBeats() < 1) throw new HdlException(SourceLocation.here(), "no capture beats");

        comb(s_axis.tready, TRUE);
        HeaderCapture capture = instance("capture", new HeaderCapture(w, p.captureBeats()));
        comb(capture.inValid, s_axis.tvalid);
        comb(capture.inData, s_axis.tdata);
        comb(capture.inKeep, s_axis.tkeep);
        comb(capture.inLast, s_axis.tlast);
        comb(capture.inBad, s_axis.tuser.bit(0));
        comb(capture.inUser, s_axis.tuser);
        unused(capture.tokenUser);

        IngressParser parser = instance("parser", new IngressParser(w, p.captureBeats(), p.queues()));
        comb(parser.tokenValid, capture.tokenValid);
        comb(parser.header, capture.header);
        comb(parser.tokenBeats, capture.tokenBeats);
        comb(parser.tokenKeep, capture.tokenKeep);
        comb(parser.tokenBad, capture.tokenBad);

        unused(m_learn.ready, parser.outIpv4Homa, parser.outTosLow, parser.outByte0, parser.outFlowHigh, parser.outCsumRest);

        // Delay line: a beat reaches the buffer in the cycle its frame's verdict (if last) appears.
        int delay = 1 + IngressParser.LATENCY;
        Bool valid = s_axis.tvalid;
        Axis.Beat beat = s_axis.asStream().payload;
        for (int i = 0; i < delay; i++) {
            Bool v = reg("dly_valid_" + i, Bool(), 0);
            Axis.Beat b = reg("dly_beat_" + i, new Axis.Beat(w, 1));
            sync(v, valid);
            sync(b, beat);
            valid = v;
            beat = b;
        }

        PacketFifo<Axis.Beat> buffer = instance("buffer",
                new PacketFifo<>(() -> new Axis.Beat(w, 1), p.bufferBytes() / p.beatBytes(), b -> b.last));
        comb(buffer.in.valid, valid);
        comb(buffer.in.payload, beat);
        comb(buffer.bad, parser.outValid.and(parser.outDrop));
        unused(buffer.in.ready, buffer.level, parser.outBad);
        Bool commit = let("commit", valid.and(beat.last).and(buffer.droppedFull.not()).and(buffer.droppedBad.not()));

        // Learn only from frames the receive buffer keeps: a GRANT or CUTOFFS dropped for lack of
        // room never reaches the host, so the NIC must not act on it either (registered, so the
        // buffer's room logic and the egress table writes are separate stages).
        Bool learnValid = reg("learn_valid", Bool(), 0);
        LearnEvent learnEvent = reg("learn_event", new LearnEvent());
        sync(learnValid, commit.and(parser.outLearn.grant.or(parser.outLearn.cutoffs)));
        sync(learnEvent, parser.outLearn);
        comb(m_learn.valid, learnValid);
        comb(m_learn.payload, learnEvent);

        Fifo<IngressMeta> metaFifo = instance("meta_fifo", new Fifo<>(IngressMeta::new, p.bufferBytes() / p.beatBytes()));
        comb(metaFifo.in.valid, commit);
        comb(metaFifo.in.payload, parser.outMeta);
        unused(metaFifo.in.ready, metaFifo.level);

        IngressSteer steer = instance("steer", new IngressSteer(w, p.queues(), p.queueBytes() / p.beatBytes(), p.eventDepth()));
        connect(steer.in, buffer.out);
        connect(steer.inMeta, metaFifo.out);
        // Beats per packet, in a FIFO written and read in step with the metadata.
        int bw = IngressSteer.beatsWidth(w);
        Fifo<UInt> beatsFifo = instance("beats_fifo", new Fifo<>(() -> UInt(bw), p.bufferBytes() / p.beatBytes()));
        comb(beatsFifo.in.valid, commit);
        comb(beatsFifo.in.payload, parser.outMeta.length.extend(21).add(p.beatBytes() - 1).shr(clog2(p.beatBytes())));
        comb(beatsFifo.out.ready, metaFifo.out.ready);
        comb(steer.inBeats, beatsFifo.out.payload);
        unused(beatsFifo.in.ready, beatsFifo.level, beatsFifo.out.valid);
        comb(steer.limit, cfg_queue_limit);
        for (int q = 0; q < outputs; q++) {
            connect(m_axis.get(q), steer.hostData.get(q));
            connect(m_meta.get(q), steer.hostMeta.get(q));
        }
        connect(m_event, steer.event);

        // Counters.
        int n = IngressCounter.ALL.size();
        Bool[] inc = new Bool[n];
        java.util.Arrays.fill(inc, FALSE);
        Bool v = parser.outValid;
        inc[IngressCounter.FRAMES] = v;
        inc[IngressCounter.BAD_FRAME] = v.and(parser.outBad);
        Bool good = v.and(parser.outBad.not());
        inc[IngressCounter.HOMA_VALID] = good.and(parser.outReason.eq(0));
        for (org.homanic.protocol.wire.Rejection r : org.homanic.protocol.wire.Rejection.values()) {
            inc[IngressCounter.reason(r)] = good.and(parser.outReason.eq(IngressPolicy.code(r)));
        }
        inc[IngressCounter.BUFFER_FULL] = buffer.droppedFull;
        inc[IngressCounter.HOST_QUEUE_FULL] = steer.hostFull;
        inc[IngressCounter.EVENTS_DROPPED] = steer.eventDropped;
        inc[IngressCounter.DELIVERED_HOMA] = steer.deliveredHoma;
        inc[IngressCounter.DELIVERED_OTHER] = steer.deliveredOther;
        inc[IngressCounter.DATA_EVENTS] = steer.dataEvent;
        for (int i = 0; i < n; i++) {
            UInt c = reg("count_" + IngressCounter.ALL.get(i).name(), UInt(32), 0);
            when(inc[i], () -> sync(c, c.add(1)));
            comb(counters.get(i), c);
        }
    }
}
