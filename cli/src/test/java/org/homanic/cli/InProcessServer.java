package org.homanic.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** {@code ./homa serve} on a thread of this JVM; {@link #stop()} interrupts it, as Ctrl-C would end it. */
final class InProcessServer implements AutoCloseable {
    private static final Pattern UDP = Pattern.compile("udp \\S+:(\\d+)");
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Thread thread;
    private volatile int code = -1;

    InProcessServer(String... args) {
        CommandLine cli = Homa.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        thread = Thread.ofPlatform().name("serve-under-test").start(() -> code = cli.execute(args));
    }

    /** Waits for the listening line and returns the UDP port it names. */
    int udpPort() throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Matcher m = UDP.matcher(out.toString());
            if (m.find()) return Integer.parseInt(m.group(1));
            if (!thread.isAlive()) fail("serve ended: " + out + err);
            Thread.sleep(50);
        }
        throw new AssertionError("serve did not start: " + out + err);
    }

    /** Stops the server and returns everything it printed; checks it exited 0. */
    String stop() throws InterruptedException {
        thread.interrupt();
        thread.join(30_000);
        assertEquals(0, code, "serve exit code; stderr: " + err);
        return out.toString();
    }

    @Override
    public void close() {
        if (!thread.isAlive()) return;
        thread.interrupt();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
