package org.homanic.host.metrics;

import org.homanic.protocol.rx.Reassembly;
import org.homanic.protocol.wire.PacketType;
import org.homanic.protocol.wire.Rejection;

/**
 * Counters like HomaModule's {@code /proc/net/homa_metrics}: packets per type in each
 * direction, every drop by reason, grants, resends, timeouts. Plain longs, updated by the
 * stack's driver under its lock; read a consistent copy with {@link #snapshot}.
 */
public final class Metrics {
    /** Event counters that have no per-reason breakdown. */
    public enum Counter {
        DATA_BYTES_SENT, DATA_BYTES_RECEIVED, PACKETS_RETRANSMITTED, CLIENT_RPCS_STARTED, CLIENT_RPCS_COMPLETED,
        REQUESTS_DELIVERED, RESPONSES_SENT, CLIENT_TIMEOUTS, SERVER_TIMEOUTS, SERVER_RPCS_ACKED,
        SERVER_RPCS_REAPED, RPCS_ABORTED, PEER_UNREACHABLE, BUFFER_WAITS, BUFFER_RESTARTS, TIMER_TICKS
    }

    private final long[] sent = new long[PacketType.values().length];
    private final long[] received = new long[PacketType.values().length];
    private final long[] rejections = new long[Rejection.values().length];
    private final long[] reassemblyDrops = new long[Reassembly.Outcome.values().length];
    private final long[] hostDrops = new long[DropReason.values().length];
    private final long[] counters = new long[Counter.values().length];

    public void sent(PacketType type) { sent[type.ordinal()]++; }
    public void received(PacketType type) { received[type.ordinal()]++; }
    public void rejected(Rejection why) { rejections[why.ordinal()]++; }
    public void reassemblyDrop(Reassembly.Outcome why) { reassemblyDrops[why.ordinal()]++; }
    public void dropped(DropReason why) { hostDrops[why.ordinal()]++; }
    public void add(Counter c, long n) { counters[c.ordinal()] += n; }
    public void increment(Counter c) { counters[c.ordinal()]++; }

    public MetricsSnapshot snapshot(PoolUse pool) {
        return new MetricsSnapshot(sent.clone(), received.clone(), rejections.clone(), reassemblyDrops.clone(),
                hostDrops.clone(), counters.clone(), pool);
    }

    /** Receive buffer pool occupancy at snapshot time. */
    public record PoolUse(int pages, int freePages, int messagesWaiting) {}
}
