package org.homanic.cli;

import org.homanic.host.HomaSocket;
import org.homanic.host.HomaStack;
import org.homanic.host.api.HomaAddress;
import org.homanic.host.datapath.linux.SocketDatapath;
import org.homanic.host.timer.Clock;
import org.homanic.protocol.wire.HomaConstants;
import org.homanic.protocol.workload.MessageSizeSampler;
import org.homanic.protocol.workload.Workload;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ./homa call}: echo RPCs against a {@code ./homa serve}, with latency percentiles and throughput. */
@Command(name = "call", mixinStandardHelpOptions = true,
        description = {"Send echo RPCs to a './homa serve' and check every response byte for byte.",
                "Prints round-trip percentiles (p50, p99, p99.9) and throughput; a progress bar on stderr for long runs. "
                        + "Exit 1 when any RPC failed or came back different. Ctrl-C stops early."},
        footer = {"", "Examples:", "  ./homa call 127.0.0.1:4000 --size 100 --count 10000",
                "  ./homa call [::1]:4000 --workload w3 --count 100000 --concurrency 8 --json",
                "  sudo ./homa call 127.0.0.1:4000 --datapath raw --workload w3 --count 100000"})
public final class CallCommand implements Callable<Integer> {

    @Parameters(paramLabel = "HOST:PORT", description = "The server: address (IPv6 in brackets) and Homa port.")
    String target;

    @Option(names = "--size", paramLabel = "N", defaultValue = "100", description = "Request bytes, 1..1000000 (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--count", paramLabel = "M", defaultValue = "1000", description = "RPCs to make (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--workload", paramLabel = "wN", description = "Draw request sizes from workload W1..W5 (capped at 1,000,000) instead of --size.")
    String workload;

    @Option(names = "--concurrency", paramLabel = "C", defaultValue = "1", description = "RPCs outstanding at once (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--datapath", paramLabel = "udp|raw", defaultValue = "udp", description = "udp (default) or raw (IP protocol 146, needs CAP_NET_RAW).")
    Transport transport;

    @Option(names = "--bind", paramLabel = "ADDR", description = "Local address (default: the wildcard; over raw IP to an IPv4 loopback server, 127.0.0.2).")
    String bind;

    @Option(names = "--udp-port", paramLabel = "U", description = "The server's UDP port (default: the Homa port).")
    Integer udpPort;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed for sizes and payload bytes (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print exactly one JSON object on stdout.")
    boolean json;

    @CommandLine.Mixin
    RpcTimeout timeout;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        HostPort hp = HostPort.parse(target, spec.commandLine());
        if (count < 1) throw usage("--count must be at least 1, not " + count);
        if (concurrency < 1 || concurrency > 1024) throw usage("--concurrency must be 1..1024, not " + concurrency);
        if (workload == null && (size < 1 || size > HomaConstants.MAX_MESSAGE_LENGTH)) throw usage("--size must be 1..1000000, not " + size);
        int udp = udpPort == null ? hp.port() : udpPort;
        if (udp < 1 || udp > 65535) throw usage("--udp-port must be 1..65535, not " + udp);
        int[] sizes = sizes();
        InetAddress server = Transport.resolve(hp.host());
        var config = timeout.config(spec.commandLine());
        SocketDatapath datapath = transport.openClient(server, bind == null ? null : Transport.resolve(bind));
        HomaStack stack = HomaStack.open(datapath, config, Clock.system()).start();
        PrintStream err = System.err;
        ProgressBar bar = new ProgressBar(err, count, "RPCs");
        HomaAddress dest = new HomaAddress(transport.serverPeer(datapath, server, udp), hp.port());
        String serverName = datapath.describe(dest.host()) + " port " + hp.port();
        HomaSocket socket = stack.openSocket();
        // Ctrl-C closes the socket, which ends the run; this thread then reports what completed.
        ShutdownHook hook = ShutdownHook.install("homa-call-shutdown", socket::close);
        RpcLoad.Result r;
        try {
            try {
                r = RpcLoad.run(socket, dest, count, concurrency, i -> sizes[(int) i], seed, bar::update);
                bar.finish(r.completed());
            } finally {
                stack.close();
            }
            report(r, serverName);
        } finally {
            hook.done();
        }
        if (r.completed() < count) throw new CliException("stopped after " + r.completed() + " of " + count + " RPCs");
        if (r.failed() > 0 || r.mismatched() > 0) {
            throw new CliException(r.failed() + " RPCs failed and " + r.mismatched() + " came back with different bytes, of " + count);
        }
        return 0;
    }

