package org.homanic.host.timer;

/**
 * A clock that only moves when told to, so tests of timers and loss recovery run as fast as
 * the CPU allows and give the same result on every run.
 */
public final class VirtualClock implements Clock {
    private volatile long now;

    public VirtualClock(long start) {
        this.now = start;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    public synchronized void advance(long nanos) {
        if (nanos < 0) throw new IllegalArgumentException("time cannot go back");
        now += nanos;
    }
}
