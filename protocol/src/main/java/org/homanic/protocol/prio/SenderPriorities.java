package org.homanic.protocol.prio;

import org.homanic.protocol.wire.HomaConstants;

/**
 * What a sender knows about one destination's priorities (HomaModule {@code homa_peer}
 * cutoffs, spec 2.2–2.3 and 4) and the level it uses for each packet.
 */
public final class SenderPriorities {
    private final long[] cutoffs = new long[HomaConstants.MAX_PRIORITIES];
    private int cutoffVersion;
    private int numPriorities;

    /**
     * A peer from which no CUTOFFS has arrived yet: [7]=0 and [6]=Integer.MAX_VALUE, so every
     * unscheduled packet goes at level 6, and DATA carries cutoff_version 0.
     */
    public SenderPriorities(int numPriorities) {
        if (numPriorities < 2 || numPriorities > HomaConstants.MAX_PRIORITIES) {
            throw new IllegalArgumentException("num_priorities must be 2..8, not " + numPriorities);
        }
        this.numPriorities = numPriorities;
        cutoffs[HomaConstants.MAX_PRIORITIES - 1] = 0;
        cutoffs[HomaConstants.MAX_PRIORITIES - 2] = Integer.MAX_VALUE;
    }

    /** Applies a received CUTOFFS: entries 1..7 as sent, entry 0 forced to Integer.MAX_VALUE. */
    public void onCutoffs(long[] received, int version) {
        if (received.length != HomaConstants.MAX_PRIORITIES) throw new IllegalArgumentException("need 8 cutoffs");
        System.arraycopy(received, 1, cutoffs, 1, cutoffs.length - 1);
        cutoffs[0] = Integer.MAX_VALUE;
        cutoffVersion = version;
    }

    /** The cutoff_version to put in every DATA packet to this peer. */
    public int cutoffVersion() { return cutoffVersion; }

    /** Level for unscheduled packets of a message of this length: highest i with cutoff[i] ≥ length. */
    public int unscheduledLevel(long messageLength) {
        for (int i = numPriorities - 1; i >= 0; i--) {
            if (cutoffs[i] >= messageLength) return i;
        }
        return 0;
    }

    /**
     * Level of the DATA packet that starts at {@code offset}: unscheduled bytes (offset below
     * min(unschedBytes, length)) use the cutoffs; the rest use the priority of the latest GRANT
     * ({@code schedPriority}, 0 before any GRANT).
     */
    public int dataLevel(long offset, long messageLength, long unschedBytes, int schedPriority) {
        long unscheduled = Math.min(unschedBytes, messageLength);
        return offset < unscheduled ? unscheduledLevel(messageLength) : schedPriority;
    }

    /** Every control packet goes at the highest level. */
    public int controlLevel() { return numPriorities - 1; }

    /** FIFO grants and the buffer-available RESEND use num_priorities − 2. */
    public static int highLevel(int numPriorities) { return numPriorities - 2; }

    /** The 3-bit value for TOS / traffic-class bits 7..5: priority_map[level] (identity by default). */
    public static int wireValue(int level, int[] priorityMap) {
        return priorityMap[level];
    }
}
