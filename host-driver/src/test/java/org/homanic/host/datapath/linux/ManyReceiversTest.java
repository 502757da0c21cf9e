package org.homanic.host.datapath.linux;

import org.homanic.host.HomaMessage;
import org.homanic.host.HomaSocket;
import org.homanic.host.HomaStack;
import org.homanic.host.api.HomaAddress;
import org.homanic.host.timer.Clock;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Several threads receiving at once on each side of a UDP path, each in a wait of its own:
 * four server threads on one socket, four client threads on a socket each, with requests of
 * one packet and of many in flight together. Every request is answered once and every
 * response comes back to the thread that sent it, byte for byte.
 */
class ManyReceiversTest {
    private static final int THREADS = 4, RPCS_PER_CLIENT = 150, OUTSTANDING = 4;

    @Test
    void everyRequestIsAnsweredOnceToItsOwnSender() throws Exception {
        long seed = 77;
        System.out.println("many receivers seed " + seed);
        UdpDatapath serverPath = UdpDatapath.open(new InetSocketAddress("127.0.0.1", 0));
        UdpDatapath clientPath = UdpDatapath.open(new InetSocketAddress("127.0.0.1", 0));
        AtomicInteger served = new AtomicInteger();
        try (HomaStack serverStack = HomaStack.open(serverPath, EchoRpcs.PATIENT, Clock.system()).start();
             HomaStack clientStack = HomaStack.open(clientPath, EchoRpcs.PATIENT, Clock.system()).start();
             ExecutorService threads = Executors.newFixedThreadPool(2 * THREADS)) {
            HomaSocket server = serverStack.bind(EchoRpcs.SERVER_PORT);
            for (int i = 0; i < THREADS; i++) {
                threads.submit(() -> {
                    while (!server.isClosed()) {
                        HomaMessage m;
                        try {
                            m = server.receive(Duration.ofMillis(50));
                        } catch (IllegalStateException | InterruptedException closed) {
                            return;
                        }
                        if (m == null) continue;
                        served.incrementAndGet();
                        try {
                            server.reply(m, m.toByteArray());
                        } catch (IllegalStateException closed) {
                            return;
                        } finally {
                            m.release();
                        }
                    }
                });
            }
            HomaAddress dest = new HomaAddress(clientPath.peer(serverPath.boundAddress()), EchoRpcs.SERVER_PORT);
            List<Future<Integer>> clients = new ArrayList<>();
            for (int c = 0; c < THREADS; c++) {
                SplittableRandom random = new SplittableRandom(seed * 31 + c);
                clients.add(threads.submit(() -> client(clientStack, dest, random)));
            }
            int answered = 0;
            for (Future<Integer> f : clients) answered += f.get(120, TimeUnit.SECONDS);
            assertEquals(THREADS * RPCS_PER_CLIENT, answered);
            server.close();
        }
        assertEquals(THREADS * RPCS_PER_CLIENT, served.get(), "each request served exactly once");
    }

    @Test
    void anInterruptEndsAReceiveInItsOwnWait() throws Exception {
        try (HomaStack stack = HomaStack.open(UdpDatapath.open(new InetSocketAddress("127.0.0.1", 0)), EchoRpcs.PATIENT, Clock.system()).start();
             HomaSocket socket = stack.bind(EchoRpcs.SERVER_PORT)) {
            CompletableFuture<Throwable> ended = new CompletableFuture<>();
            Thread receiver = Thread.ofPlatform().start(() -> {
                try {
                    socket.receive(Duration.ofMinutes(5));
                    ended.complete(null);
                } catch (Throwable t) {
                    ended.complete(t);
                }
            });
            Thread.sleep(50);
            receiver.interrupt();
            assertInstanceOf(InterruptedException.class, ended.get(10, TimeUnit.SECONDS), "the receive ended by the interrupt");
        }
    }

    /** Keeps {@link #OUTSTANDING} requests in flight on a socket of its own; returns how many came back right. */
    private static int client(HomaStack stack, HomaAddress dest, SplittableRandom random) throws Exception {
        try (HomaSocket socket = stack.openSocket()) {
            byte[][] inFlight = new byte[RPCS_PER_CLIENT][];
            int sent = 0, done = 0;
            for (; sent < OUTSTANDING; sent++) inFlight[sent] = send(socket, dest, random, sent);
            while (done < RPCS_PER_CLIENT) {
                HomaMessage m = socket.receive(Duration.ofSeconds(60));
                assertNotNull(m, "a response within 60 s");
                try {
                    int i = (int) m.completionCookie();
                    byte[] got = m.toByteArray();
                    if (!Arrays.equals(inFlight[i], got)) assertArrayEquals(inFlight[i], got, "response " + i);
                    inFlight[i] = null;
                } finally {
                    m.release();
                }
                done++;
                if (sent < RPCS_PER_CLIENT) inFlight[sent] = send(socket, dest, random, sent++);
            }
            return done;
        }
    }

    private static byte[] send(HomaSocket socket, HomaAddress dest, SplittableRandom random, int i) {
        int length = random.nextInt(4) == 0 ? 1 + random.nextInt(300_000) : 1 + random.nextInt(1_000);
        byte[] b = EchoRpcs.payload(random, length);
        socket.send(dest, b, i);
        return b;
    }
}