    private int[] sizes() throws IOException {
        int[] s = new int[count];
        if (workload == null) {
            Arrays.fill(s, size);
            return s;
        }
        Workload w;
        try {
            w = Workload.named(workload.toUpperCase(Locale.ROOT)).cappedForHoma();
        } catch (IllegalArgumentException e) {
            throw usage("--workload must be one of w1..w5, not '" + workload + "'");
        }
        MessageSizeSampler sampler = new MessageSizeSampler(w, seed);
        for (int i = 0; i < count; i++) s[i] = (int) sampler.next();
        return s;
    }

    private void report(RpcLoad.Result r, String server) throws IOException {
        long[] sorted = r.latencies().clone();
        Arrays.sort(sorted);
        double seconds = r.nanos() / 1e9;
        double p50 = RpcLoad.quantile(sorted, 0.50) / 1e3, p99 = RpcLoad.quantile(sorted, 0.99) / 1e3, p999 = RpcLoad.quantile(sorted, 0.999) / 1e3;
        double rate = r.completed() / seconds, mbps = r.bytes() / seconds / 1e6;
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("server", server);
            o.put("datapath", transport.name());
            o.put("sizes", workload == null ? Integer.toString(size) : workload.toUpperCase(Locale.ROOT));
            o.put("rpcs", count);
            o.put("completed", r.completed());
            o.put("failed", r.failed());
            o.put("mismatched", r.mismatched());
            o.put("failures", r.failures());
            o.put("concurrency", concurrency);
            o.put("p50Micros", round(p50));
            o.put("p99Micros", round(p99));
            o.put("p999Micros", round(p999));
            o.put("seconds", round(seconds));
            o.put("rpcsPerSecond", round(rate));
            o.put("megabytesPerSecond", round(mbps));
            o.put("seed", seed);
            out.println(JsonReport.of(o));
        } else {
            out.printf(Locale.ROOT, "%,d echo RPCs to %s over %s, sizes %s, %d outstanding, seed %d%n", count, server, transport,
                    workload == null ? size + " bytes" : workload.toUpperCase(Locale.ROOT), concurrency, seed);
            out.printf(Locale.ROOT, "  completed %,d, failed %d, different bytes %d%n", r.completed(), r.failed(), r.mismatched());
            if (!r.failures().isEmpty()) out.printf(Locale.ROOT, "  failures: %s%n", r.failures());
            out.printf(Locale.ROOT, "  round trip  p50 %.1f us   p99 %.1f us   p99.9 %.1f us%n", p50, p99, p999);
            out.printf(Locale.ROOT, "  throughput  %,.0f RPCs/s   %.1f MB/s (requests + responses)   in %.2f s%n", rate, mbps, seconds);
        }
        out.flush();
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** HOST:PORT with an IPv6 host in brackets. */
    record HostPort(String host, int port) {
        static HostPort parse(String s, CommandLine cl) {
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || colon == s.length() - 1) throw new CommandLine.ParameterException(cl, "expected HOST:PORT, not '" + s + "'");
            String host = s.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
            else if (host.contains(":")) throw new CommandLine.ParameterException(cl, "write an IPv6 host in brackets: [" + host + "]:PORT");
            int port;
            try {
                port = Integer.parseInt(s.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new CommandLine.ParameterException(cl, "port '" + s.substring(colon + 1) + "' is not a number");
            }
            if (port < 1 || port > 32767) throw new CommandLine.ParameterException(cl, "a Homa server port is 1..32767, not " + port);
            return new HostPort(host, port);
        }
    }
}
