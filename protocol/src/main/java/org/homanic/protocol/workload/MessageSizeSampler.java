package org.homanic.protocol.workload;

import java.util.SplittableRandom;

/** Seeded, reproducible draws of message lengths from a {@link Workload}. */
public final class MessageSizeSampler {
    private final Workload workload;
    private final SplittableRandom random;
    private final long seed;

    public MessageSizeSampler(Workload workload, long seed) {
        this.workload = workload;
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    public long next() {
        return workload.lengthAt(random.nextDouble());
    }

    public Workload workload() { return workload; }
    public long seed() { return seed; }
}
