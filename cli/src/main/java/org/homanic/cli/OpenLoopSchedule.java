package org.homanic.cli;

import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * One client's open-loop send schedule: Poisson arrivals at a fixed rate (exponential gaps),
 * each RPC's request size, and where its payload starts in the shared {@link PayloadBlock}.
 * The schedule is fixed before the run, so when a request goes out never depends on how fast
 * earlier ones came back: latency counts from {@code sendAt}, not from the actual send
 * (no coordinated omission).
 *
 * @param sendAt  nanoseconds from the run's start at which RPC i is due, non-decreasing
 * @param sizes   request length of RPC i (the echo response has the same length)
 * @param offsets where RPC i's payload starts in the payload block
 */
record OpenLoopSchedule(long[] sendAt, int[] sizes, int[] offsets) {

    /**
     * {@code count} RPCs at {@code rpcsPerSecond} on average, sizes from {@code sizes}; gaps and
     * payload offsets come from {@code seed} alone, so a seed gives the same schedule.
     */
    static OpenLoopSchedule poisson(double rpcsPerSecond, int count, LongSupplier sizes, long seed, int blockBytes) {
        if (!(rpcsPerSecond > 0) || count < 1) throw new IllegalArgumentException("need a positive rate and count, not " + rpcsPerSecond + ", " + count);
        SplittableRandom random = new SplittableRandom(seed);
        long[] sendAt = new long[count];
        int[] size = new int[count];
        int[] offset = new int[count];
        double meanGapNanos = 1e9 / rpcsPerSecond;
        double t = 0;
        for (int i = 0; i < count; i++) {
            t += -Math.log(1 - random.nextDouble()) * meanGapNanos;   // 1 - u lies in (0, 1]: no log(0)
            sendAt[i] = (long) t;
            size[i] = Math.toIntExact(sizes.getAsLong());
            if (size[i] < 1 || size[i] > blockBytes) throw new IllegalArgumentException("request size " + size[i] + " outside 1.." + blockBytes);
            offset[i] = random.nextInt(blockBytes - size[i] + 1);
        }
        return new OpenLoopSchedule(sendAt, size, offset);
    }

    int count() { return sendAt.length; }

    /**
     * The RPCs of this schedule whose request is under {@code limit} bytes, at their own send
     * times and payload offsets: the same small RPCs with the others taken away, to measure
     * how fast they are with nothing else in flight. Null when there is none.
     */
    OpenLoopSchedule below(int limit) {
        int n = 0;
        for (int size : sizes) if (size < limit) n++;
        if (n == 0) return null;
        long[] at = new long[n];
        int[] size = new int[n], offset = new int[n];
        for (int i = 0, k = 0; i < sizes.length; i++) {
            if (sizes[i] >= limit) continue;
            at[k] = sendAt[i];
            size[k] = sizes[i];
            offset[k++] = offsets[i];
        }
        return new OpenLoopSchedule(at, size, offset);
    }

    /**
     * The load this schedule offers, in bytes per second of requests plus responses: the bytes
     * of the RPCs before the last over the time from the first send to the last (the usual
     * estimate of a Poisson process's rate from its arrivals); 0 for fewer than two RPCs.
     */
    double offeredBytesPerSecond() {
        int n = sendAt.length;
        if (n < 2 || sendAt[n - 1] == sendAt[0]) return 0;
        long bytes = 0;
        for (int i = 0; i < n - 1; i++) bytes += 2L * sizes[i];
        return bytes / ((sendAt[n - 1] - sendAt[0]) / 1e9);
    }
}
