package org.homanic.host.metrics;

import org.homanic.protocol.rx.Reassembly;
import org.homanic.protocol.wire.PacketType;
import org.homanic.protocol.wire.Rejection;

import java.util.EnumMap;
import java.util.Map;

/** A consistent copy of a stack's {@link Metrics}. */
public final class MetricsSnapshot {
    private final long[] sent, received, rejections, reassemblyDrops, hostDrops, counters;
    private final Metrics.PoolUse pool;

    MetricsSnapshot(long[] sent, long[] received, long[] rejections, long[] reassemblyDrops, long[] hostDrops,
                    long[] counters, Metrics.PoolUse pool) {
        this.sent = sent;
        this.received = received;
        this.rejections = rejections;
        this.reassemblyDrops = reassemblyDrops;
        this.hostDrops = hostDrops;
        this.counters = counters;
        this.pool = pool;
    }

    public long sent(PacketType type) { return sent[type.ordinal()]; }
    public long received(PacketType type) { return received[type.ordinal()]; }
    public long rejected(Rejection why) { return rejections[why.ordinal()]; }
    public long reassemblyDropped(Reassembly.Outcome why) { return reassemblyDrops[why.ordinal()]; }
    public long dropped(DropReason why) { return hostDrops[why.ordinal()]; }
    public long get(Metrics.Counter c) { return counters[c.ordinal()]; }
    public Metrics.PoolUse pool() { return pool; }

    public long grantsSent() { return sent(PacketType.GRANT); }
    public long grantsReceived() { return received(PacketType.GRANT); }
    public long resendsSent() { return sent(PacketType.RESEND); }
    public long timeouts() { return get(Metrics.Counter.CLIENT_TIMEOUTS) + get(Metrics.Counter.SERVER_TIMEOUTS); }

    /** Every dropped packet: parser rejections, reassembly drops and host drops. */
    public long totalDrops() {
        long n = 0;
        for (long v : rejections) n += v;
        for (long v : reassemblyDrops) n += v;
        for (long v : hostDrops) n += v;
        return n;
    }

    /** Non-zero counters by name, for printing. */
    public Map<String, Long> asMap() {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (PacketType t : PacketType.values()) {
            if (sent(t) != 0) out.put("sent." + t, sent(t));
            if (received(t) != 0) out.put("received." + t, received(t));
        }
        for (Rejection r : Rejection.values()) if (rejected(r) != 0) out.put("rejected." + r, rejected(r));
        for (Reassembly.Outcome o : Reassembly.Outcome.values()) if (reassemblyDropped(o) != 0) out.put("reassembly." + o, reassemblyDropped(o));
        for (DropReason d : DropReason.values()) if (dropped(d) != 0) out.put("dropped." + d, dropped(d));
        for (Metrics.Counter c : Metrics.Counter.values()) if (get(c) != 0) out.put(c.name().toLowerCase(java.util.Locale.ROOT), get(c));
        out.put("pool.pages", (long) pool.pages());
        out.put("pool.freePages", (long) pool.freePages());
        out.put("pool.messagesWaiting", (long) pool.messagesWaiting());
        return out;
    }

    /** Reassembly drop counts as an EnumMap (only the drop outcomes). */
    public Map<Reassembly.Outcome, Long> reassemblyDrops() {
        Map<Reassembly.Outcome, Long> m = new EnumMap<>(Reassembly.Outcome.class);
        for (Reassembly.Outcome o : Reassembly.Outcome.values()) if (!o.kept()) m.put(o, reassemblyDropped(o));
        return m;
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
