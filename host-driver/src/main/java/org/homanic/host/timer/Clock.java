package org.homanic.host.timer;

/** Source of time for timers and the in-memory network: real, or virtual in tests. */
@FunctionalInterface
public interface Clock {
    /** Monotonic nanoseconds; only differences matter. */
    long nanoTime();

    /** The JVM's monotonic clock. */
    static Clock system() {
        return System::nanoTime;
    }
}
