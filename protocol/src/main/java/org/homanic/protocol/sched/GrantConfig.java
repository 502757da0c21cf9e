package org.homanic.protocol.sched;

import org.homanic.protocol.wire.HomaConstants;

/**
 * The grant scheduler's knobs (spec 3.1), with HomaModule's defaults from {@link #defaults()}.
 *
 * @param maxOvercommit      messages granted at once; capped at 8 (HOMA_MAX_GRANTS)
 * @param maxIncoming        cap on granted-but-unreceived bytes over all grantable messages
 * @param window             fixed per-message window, or 0 for the dynamic max_incoming / (active + 1)
 * @param grantFifoFraction  thousandths of link bandwidth given to FIFO grants; capped at 500; 0 disables
 * @param fifoGrantIncrement bytes per FIFO grant; 0 disables
 * @param linkMbps           link speed, for the FIFO grant interval
 * @param numPriorities      priority levels in use (FIFO grants use numPriorities − 2)
 * @param maxSchedPrio       highest scheduled level (3 with the default cutoffs)
 */
public record GrantConfig(int maxOvercommit, long maxIncoming, long window, int grantFifoFraction,
                          long fifoGrantIncrement, long linkMbps, int numPriorities, int maxSchedPrio) {
    public static final int MAX_GRANTS = 8;

    public GrantConfig {
        maxOvercommit = Math.min(maxOvercommit, MAX_GRANTS);
        grantFifoFraction = Math.min(grantFifoFraction, 500);
        if (maxOvercommit < 1) throw new IllegalArgumentException("max_overcommit must be at least 1");
        if (maxIncoming <= 0) throw new IllegalArgumentException("max_incoming must be positive");
        if (window < 0) throw new IllegalArgumentException("window must be 0 (dynamic) or positive");
        if (grantFifoFraction < 0 || fifoGrantIncrement < 0) throw new IllegalArgumentException("FIFO knobs must not be negative");
        if (linkMbps <= 0) throw new IllegalArgumentException("link_mbps must be positive");
        if (numPriorities < 2 || numPriorities > HomaConstants.MAX_PRIORITIES) {
            throw new IllegalArgumentException("num_priorities must be 2..8");
        }
        if (maxSchedPrio < 0 || maxSchedPrio >= numPriorities) throw new IllegalArgumentException("max_sched_prio out of range");
    }

    public static GrantConfig defaults() {
        return new GrantConfig(8, 400_000, 0, 50, 50_000, 25_000, 8, 3);
    }

    public GrantConfig withMaxOvercommit(int v) {
        return new GrantConfig(v, maxIncoming, window, grantFifoFraction, fifoGrantIncrement, linkMbps, numPriorities, maxSchedPrio);
    }

    public GrantConfig withMaxIncoming(long v) {
        return new GrantConfig(maxOvercommit, v, window, grantFifoFraction, fifoGrantIncrement, linkMbps, numPriorities, maxSchedPrio);
    }

    public GrantConfig withWindow(long v) {
        return new GrantConfig(maxOvercommit, maxIncoming, v, grantFifoFraction, fifoGrantIncrement, linkMbps, numPriorities, maxSchedPrio);
    }

    /** FIFO grants off (fraction 0): most rule tests want only the SRPT grants. */
    public GrantConfig withoutFifo() {
        return new GrantConfig(maxOvercommit, maxIncoming, window, 0, fifoGrantIncrement, linkMbps, numPriorities, maxSchedPrio);
    }

    /**
     * Nanoseconds to send one FIFO increment at link_mbps × fraction / 1000; 0 when FIFO
     * grants are disabled. Defaults: 50000 B × 8 / 1250 Mb/s = 320 µs.
     */
    public long fifoIntervalNanos() {
        if (grantFifoFraction == 0 || fifoGrantIncrement == 0) return 0;
        return fifoGrantIncrement * 8L * 1_000_000L / (linkMbps * grantFifoFraction);
    }
}
