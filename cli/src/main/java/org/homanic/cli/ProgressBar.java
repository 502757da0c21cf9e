package org.homanic.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on stderr, redrawn in place, for runs long enough to want one: it
 * stays silent for the first second and then redraws at most five times a second.
 */
final class ProgressBar {
    private static final long QUIET_NANOS = 1_000_000_000L, REDRAW_NANOS = 200_000_000L, WIDTH = 30;
    private final PrintStream err;
    private final long total;
    private final String unit;
    private final long started = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintStream err, long total, String unit) {
        this.err = err;
        this.total = total;
        this.unit = unit;
    }

    void update(long done) {
        long now = System.nanoTime();
        if (now - started < QUIET_NANOS || now - lastDraw < REDRAW_NANOS) return;
        lastDraw = now;
        drawn = true;
        int filled = (int) (WIDTH * done / Math.max(1, total));
        err.printf(Locale.ROOT, "\r[%s%s] %3d%% %,d/%,d %s", "#".repeat(filled), ".".repeat((int) WIDTH - filled),
                100 * done / Math.max(1, total), done, total, unit);
        err.flush();
    }

    /** Ends the line if a bar was drawn. */
    void finish(long done) {
        if (!drawn) return;
        lastDraw = 0;
        update(done);
        err.println();
        err.flush();
    }
}
