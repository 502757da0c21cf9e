package org.homanic.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parent's handle on {@link RpcBenchServer}, the second JVM of {@code bench rpc}: starts it,
 * reads the ports it serves on, asks it for its {@link ProcessUsage} (a line "usage" on its
 * stdin, a line back), and ends it by closing its stdin.
 */
final class RpcBenchServerProcess implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final int udpPort, tcpPort;

    RpcBenchServerProcess(List<String> serverArgs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Homa.class.getName(), "bench", "rpc-server"));
        cmd.addAll(serverArgs);
        process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        String line = out.readLine();
        Matcher m = line == null ? null : Pattern.compile("ready udp=(\\d+) tcp=(\\d+)").matcher(line);
        if (m == null || !m.find()) {
            close();
            throw new CliException("the benchmark's server process did not start (it printed: " + line + ")");
        }
        udpPort = Integer.parseInt(m.group(1));
        tcpPort = Integer.parseInt(m.group(2));
    }

    int udpPort() { return udpPort; }
    int tcpPort() { return tcpPort; }

    /** The server's usage so far. */
    ProcessUsage usage() throws IOException {
        in.write("usage\n");
        in.flush();
        return ProcessUsage.parse(out.readLine());
    }

    @Override
    public void close() {
        try {
            in.close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
        }
    }
}
