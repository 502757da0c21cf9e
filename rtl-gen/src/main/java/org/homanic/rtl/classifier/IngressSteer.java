package org.homanic.rtl.classifier;

import org.homanic.hdl.Axis;
import org.homanic.hdl.Bool;
import org.homanic.hdl.Module;
import org.homanic.hdl.Stream;
import org.homanic.hdl.UInt;
import org.homanic.hdl.Vec;
import org.homanic.hdl.lib.Fifo;
import org.homanic.protocol.wire.PacketType;

import static org.homanic.hdl.Hdl.*;

/**
 * Steer stage: takes whole validated packets (and their metadata, in the same order) from the
 * receive buffer and writes each into its host queue, or drops it whole when that queue has no
 * room for all its beats (decided at the first beat, so a packet is never cut). For each DATA
 * packet written, a grant-scheduler event goes to a separate FIFO (dropped and counted when
 * full). Reads one beat per cycle.
 */
public final class IngressSteer extends Module {
    public final Stream<Axis.Beat> in;
    public final Stream<IngressMeta> inMeta;
    /** Beats of the packet whose metadata is at {@code inMeta} (from a FIFO kept in step with it). */
    public final UInt inBeats;
    public final Vec<Axis> hostData;
    public final Vec<Stream<IngressMeta>> hostMeta;
    public final Stream<IngressMeta> event;
    public final Bool hostFull = output("host_full", Bool());
    public final Bool eventDropped = output("event_dropped", Bool());
    public final Bool deliveredHoma = output("delivered_homa", Bool());
    public final Bool deliveredOther = output("delivered_other", Bool());
    public final Bool dataEvent = output("data_event", Bool());
    /** Queue threshold in beats: a packet is taken only while level + its beats stays at or below it. */
    public final UInt limit = input("limit", UInt(16));

    public IngressSteer(int dataWidth, int queues, int queueDepth, int eventDepth) {
        param("DATA_WIDTH", dataWidth);
        param("QUEUES", queues);
        param("QUEUE_DEPTH", queueDepth);
        param("EVENT_DEPTH", eventDepth);
        int beatBytes = dataWidth / 8;
        int lb = clog2(beatBytes);
        int outputs = queues + 1;
        in = input("in", new Stream<>(() -> new Axis.Beat(dataWidth, 1)));
        inMeta = input("in_meta", new Stream<>(IngressMeta::new));
        inBeats = input("in_beats", UInt(beatsWidth(dataWidth)));
        hostData = output("host", new Vec<>(outputs, i -> new Axis(dataWidth, 1)));
        hostMeta = output("host_meta", new Vec<>(outputs, i -> new Stream<>(IngressMeta::new)));
        event = output("event", new Stream<>(IngressMeta::new));

        Bool inPacket = reg("in_packet", Bool(), 0);
        UInt selected = reg("selected", UInt(4), 0);
        Bool accepted = reg("accepted", Bool(), 0);
        Bool head = let("head", inPacket.not());
        IngressMeta meta = inMeta.payload;
        // Beats of the packet at the head: ceil(length / beatBytes).
        int sw = Math.max(clog2(queueDepth) + 1, inBeats.width());

        Bool[] room = new Bool[outputs];
        @SuppressWarnings("unchecked")
        Fifo<Axis.Beat>[] data = new Fifo[outputs];
        @SuppressWarnings("unchecked")
        Fifo<IngressMeta>[] metas = new Fifo[outputs];
        for (int q = 0; q < outputs; q++) {
            data[q] = instance("data_q" + q, new Fifo<>(() -> new Axis.Beat(dataWidth, 1), queueDepth));
            metas[q] = instance("meta_q" + q, new Fifo<>(IngressMeta::new, queueDepth));
            // Free beats, registered so the room check is one compare: below the memory size a
            // margin of one beat covers the write of the cycle the value is a cycle old; the
            // threshold has no margin (a soft limit: it may be passed by that one beat).
            UInt used = data[q].level.extend(sw).add(data[q].out.valid.extend(sw));
            UInt free = reg("free_q" + q, UInt(sw), 0);
            UInt soft = reg("below_limit_q" + q, UInt(sw), 0);
            sync(free, mux(used.lt(queueDepth - 1), lit(queueDepth - 1, sw).sub(used), lit(0, sw)));
            UInt lim = sw >= 16 ? limit.extend(sw)            // saturate the 16-bit limit to sw bits
                    : limit.resize(sw).or(mux(limit.gt((1L << sw) - 1), lit((1L << sw) - 1, sw), lit(0, sw)));
            sync(soft, mux(used.lt(lim), lim.sub(used), lit(0, sw)));
            // Room for the metadata word too: a host that reads data but not metadata loses packets whole.
            UInt beats = inBeats.extend(sw);
            room[q] = beats.le(free).and(beats.le(soft)).and(metas[q].in.ready);
        }
        UInt roomBits = let("room", cat(reverse(room)));
        Bool inReady = let("take", inPacket.or(inMeta.valid));
        comb(in.ready, inReady);
        Bool fire = let("fire", in.valid.and(inReady));
        UInt selNow = meta.queue;
        Bool accNow = let("acc_now", roomBits.bit(selNow));
        UInt selCur = mux(inPacket, selected, selNow);
        Bool accCur = mux(inPacket, accepted, accNow);
        Bool start = let("start", fire.and(head));
        Bool startOk = let("start_ok", start.and(accNow));
        for (int q = 0; q < outputs; q++) {
            comb(data[q].in.valid, fire.and(accCur).and(selCur.eq(q)));
            comb(data[q].in.payload, in.payload);
            comb(metas[q].in.valid, startOk.and(selNow.eq(q)));
            comb(metas[q].in.payload, meta);
            unused(data[q].in.ready);
            connect(hostData.get(q).asStream(), data[q].out);
            connect(hostMeta.get(q), metas[q].out);
        }
        comb(inMeta.ready, fire.and(in.payload.last));
        when(fire, () -> {
            sync(inPacket, in.payload.last.not());
            when(head, () -> {
                sync(selected, selNow);
                sync(accepted, accNow);
            });
        });

        Fifo<IngressMeta> events = instance("events", new Fifo<>(IngressMeta::new, eventDepth));
        Bool isData = meta.homa.and(meta.type.eq(PacketType.DATA.code()));
        Bool push = let("event_push", startOk.and(isData));
        comb(events.in.valid, push);
        comb(events.in.payload, meta);
        connect(event, events.out);
        unused(events.level);
        for (Fifo<IngressMeta> m : metas) unused(m.level);
        comb(hostFull, start.and(accNow.not()));
        comb(eventDropped, push.and(events.in.ready.not()));
        comb(dataEvent, push.and(events.in.ready));
        comb(deliveredHoma, startOk.and(meta.homa));
        comb(deliveredOther, startOk.and(meta.homa.not()));
    }

    /** Width of a beat count: frames up to 2^20 bytes. */
    public static int beatsWidth(int dataWidth) {
        return 21 - clog2(dataWidth / 8);
    }

    private static Bool[] reverse(Bool[] a) {
        Bool[] r = new Bool[a.length];
        for (int i = 0; i < a.length; i++) r[i] = a[a.length - 1 - i];
        return r;
    }
}
