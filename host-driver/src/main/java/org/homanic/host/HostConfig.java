package org.homanic.host;

import org.homanic.host.timer.TimerConfig;
import org.homanic.protocol.sched.GrantConfig;
import org.homanic.protocol.wire.HomaConstants;

/**
 * Everything a {@link HomaStack} can be tuned with; {@link #defaults()} are HomaModule's values
 * where it has one.
 *
 * @param timers            tick, resend and timeout knobs
 * @param grants            the software grant scheduler's knobs (used when the NIC does not schedule grants)
 * @param unschedBytes      bytes a message may send before any GRANT (40000)
 * @param numPriorities     priority levels in use (8)
 * @param poolBytes         receive buffer region size, a multiple of 64 KiB, at least {@link #MIN_POOL_BYTES}
 * @param batchSize         packets per datapath send/poll batch
 * @param txPacketsPerRound DATA packets the sender emits per driver round, so SRPT decides who goes first
 * @param pacerFifoFraction thousandths of sender picks that go to the oldest message (50)
 * @param maxOutgoingBytes  bytes of unsent-or-unacknowledged outgoing messages a stack holds (wmem_max, 100,000,000)
 */
public record HostConfig(TimerConfig timers, GrantConfig grants, long unschedBytes, int numPriorities, long poolBytes,
                         int batchSize, int txPacketsPerRound, int pacerFifoFraction, long maxOutgoingBytes) {
    /**
     * HomaModule requires a region of at least 2 × the largest message plus a page per core, so
     * that a largest message can always be placed; one core here: 2 × 16 + 1 bpages.
     */
    public static final long MIN_POOL_BYTES = (2L * ((HomaConstants.MAX_MESSAGE_LENGTH + HomaConstants.BPAGE_SIZE - 1)
            / HomaConstants.BPAGE_SIZE) + 1) * HomaConstants.BPAGE_SIZE;

    public HostConfig {
        if (unschedBytes <= 0) throw new IllegalArgumentException("unsched_bytes must be positive");
        if (numPriorities < 2 || numPriorities > HomaConstants.MAX_PRIORITIES) throw new IllegalArgumentException("num_priorities must be 2..8");
        if (poolBytes < MIN_POOL_BYTES || poolBytes % HomaConstants.BPAGE_SIZE != 0) {
            throw new IllegalArgumentException("pool must be a multiple of 65536 and at least " + MIN_POOL_BYTES + " bytes, not " + poolBytes);
        }
        if (batchSize < 1 || txPacketsPerRound < 1) throw new IllegalArgumentException("batch sizes must be positive");
        if (maxOutgoingBytes < HomaConstants.MAX_MESSAGE_LENGTH) throw new IllegalArgumentException("max outgoing bytes below one message");
    }

    public static HostConfig defaults() {
        return new HostConfig(TimerConfig.defaults(), GrantConfig.defaults(), 40_000, HomaConstants.MAX_PRIORITIES,
                64L << 20, 64, 64, 50, 100_000_000);
    }

    public HostConfig withTimers(TimerConfig t) {
        return new HostConfig(t, grants, unschedBytes, numPriorities, poolBytes, batchSize, txPacketsPerRound, pacerFifoFraction, maxOutgoingBytes);
    }

    public HostConfig withGrants(GrantConfig g) {
        return new HostConfig(timers, g, unschedBytes, numPriorities, poolBytes, batchSize, txPacketsPerRound, pacerFifoFraction, maxOutgoingBytes);
    }

    public HostConfig withUnschedBytes(long b) {
        return new HostConfig(timers, grants, b, numPriorities, poolBytes, batchSize, txPacketsPerRound, pacerFifoFraction, maxOutgoingBytes);
    }

    public HostConfig withPoolBytes(long b) {
        return new HostConfig(timers, grants, unschedBytes, numPriorities, b, batchSize, txPacketsPerRound, pacerFifoFraction, maxOutgoingBytes);
    }

    public HostConfig withTxPacketsPerRound(int n) {
        return new HostConfig(timers, grants, unschedBytes, numPriorities, poolBytes, batchSize, n, pacerFifoFraction, maxOutgoingBytes);
    }

    public HostConfig withMaxOutgoingBytes(long n) {
        return new HostConfig(timers, grants, unschedBytes, numPriorities, poolBytes, batchSize, txPacketsPerRound, pacerFifoFraction, n);
    }
}
