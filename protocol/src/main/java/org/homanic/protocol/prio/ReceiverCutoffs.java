package org.homanic.protocol.prio;

import org.homanic.protocol.wire.HomaConstants;

import java.util.Arrays;

/**
 * A receiver's unscheduled-priority table (sysctls {@code unsched_cutoffs}, {@code num_priorities},
 * read-only {@code max_sched_prio} and {@code cutoff_version}; spec 2.1, 2.2) and the rule for
 * when it sends CUTOFFS to a peer.
 */
public final class ReceiverCutoffs {
    /** Default table at module load: [7]=200, [6]=2800, [5]=15000, [4]=1,000,000, [0..3]=0. */
    public static final long[] DEFAULT_CUTOFFS = {0, 0, 0, 0, HomaConstants.MAX_MESSAGE_LENGTH, 15000, 2800, 200};

    private final long[] cutoffs;
    private int numPriorities;
    private int version;
    private int maxSchedPrio;

    /** The table HomaModule has right after loading: defaults, 8 levels, version 1. */
    public ReceiverCutoffs() {
        cutoffs = DEFAULT_CUTOFFS.clone();
        numPriorities = HomaConstants.MAX_PRIORITIES;
        version = 1;
        maxSchedPrio = deriveMaxSchedPrio();
    }

    /**
     * Writes the sysctls: entry 0 is forced to "everything" (Integer.MAX_VALUE), entries at or
     * above {@code numPriorities} to 0, and the version advances.
     */
    public void update(long[] newCutoffs, int newNumPriorities) {
        if (newCutoffs.length != HomaConstants.MAX_PRIORITIES) throw new IllegalArgumentException("need 8 cutoffs");
        if (newNumPriorities < 1 || newNumPriorities > HomaConstants.MAX_PRIORITIES) {
            throw new IllegalArgumentException("num_priorities must be 1..8, not " + newNumPriorities);
        }
        System.arraycopy(newCutoffs, 0, cutoffs, 0, cutoffs.length);
        cutoffs[0] = Integer.MAX_VALUE;
        for (int i = newNumPriorities; i < cutoffs.length; i++) cutoffs[i] = 0;
        numPriorities = newNumPriorities;
        version++;
        maxSchedPrio = deriveMaxSchedPrio();
    }

    /**
     * (Index of the highest entry whose cutoff is at least 1,000,000) − 1: the levels above it
     * are for unscheduled packets. Clamped at 0 when only entry 0 qualifies, so scheduled
     * packets always have level 0.
     */
    private int deriveMaxSchedPrio() {
        for (int i = cutoffs.length - 1; i >= 0; i--) {
            if (cutoffs[i] >= HomaConstants.MAX_MESSAGE_LENGTH) return Math.max(0, i - 1);
        }
        return 0;
    }

    /**
     * Whether a DATA packet carrying {@code packetCutoffVersion} should be answered with a
     * CUTOFFS packet: the versions differ and no CUTOFFS went to that peer in the same jiffy.
     */
    public boolean shouldSendCutoffs(int packetCutoffVersion, long peerLastUpdateJiffy, long nowJiffy) {
        return packetCutoffVersion != version && peerLastUpdateJiffy != nowJiffy;
    }

    public long cutoff(int level) { return cutoffs[level]; }
    public long[] cutoffs() { return cutoffs.clone(); }
    public int numPriorities() { return numPriorities; }
    public int version() { return version; }
    public int maxSchedPrio() { return maxSchedPrio; }

    @Override
    public String toString() {
        return "cutoffs " + Arrays.toString(cutoffs) + " v" + version + " max_sched_prio " + maxSchedPrio;
    }
}
