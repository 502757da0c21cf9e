package org.homanic.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) or SIGTERM for a long-running command: the hook runs {@code stop} (which must
 * make the command's loop end, e.g. by closing its socket) and then waits, up to five seconds,
 * for the command to call {@link #done()} after its own cleanup and final report, so the JVM
 * does not exit halfway through them. Only the command's thread closes the stack, so two
 * threads never close it at once.
 */
final class ShutdownHook {
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private ShutdownHook(String name, Runnable stop) {
        hook = new Thread(() -> {
            stop.run();
            try {
                finished.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
    }

    static ShutdownHook install(String name, Runnable stop) {
        ShutdownHook h = new ShutdownHook(name, stop);
        Runtime.getRuntime().addShutdownHook(h.hook);
        return h;
    }

    /** The command has cleaned up and reported: unregister, or release a hook that is waiting. */
    void done() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running and waits for this
        }
        finished.countDown();
    }
}
