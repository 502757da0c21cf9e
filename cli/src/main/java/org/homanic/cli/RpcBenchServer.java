package org.homanic.cli;

import org.homanic.host.HomaSocket;
import org.homanic.host.HomaStack;
import org.homanic.host.datapath.linux.UdpDatapath;
import org.homanic.host.timer.Clock;
import org.homanic.host.HomaMessage;
import org.homanic.host.api.HomaRpcException;
import org.homanic.protocol.wire.HomaConstants;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * The server half of {@code ./homa bench rpc}, run in a child JVM: a Homa echo server over UDP
 * ({@code --homa-threads} threads answering on one socket) and a TCP echo server (4-byte
 * length, then the bytes; a thread per connection), both on 127.0.0.1 with ports the kernel
 * picks. Prints one line with the ports, then serves until its stdin closes (the parent is
 * done or gone), answering each line "usage" there with its {@link ProcessUsage}.
 */
@Command(name = "rpc-server", hidden = true, description = "Internal: the server process of 'bench rpc'.")
final class RpcBenchServer implements Callable<Integer> {
    static final int HOMA_PORT = 1000;

    @Option(names = "--homa-threads", defaultValue = "1", description = "Threads answering Homa requests (default ${DEFAULT-VALUE}).")
    int homaThreads;

    @Option(names = "--mtu", defaultValue = "1500", description = "Link MTU for Homa's packets (default ${DEFAULT-VALUE}).")
    int mtu;

    @Option(names = "--unsched-bytes", defaultValue = "0", description = "Unscheduled bytes (default: HomaModule's).")
    long unschedBytes;

    @Option(names = "--max-incoming", defaultValue = "0", description = "max_incoming (default: HomaModule's).")
    long maxIncoming;

    @Override
    public Integer call() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        UdpDatapath datapath = UdpDatapath.open(new InetSocketAddress(loopback, 0), BenchRpcCommand.datapathConfig(mtu));
        try (HomaStack stack = HomaStack.open(datapath, BenchRpcCommand.stackConfig(unschedBytes, maxIncoming), Clock.system()).start();
             ServerSocket tcp = new ServerSocket()) {
            tcp.bind(new InetSocketAddress(loopback, 0), 64);
            HomaSocket homa = stack.bind(HOMA_PORT);
            for (int i = 0; i < Math.max(1, homaThreads); i++) {
                Thread.ofPlatform().daemon().name("homa-echo-" + i).start(() -> echo(homa));
            }
            Thread.ofPlatform().daemon().name("tcp-accept").start(() -> acceptLoop(tcp));
            PrintStream out = System.out;
            out.printf("ready udp=%d tcp=%d%n", datapath.boundAddress().getPort(), tcp.getLocalPort());
            out.flush();
            // Until the parent closes our stdin, answer each "usage" line with this process's usage.
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = commands.readLine()) != null; ) {
                if (line.strip().equals("usage")) {
                    out.println(ProcessUsage.ofThisProcess().line());
                    out.flush();
                }
            }
        }
        return 0;
    }

    /**
     * Answers each request with its own bytes until the socket closes. A request in one bpage is
     * answered straight from the receive pool (reply copies it once, as the TCP server's write
     * does); a longer one is gathered first into this thread's one buffer, reused like the TCP
     * server's, so that the server makes no garbage per request.
     */
    private static void echo(HomaSocket homa) {
        MemorySegment gather = MemorySegment.ofArray(new byte[HomaConstants.MAX_MESSAGE_LENGTH]);
        while (!homa.isClosed()) {
            HomaMessage m;
            try {
                m = homa.receive(Duration.ofMillis(100));
            } catch (HomaRpcException e) {
                continue;
            } catch (InterruptedException | IllegalStateException stopped) {
                return; // the process is ending
            }
            if (m == null) continue;
            try {
                if (m.isRequest()) {
                    if (m.isContiguous()) {
                        homa.reply(m, m.contiguous());
                    } else {
                        m.copyTo(0, gather, 0, m.length());
                        homa.reply(m, gather.asSlice(0, m.length()));   // reply copies it before returning
                    }
                }
            } catch (IllegalStateException stopped) {
                return;
            } finally {
                if (!m.isReleased()) m.release();
            }
        }
    }

    private static void acceptLoop(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                Thread.ofPlatform().daemon().name("tcp-echo").start(() -> echo(s));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void echo(Socket s) {
        try (s; DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream(), 1 << 16));
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream(), 1 << 16))) {
            byte[] buffer = new byte[1 << 20];
            while (true) {
                int length = in.readInt();
                if (length < 0 || length > buffer.length) return;
                in.readFully(buffer, 0, length);
                out.writeInt(length);
                out.write(buffer, 0, length);
                out.flush();
            }
        } catch (EOFException done) {
            // the client closed its connection
        } catch (IOException e) {
            // connection reset at the end of the run
        }
    }
}
