package org.homanic.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code ./homa serve} in a child JVM (same classpath as the tests). It is stopped with SIGTERM,
 * which runs the same shutdown hook as Ctrl-C (SIGINT) but, unlike SIGINT, is not ignored by
 * children of a non-interactive shell, as build machines may start the tests from one.
 */
final class ChildServer implements AutoCloseable {
    private final Process process;
    private final Path outFile, errFile;

    /** {@code dir}: where the child's stdout and stderr go (files: nothing is lost when it exits). */
    ChildServer(Path dir, String... serveArgs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Homa.class.getName(), "serve"));
        cmd.addAll(List.of(serveArgs));
        outFile = dir.resolve("serve.out");
        errFile = dir.resolve("serve.err");
        process = new ProcessBuilder(cmd).redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).start();
    }

    private String out() throws IOException {
        return Files.readString(outFile);
    }

    private String err() throws IOException {
        return Files.readString(errFile);
    }

    /** Waits for the line matching {@code pattern} and returns its first group. */
    String await(Pattern pattern) throws InterruptedException, IOException {
        for (int i = 0; i < 1200; i++) {
            Matcher m = pattern.matcher(out());
            if (m.find()) return m.group(1);
            if (!process.isAlive()) fail("serve exited " + process.exitValue() + ": " + out() + err());
            Thread.sleep(50);
        }
        throw new AssertionError("serve did not start: " + out() + err());
    }

    /** Sends SIGTERM, waits for the child and returns the requests it says it served. */
    long stopAndCountServed() throws Exception {
        process.destroy();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "serve did not stop on SIGTERM");
        Matcher m = Pattern.compile("served (\\d+) requests").matcher(out());
        if (!m.find()) fail("no summary after SIGTERM (exit " + process.exitValue() + "): " + out() + err());
        return Long.parseLong(m.group(1));
    }

    @Override
    public void close() {
        if (process.isAlive()) process.destroyForcibly();
    }
}
