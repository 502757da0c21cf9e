package org.homanic.rtl.classifier;

import org.homanic.protocol.wire.Rejection;

import java.util.ArrayList;
import java.util.List;

/**
 * The ingress counters, in register order: one 32-bit wrapping counter each. The reason
 * counters count every frame whose parse ended with that rejection (dropped, or passed to the
 * default queue for the {@link IngressPolicy#PASS_THROUGH} reasons); frames marked bad by the
 * MAC count only under {@code BAD_FRAME}.
 */
public record IngressCounter(String name, String description) {

    public static final List<IngressCounter> ALL;
    public static final int FRAMES = 0, BAD_FRAME = 1, HOMA_VALID = 2, REASON_BASE = 3;
    public static final int BUFFER_FULL, HOST_QUEUE_FULL, EVENTS_DROPPED, DELIVERED_HOMA, DELIVERED_OTHER, DATA_EVENTS;

    static {
        List<IngressCounter> all = new ArrayList<>();
        all.add(new IngressCounter("frames", "frames received (last beats seen)"));
        all.add(new IngressCounter("bad_frame", "frames the MAC marked bad (tuser[0] with the last beat): dropped"));
        all.add(new IngressCounter("homa_valid", "Homa packets that passed validation"));
        for (Rejection r : Rejection.values()) {
            all.add(new IngressCounter("reason_" + r.name().toLowerCase(), r.explanation()
                    + (IngressPolicy.PASS_THROUGH.contains(r) ? " (passed to the default queue)" : " (dropped)")));
        }
        BUFFER_FULL = all.size();
        all.add(new IngressCounter("buffer_full", "frames dropped because the receive buffer had no room"));
        HOST_QUEUE_FULL = all.size();
        all.add(new IngressCounter("host_queue_full", "packets dropped because their host queue had no room"));
        EVENTS_DROPPED = all.size();
        all.add(new IngressCounter("events_dropped", "grant-scheduler events lost because the event FIFO was full"));
        DELIVERED_HOMA = all.size();
        all.add(new IngressCounter("delivered_homa", "Homa packets written to a host queue"));
        DELIVERED_OTHER = all.size();
        all.add(new IngressCounter("delivered_other", "other frames written to the default queue"));
        DATA_EVENTS = all.size();
        all.add(new IngressCounter("data_events", "grant-scheduler events emitted"));
        ALL = List.copyOf(all);
    }

    public static int reason(Rejection r) {
        return REASON_BASE + r.ordinal();
    }
}
