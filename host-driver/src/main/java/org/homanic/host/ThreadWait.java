package org.homanic.host;

import org.homanic.host.datapath.Datapath;

/**
 * A thread's own wait on the datapath ({@link Datapath.Waiter}) and what the stack keeps about
 * it under its lock: whether a delivery has woken it already (the next one then wakes another
 * thread waiting on that socket, {@link HomaSocket#waitingThreads}).
 */
final class ThreadWait {
    final Thread owner;
    final Datapath.Waiter waiter;
    /** Written under the stack's lock; read without it by the thread waiting for a round. */
    volatile boolean woken;

    ThreadWait(Thread owner, Datapath.Waiter waiter) {
        this.owner = owner;
        this.waiter = waiter;
    }

    void wakeUp() {
        waiter.wake();
    }
}
