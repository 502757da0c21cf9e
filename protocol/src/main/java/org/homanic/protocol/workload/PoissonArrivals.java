package org.homanic.protocol.workload;

import java.util.SplittableRandom;

/**
 * Open-loop message arrivals: exponential gaps whose mean makes the offered load (message bytes
 * only, no header overhead) equal {@code load} × {@code linkGbps}. Mean gap in ns =
 * mean length × 8 / (load × linkGbps). Lengths come from the workload; one seed drives both.
 */
public final class PoissonArrivals {
    /** One arrival: when (ns from the start) and how long the message is. */
    public record Arrival(long timeNanos, long length) {}

    private final Workload workload;
    private final SplittableRandom random;
    private final double meanGapNanos;
    private double clock;

    public PoissonArrivals(Workload workload, double load, double linkGbps, long seed) {
        if (!(load > 0 && load <= 1)) throw new IllegalArgumentException("load must be in (0, 1], not " + load);
        if (!(linkGbps > 0)) throw new IllegalArgumentException("link speed must be positive, not " + linkGbps);
        this.workload = workload;
        this.random = new SplittableRandom(seed);
        this.meanGapNanos = workload.mean() * 8 / (load * linkGbps);
    }

    public Arrival next() {
        clock += -Math.log(1 - random.nextDouble()) * meanGapNanos;
        return new Arrival(Math.round(clock), workload.lengthAt(random.nextDouble()));
    }

    public double meanGapNanos() { return meanGapNanos; }
}
