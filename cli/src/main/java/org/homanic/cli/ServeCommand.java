package org.homanic.cli;

import org.homanic.host.HomaSocket;
import org.homanic.host.HomaStack;
import org.homanic.host.datapath.linux.SocketDatapath;
import org.homanic.host.timer.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/** {@code ./homa serve}: a Homa echo server on a Linux datapath. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run a Homa echo server: every request is answered with its own bytes.",
                "Over UDP the server listens on UDP port --udp-port (default: the Homa port); over raw IP "
                        + "(protocol 146, needs CAP_NET_RAW) on the --bind address. Stops on Ctrl-C, printing what it served."},
        footer = {"", "Examples:", "  ./homa serve --port 4000", "  sudo ./homa serve --port 4000 --datapath raw --bind 127.0.0.1"})
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "P", required = true, description = "Homa server port, 1..32767.")
    int port;

    @Option(names = "--datapath", paramLabel = "udp|raw", defaultValue = "udp", description = "udp (default) or raw (IP protocol 146).")
    Transport transport;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "0.0.0.0", description = "Local address (default ${DEFAULT-VALUE}; :: or ::1 for IPv6).")
    String bind;

    @Option(names = "--udp-port", paramLabel = "U", description = "UDP port to listen on (default: the Homa port; 0: any free one, printed).")
    Integer udpPort;

    @CommandLine.Mixin
    RpcTimeout timeout;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (port < 1 || port > 32767) throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 1..32767, not " + port);
        int udp = udpPort == null ? port : udpPort;
        if (udp < 0 || udp > 65535) throw new CommandLine.ParameterException(spec.commandLine(), "--udp-port must be 0..65535, not " + udp);
        PrintWriter out = spec.commandLine().getOut();
        var config = timeout.config(spec.commandLine());
        SocketDatapath datapath = transport.openServer(Transport.resolve(bind), udp);
        HomaStack stack = HomaStack.open(datapath, config, Clock.system()).start();
        AtomicLong requests = new AtomicLong(), bytes = new AtomicLong();
        ShutdownHook hook = null;
        try {
            HomaSocket socket = stack.bind(port);
            // Ctrl-C closes the socket, which ends the serve loop; this thread then reports.
            hook = ShutdownHook.install("homa-serve-shutdown", socket::close);
            out.printf("homa serve: echo on Homa port %d over %s, %s (Ctrl-C stops)%n", port, transport,
                    (transport == Transport.udp ? "udp " : "ip ") + datapath.describe(datapath.localAddress()));
            out.flush();
            socket.serve(request -> {
                requests.incrementAndGet();
                bytes.addAndGet(request.length());
                return request.toByteArray();
            });
        } catch (InterruptedException e) {
            // Stopped by the caller (in-process use): same as Ctrl-C.
        } catch (IllegalStateException closed) {
            // The socket closed under the handler.
        } finally {
            stack.close();
            out.printf("homa serve: stopped; served %d requests, %d bytes%n", requests.get(), bytes.get());
            out.flush();
            if (hook != null) hook.done();
        }
        return 0;
    }
}
