package org.homanic.cli;

import java.io.PrintStream;

/** Step-by-step progress on stderr, so stdout stays clean for reports and --json. */
final class Progress {
    private final PrintStream err;
    private final int steps;
    private int step;
    private long started;

    Progress(PrintStream err, int steps) {
        this.err = err;
        this.steps = steps;
    }

    void begin(String what) {
        step++;
        started = System.nanoTime();
        err.printf("[%d/%d] %s ...%n", step, steps, what);
        err.flush();
    }

    void done(String result) {
        err.printf("      %s (%.1f s)%n", result, (System.nanoTime() - started) / 1e9);
        err.flush();
    }
}
