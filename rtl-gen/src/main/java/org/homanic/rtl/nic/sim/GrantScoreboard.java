package org.homanic.rtl.nic.sim;

import org.homanic.protocol.rx.Reassembly;
import org.homanic.protocol.sched.DataArrival;
import org.homanic.protocol.sched.Decision;
import org.homanic.protocol.sched.GrantConfig;
import org.homanic.protocol.sched.GrantScheduler;
import org.homanic.protocol.sched.RpcKey;
import org.homanic.protocol.wire.DataView;
import org.homanic.protocol.wire.FrameParser;
import org.homanic.protocol.wire.GrantView;
import org.homanic.protocol.wire.PacketType;

import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks one NIC's GRANTs against the reference scheduler ({@code protocol.sched.GrantScheduler})
 * fed the same events: every Homa DATA packet the NIC delivers to the host is the event the NIC's
 * scheduler saw, in the same order (one Homa host queue). Events are given to the reference
 * {@link #SETTLE_CYCLES} cycles after delivery, when a table-full notice for them would have
 * come: refused events (table set full, one reassembly gap too many) are not given to it
 * (docs/grant-scheduler.md, "Equivalence"). Each GRANT frame the NIC sends must equal the
 * reference's next GRANT (RPC, offset, priority). Host commands (END) enter the reference after
 * exactly the events the hardware took before them ({@code sched_events}, read right after the
 * command). FIFO grants must be off (they depend on time).
 */
public final class GrantScoreboard {
    public static final int SETTLE_CYCLES = 4000;

    private record Event(long cycle, RpcKey key, long length, long incoming, long offset, long payload) {}

    private record Command(int op, RpcKey key, long eventsBefore) {}

    private final GrantScheduler reference;
    private final int gaps;
    private final ArrayDeque<Event> pending = new ArrayDeque<>();
    private final ArrayDeque<Command> commands = new ArrayDeque<>();
    private final ArrayDeque<Decision.Grant> expected = new ArrayDeque<>();
    private final ArrayDeque<Decision.Grant> actual = new ArrayDeque<>();
    private final Map<RpcKey, Integer> notices = new HashMap<>();
    private final Map<RpcKey, Reassembly> shadows = new HashMap<>();
    private final FrameParser parser = new FrameParser();
    private final DataView data = new DataView();
    private final GrantView grant = new GrantView();
    private long events;
    private long refused;
    private long matched;
    private long mismatches;
    private String firstMismatch;

    public GrantScoreboard(GrantConfig config, int gaps) {
        if (config.grantFifoFraction() != 0 && config.fifoGrantIncrement() != 0) {
            throw new IllegalArgumentException("the scoreboard needs FIFO grants off (they depend on time)");
        }
        this.reference = new GrantScheduler(config);
        this.gaps = gaps;
    }

    /** A frame the NIC delivered to the host at {@code cycle}. */
    public void hostRx(byte[] frame, long cycle) {
        MemorySegment seg = MemorySegment.ofArray(frame);
        if (!parser.parseFrame(seg, 0, frame.length) || parser.type() != PacketType.DATA) return;
        data.wrap(seg, parser.homaOffset());
        int peer = ipv4Source(frame);
        RpcKey key = new RpcKey(Integer.toUnsignedLong(peer), data.senderId() ^ 1);
        pending.add(new Event(cycle, key, data.messageLength(), data.incoming(), data.offset(), parser.payloadLength()));
    }

    /** The scheduler took a host command after {@code eventsBefore} DATA events. */
    public void command(int op, long peer, long id, long eventsBefore) {
        commands.add(new Command(op, new RpcKey(peer, id), eventsBefore));
    }

    /** A table-full notice: the next event of this message was refused. */
    public void notice(long peer, long id) {
        notices.merge(new RpcKey(peer, id), 1, Integer::sum);
    }

    /** A frame the NIC generated (MAC TX, tuser bit 3). */
    public void nicFrame(byte[] frame) {
        MemorySegment seg = MemorySegment.ofArray(frame);
        if (!parser.parseFrame(seg, 0, frame.length) || parser.type() != PacketType.GRANT) {
            mismatch("the NIC sent a frame that is not a valid GRANT (" + frame.length + " bytes)");
            return;
        }
        grant.wrap(seg, parser.homaOffset());
        int dst = ipv4Destination(frame);
        // A GRANT's sender_id is the id of the RPC at the receiver that sends it: the reference's key.
        actual.add(new Decision.Grant(new RpcKey(Integer.toUnsignedLong(dst), grant.senderId()), grant.offset(),
                grant.priority(), null));
        compare();
    }

    /** Gives the reference every event older than {@link #SETTLE_CYCLES} (all with {@code flush}). */
    public void advance(long cycle, boolean flush) {
        while (!pending.isEmpty() && (flush || pending.peek().cycle() + SETTLE_CYCLES <= cycle)) {
            applyCommands();
            Event e = pending.poll();
            events++;
            Integer n = notices.get(e.key());
            if (n != null && n > 0) {
                notices.put(e.key(), n - 1);
                refused++;
                continue;
            }
            Reassembly shadow = shadows.get(e.key());
            if (e.incoming() < e.length()) {
                if (shadow == null) shadows.put(e.key(), shadow = new Reassembly(e.length()));
                if (shadow.wouldOpenGap(e.offset(), e.payload()) && shadow.gaps().size() >= gaps) {
                    refused++;
                    continue;
                }
                shadow.add(e.offset(), e.payload());
            }
            for (Decision d : reference.onData(0, new DataArrival(e.key(), e.length(), e.incoming(), e.offset(), e.payload()))) {
                if (d instanceof Decision.Grant g) expected.add(g);
            }
        }
        if (flush) applyCommands();
        compare();
    }

    /** Host commands the scheduler took before the next event (events are counted as the hardware counts them). */
    private void applyCommands() {
        while (!commands.isEmpty() && commands.peek().eventsBefore() <= events) {
            Command c = commands.poll();
            if (c.op() == org.homanic.rtl.grant.HostCommand.END) {
                shadows.remove(c.key());
                for (Decision d : reference.onRpcEnd(0, c.key())) if (d instanceof Decision.Grant g) expected.add(g);
            }
        }
    }

    private void compare() {
        while (!expected.isEmpty() && !actual.isEmpty()) {
            Decision.Grant want = expected.poll(), got = actual.poll();
            if (!want.rpc().equals(got.rpc()) || want.offset() != got.offset() || want.priority() != got.priority()) {
                mismatch("GRANT #" + matched + ": the reference sends " + want + ", the NIC sent " + got);
            } else {
                matched++;
            }
        }
    }

    private void mismatch(String what) {
        mismatches++;
        if (firstMismatch == null) firstMismatch = what;
    }

    /** After {@link #advance}(…, true): GRANTs one side sent and the other did not. */
    public long unmatched() { return expected.size() + actual.size(); }
    public long events() { return events; }
    public long refused() { return refused; }
    public long matched() { return matched; }
    public long mismatches() { return mismatches; }
    public String firstMismatch() { return firstMismatch; }

    public String summary() {
        return events + " events (" + refused + " refused), " + matched + " GRANTs equal to the reference, "
                + mismatches + " mismatches, " + expected.size() + " expected but not sent, " + actual.size() + " sent but not expected"
                + (firstMismatch != null ? "; first: " + firstMismatch : "");
    }

    static int ipv4Source(byte[] f) { return be32(f, 26); }
    static int ipv4Destination(byte[] f) { return be32(f, 30); }

    private static int be32(byte[] f, int at) {
        return ((f[at] & 0xFF) << 24) | ((f[at + 1] & 0xFF) << 16) | ((f[at + 2] & 0xFF) << 8) | (f[at + 3] & 0xFF);
    }
}
