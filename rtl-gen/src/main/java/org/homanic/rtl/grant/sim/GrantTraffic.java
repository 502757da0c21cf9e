package org.homanic.rtl.grant.sim;

import org.homanic.protocol.rx.Reassembly;
import org.homanic.protocol.sched.DataArrival;
import org.homanic.protocol.sched.Decision;
import org.homanic.protocol.sched.GrantScheduler;
import org.homanic.protocol.sched.RpcKey;
import org.homanic.rtl.grant.GrantSchedulerParams;
import org.homanic.rtl.grant.TableHash;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * Random receiver-side traffic, closed-loop on the reference model's grants: many peers and
 * messages, senders that send what they are granted, loss (retransmitted later with the
 * retransmit flag), duplicates, reordering, aborts, messages that arrive before their receive
 * buffers, completed messages ended by the host, and more live messages than a small table's
 * sets hold. It also predicts, independently of the RTL, which events the hardware refuses
 * (table set full, one reassembly gap too many): those are not given to the reference. The
 * prediction is made again ({@link #replan}) when the hardware's front end takes the event,
 * since events wait in the hardware's queue and earlier ones change the tables meanwhile.
 */
public final class GrantTraffic {
    static final int MTU_PAYLOAD = 1400;

    private static final class Msg {
        final RpcKey key;
        final long length;
        final long incoming;
        final boolean buffersAtStart;
        long granted;
        long sent;
        final List<long[]> lost = new ArrayList<>();
        boolean refKnown;
        boolean refBuffers;
        boolean hwTracked;
        boolean done;
        Reassembly shadow;

        Msg(RpcKey key, long length, long incoming, boolean buffersAtStart) {
            this.key = key;
            this.length = length;
            this.incoming = incoming;
            this.buffersAtStart = buffersAtStart;
            this.granted = Math.min(incoming, length);
        }

        boolean sendable() {
            return !done && (!lost.isEmpty() || sent < Math.min(granted, length));
        }
    }

    private final SplittableRandom rnd;
    private final GrantSchedulerParams params;
    private final int peers;
    private final int maxLive;
    private final Map<RpcKey, Msg> msgs = new HashMap<>();
    private final List<Msg> live = new ArrayList<>();
    private final List<TrafficEvent> delayed = new ArrayList<>();
    private final Map<Integer, Set<RpcKey>> sets = new HashMap<>();
    private final int newPerMille;
    private long nextId = 1;
    private LongSupplier lengths;

    /** {@code newPerMille}: how often (per thousand events) a new message starts while fewer than maxLive are live. */
    public GrantTraffic(long seed, GrantSchedulerParams params, int peers, int maxLive, int newPerMille) {
        this.newPerMille = newPerMille;
        this.rnd = new SplittableRandom(seed);
        this.params = params;
        this.peers = peers;
        this.maxLive = maxLive;
    }

    /**
     * Draws message lengths from {@code lengths} (for example a workload's size distribution,
     * 1..1,000,000 bytes) instead of the built-in mix; null restores the built-in mix.
     */
    public GrantTraffic withLengths(LongSupplier lengths) {
        this.lengths = lengths;
        return this;
    }

    /** The next event, given the reference's state after every earlier event. */
    public TrafficEvent next(GrantScheduler ref) {
        for (int attempt = 0; ; attempt++) {
            TrafficEvent e = tryNext(ref, attempt > 50);
            if (e != null) return e;
        }
    }

    private TrafficEvent tryNext(GrantScheduler ref, boolean stuck) {
        int choice = rnd.nextInt(1000);
        // The host ends completed messages (consumed by the application).
        if (choice < 150) {
            for (Msg m : live) {
                if (m.refKnown && ref.bytesRemaining(m.key) == 0) return end(m);
            }
        }
        if (choice < 100 && !delayed.isEmpty()) {
            TrafficEvent d = delayed.remove(rnd.nextInt(delayed.size()));
            if (!msgs.get(d.key()).done) return plan(d.packet(), d.retransmit());
            return null;
        }
        if (choice < 60 || stuck) {
            List<Msg> noBuffers = live.stream().filter(m -> m.refKnown && !m.refBuffers).toList();
            if (!noBuffers.isEmpty()) {
                Msg m = noBuffers.get(rnd.nextInt(noBuffers.size()));
                return TrafficEvent.host(TrafficEvent.Kind.BUFFERS, m.key);
            }
        }
        if ((choice < 65 || (stuck && live.size() >= maxLive)) && !live.isEmpty()) {
            return end(live.get(rnd.nextInt(live.size())));
        }
        if ((choice >= 60 && choice < 60 + newPerMille || stuck) && live.size() < maxLive) {
            newMessage();
        }
        // Now and then a sender runs past its grant (a sender that does not wait, or one that
        // restarted): the receiver must still account exactly as the reference does.
        if (rnd.nextInt(100) == 0) {
            List<Msg> ahead = live.stream().filter(x -> !x.done && x.sent < x.length).toList();
            if (!ahead.isEmpty()) {
                Msg m = ahead.get(rnd.nextInt(ahead.size()));
                long off = m.sent;
                long len = Math.min(MTU_PAYLOAD, m.length - off);
                m.sent += len;
                return plan(packet(m, off, len), false);
            }
        }
        List<Msg> ready = live.stream().filter(Msg::sendable).toList();
        if (ready.isEmpty()) return null;
        Msg m = ready.get(rnd.nextInt(ready.size()));
        int r = rnd.nextInt(100);
        if (r < 3 && m.sent > 0) {
            // A duplicate of something already sent.
            long off = rnd.nextLong(m.sent);
            off -= off % MTU_PAYLOAD;
            long len = Math.min(MTU_PAYLOAD, m.length - off);
            return plan(packet(m, off, len), rnd.nextBoolean());
        }
        if (!m.lost.isEmpty() && (r < 10 || m.sent >= Math.min(m.granted, m.length))) {
            long[] range = m.lost.remove(rnd.nextInt(m.lost.size()));
            return plan(packet(m, range[0], range[1]), true);
        }
        if (m.sent >= Math.min(m.granted, m.length)) return null;
        long off = m.sent;
        long len = Math.min(MTU_PAYLOAD, Math.min(m.granted, m.length) - off);
        m.sent += len;
        if (r >= 10 && r < 13) {
            m.lost.add(new long[] {off, len});           // lost on the way; the sender resends it later
            return null;
        }
        if (r >= 13 && r < 18) {
            delayed.add(TrafficEvent.data(packet(m, off, len), false, true, false, false));  // reordered
            return null;
        }
        return plan(packet(m, off, len), false);
    }

    private void newMessage() {
        long peer = rnd.nextInt(peers);
        long id = (nextId++ << 1) | rnd.nextInt(2);
        long length = lengths != null ? lengths.getAsLong()
                : rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(30_000) : 2_000 + rnd.nextInt(300_000);
        long unsched = 10_000 + rnd.nextInt(30_000);
        long incoming = Math.min(unsched, length);
        Msg m = new Msg(new RpcKey(peer, id), length, incoming, rnd.nextInt(8) != 0);
        msgs.put(m.key, m);
        live.add(m);
    }

    private DataArrival packet(Msg m, long off, long len) {
        return new DataArrival(m.key, m.length, m.incoming, off, len, m.buffersAtStart);
    }

    /** The host ends the message: its sender stops now, its events still queued go first. */
    private TrafficEvent end(Msg m) {
        m.done = true;
        live.remove(m);
        return TrafficEvent.host(TrafficEvent.Kind.END, m.key);
    }

    /** The event with the hardware's fate predicted from the tables as they are now. */
    public TrafficEvent replan(TrafficEvent e) {
        return e.kind() == TrafficEvent.Kind.DATA ? plan(e.packet(), e.retransmit()) : e;
    }

    /** What the hardware will do with this packet, from the table and reassembly shadows. */
    private TrafficEvent plan(DataArrival p, boolean retransmit) {
        Msg m = msgs.get(p.rpc());
        if (m.hwTracked) {
            boolean refuse = m.refBuffers && m.shadow.wouldOpenGap(p.offset(), p.payloadLength())
                    && m.shadow.gaps().size() >= params.gaps();
            return TrafficEvent.data(p, retransmit, !refuse, false, refuse);
        }
        if (p.incoming() < p.messageLength()) {
            Set<RpcKey> set = sets.computeIfAbsent(setOf(m.key), k -> new HashSet<>());
            if (set.size() >= params.ways()) return TrafficEvent.data(p, retransmit, false, true, false);
        }
        return TrafficEvent.data(p, retransmit, true, false, false);
    }

    private int setOf(RpcKey k) {
        return TableHash.setIndex(k.peer(), k.id(), params.peerBits(), params.setBits());
    }

    /** The hardware's front end took the event (and, if planned so, the reference got it). */
    public void accepted(TrafficEvent e) {
        Msg m = msgs.get(e.key());
        switch (e.kind()) {
            case DATA -> {
                if (e.overflow()) {
                    m.done = true;          // the host schedules it in software from now on
                    live.remove(m);
                    return;
                }
                if (e.refused()) {
                    m.lost.add(new long[] {e.packet().offset(), e.packet().payloadLength()});
                    return;
                }
                if (!m.refKnown) {
                    m.refKnown = true;
                    m.refBuffers = e.packet().buffersAvailable();
                    m.shadow = new Reassembly(m.length);
                    if (e.packet().incoming() < e.packet().messageLength()) {
                        m.hwTracked = true;
                        sets.computeIfAbsent(setOf(m.key), k -> new HashSet<>()).add(m.key);
                    }
                }
                if (m.refBuffers) m.shadow.add(e.packet().offset(), e.packet().payloadLength());
            }
            case BUFFERS -> {
                m.refBuffers = true;
                m.sent = 0;                 // the RESEND(0, all) restarts the sender
                m.lost.clear();
            }
            case END -> {
                if (m.hwTracked) sets.get(setOf(m.key)).remove(m.key);
                m.hwTracked = false;
            }
        }
    }

    /** The reference's decisions for the last events: senders may send up to the new grants. */
    public void granted(List<Decision> refDecisions) {
        for (Decision d : refDecisions) {
            if (d instanceof Decision.Grant g) {
                Msg x = msgs.get(g.rpc());
                x.granted = Math.max(x.granted, g.offset());
            }
        }
    }

    /** Gives the reference a host command. */
    static List<Decision> apply(GrantScheduler ref, long time, TrafficEvent e) {
        return switch (e.kind()) {
            case DATA -> throw new IllegalArgumentException("DATA goes to the reference as a batch");
            case BUFFERS -> ref.onBufferAvailable(time, e.key());
            case END -> ref.onRpcEnd(time, e.key());
        };
    }
}
