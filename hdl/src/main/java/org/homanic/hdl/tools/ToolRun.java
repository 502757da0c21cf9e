package org.homanic.hdl.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external tool and keeps its exit code and combined output. */
public record ToolRun(List<String> command, int exitCode, String output) {

    public boolean ok() {
        return exitCode == 0;
    }

    static ToolRun run(Path dir, List<String> command, long timeoutSeconds) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot run " + command.getFirst() + " (" + e.getMessage()
                    + "); install it, or run ./homa doctor to see what is missing", e);
        }
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.getFirst() + " did not finish within " + timeoutSeconds + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.getFirst(), e);
        }
        return new ToolRun(List.copyOf(command), p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
