package org.homanic.host;

import org.homanic.host.datapath.Datapath;

/**
 * A thread's own wait on the datapath ({@link Datapath.Waiter}) and what the stack keeps about
 * it under its lock: which socket the thread waits on, and whether a delivery has woken it
 * already (the next one then wakes another thread of that socket).
 */
final class ThreadWait {
    final Thread owner;
    final Datapath.Waiter waiter;
    /** The socket whose message the owner waits for, or null. */
    HomaSocket socket;
    boolean woken;

    ThreadWait(Thread owner, Datapath.Waiter waiter) {
        this.owner = owner;
        this.waiter = waiter;
    }

    void wakeUp() {
        waiter.wake();
    }
}
