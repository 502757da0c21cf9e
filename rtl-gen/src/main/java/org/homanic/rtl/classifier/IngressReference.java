package org.homanic.rtl.classifier;

import org.homanic.protocol.wire.DataView;
import org.homanic.protocol.wire.FrameParser;
import org.homanic.protocol.wire.HomaHeaders;
import org.homanic.protocol.wire.HomaView;
import org.homanic.protocol.wire.NetHeaders;
import org.homanic.protocol.wire.PacketType;
import org.homanic.protocol.wire.Rejection;

import java.lang.foreign.MemorySegment;

/**
 * Java reference of the ingress classifier, built on {@link FrameParser}: for each frame, in
 * arrival order, whether it is delivered (to which queue, with which metadata) or dropped (and
 * why), and the counters that depend only on the frames. Buffer and host-queue occupancy are
 * timing, which the reference does not model: {@code buffer_full}, {@code host_queue_full},
 * {@code events_dropped} and the delivery counters are checked by the harness against what the
 * hardware actually delivered.
 */
public final class IngressReference {
    /** {@code meta} is null for a dropped frame; {@code reason} null for a valid Homa packet. */
    public record Outcome(boolean delivered, IngressMetadata meta, Rejection reason, boolean badFrame,
                          EgressReference.Learn learn) {
        Outcome(boolean delivered, IngressMetadata meta, Rejection reason, boolean badFrame) {
            this(delivered, meta, reason, badFrame, null);
        }

        public int queue() { return meta.queue(); }
        public boolean isDataEvent() { return delivered && meta.homa() && meta.type() == PacketType.DATA.code(); }
    }

    private final int queues;
    private final FrameParser parser = new FrameParser();
    private final DataView data = new DataView();
    private final HomaView homa = new HomaView();
    private final long[] counters = new long[IngressCounter.ALL.size()];

    public IngressReference(int queues) {
        this.queues = queues;
    }

    public Outcome classify(byte[] frame, boolean badFrame) {
        counters[IngressCounter.FRAMES]++;
        if (badFrame) {
            counters[IngressCounter.BAD_FRAME]++;
            return new Outcome(false, null, null, true);
        }
        MemorySegment seg = MemorySegment.ofArray(frame);
        boolean ok = parser.parseFrame(seg, 0, frame.length);
        Rejection r = parser.rejection();
        if (!ok) {
            counters[IngressCounter.reason(r)]++;
            if (!IngressPolicy.PASS_THROUGH.contains(r)) return new Outcome(false, null, r, false);
            IngressMetadata m = new IngressMetadata(false, queues, frame.length, false, false, false, 0, 0,
                    new byte[16], 0, 0, 0, 0, 0, 0, 0, false);
            return new Outcome(true, m, r, false);
        }
        counters[IngressCounter.HOMA_VALID]++;
        long ip = parser.ipOffset();
        byte[] peer = new byte[16];
        if (parser.ipVersion() == 4) {
            peer[10] = (byte) 0xFF;
            peer[11] = (byte) 0xFF;
            MemorySegment.copy(seg, ip + NetHeaders.IPV4.field("src").offset(), MemorySegment.ofArray(peer), 12, 4);
        } else {
            MemorySegment.copy(seg, ip + NetHeaders.IPV6.field("src").offset(), MemorySegment.ofArray(peer), 0, 16);
        }
        homa.wrap(seg, parser.homaOffset());
        long localId = homa.senderId() ^ 1;
        boolean isData = parser.type() == PacketType.DATA;
        long offset = 0, msgLen = 0, incoming = 0;
        int payload = 0;
        boolean rtx = false;
        if (isData) {
            data.wrap(seg, parser.homaOffset());
            offset = data.offset();
            msgLen = data.messageLength();
            incoming = data.incoming();
            payload = (int) parser.payloadLength();
            rtx = data.retransmit() != 0;
        }
        EgressReference.Learn learn = null;
        if (parser.type() == PacketType.GRANT) {
            int prio = new org.homanic.protocol.wire.GrantView().wrap(seg, parser.homaOffset()).priority();
            learn = new EgressReference.Learn(true, peer, localId, Math.min(prio, 7), new long[8]);
        } else if (parser.type() == PacketType.CUTOFFS) {
            org.homanic.protocol.wire.CutoffsView cv = new org.homanic.protocol.wire.CutoffsView().wrap(seg, parser.homaOffset());
            long[] cut = new long[8];
            for (int i = 1; i < 8; i++) cut[i] = cv.cutoff(i);
            learn = new EgressReference.Learn(false, peer, 0, 0, cut);
        }
        IngressMetadata m = new IngressMetadata(true, IngressPolicy.queueOf(peer, localId, queues), frame.length,
                parser.ipVersion() == 6, parser.vlanId() >= 0, parser.hijacked(), parser.priority(),
                homa.typeCode(), peer, homa.sport(), homa.dport(), localId, offset, payload, msgLen, incoming, rtx);
        return new Outcome(true, m, null, false, learn);
    }

    /** Counters as the reference sees them (the timing-dependent ones stay 0). */
    public long[] counters() {
        return counters.clone();
    }

    /** The Homa header length of a type, for generators. */
    static int headerLength(PacketType t) {
        return t == PacketType.DATA ? HomaHeaders.DATA.size() : t.minLength();
    }
}
