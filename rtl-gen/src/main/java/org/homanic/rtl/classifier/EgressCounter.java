package org.homanic.rtl.classifier;

import java.util.ArrayList;
import java.util.List;

/** The egress counters, in register order: one 32-bit wrapping counter each. */
public record EgressCounter(String name, String description) {
    public static final List<EgressCounter> ALL;
    public static final int FRAMES = 0, HOMA = 1, OVERRIDES = 2, FALLBACK_CUTOFFS = 3, FALLBACK_GRANT = 4,
            STAGING_FULL = 5, QUEUE_FULL = 6, LEVEL_BASE = 7;

    static {
        List<EgressCounter> all = new ArrayList<>();
        all.add(new EgressCounter("frames", "frames from the host"));
        all.add(new EgressCounter("homa", "frames that are valid Homa packets (priority rewritten)"));
        all.add(new EgressCounter("overrides", "frames whose level the host set through tuser"));
        all.add(new EgressCounter("fallback_cutoffs", "unscheduled DATA to a peer without learned cutoffs (default cutoffs used)"));
        all.add(new EgressCounter("fallback_grant", "scheduled DATA of an RPC without a learned GRANT (level 0 used)"));
        all.add(new EgressCounter("staging_full", "frames dropped because the staging buffer had no room"));
        all.add(new EgressCounter("queue_full", "packets dropped because their level queue had no room"));
        for (int i = 0; i < 8; i++) all.add(new EgressCounter("enqueued_" + i, "packets written to level queue " + i));
        ALL = List.copyOf(all);
    }
}
