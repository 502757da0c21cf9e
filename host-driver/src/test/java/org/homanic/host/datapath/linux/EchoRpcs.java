package org.homanic.host.datapath.linux;

import org.homanic.host.HomaMessage;
import org.homanic.host.HomaSocket;
import org.homanic.host.HomaStack;
import org.homanic.host.HostConfig;
import org.homanic.host.api.HomaAddress;
import org.homanic.host.datapath.Datapath;
import org.homanic.host.timer.Clock;
import org.homanic.host.timer.TimerConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs echo RPCs between two stacks on real datapaths and checks every response byte. */
final class EchoRpcs {
    /** A loaded build machine can stall a driver for longer than 100 ms; the timers are tested elsewhere. */
    static final HostConfig PATIENT = HostConfig.defaults().withTimers(TimerConfig.defaults().withTimeoutTicks(10_000));
    static final int SERVER_PORT = 700;

    private EchoRpcs() {}

    static byte[] payload(SplittableRandom r, int length) {
        byte[] b = new byte[length];
        r.nextBytes(b);
        return b;
    }

    /**
     * Starts stacks on {@code serverPath} and {@code clientPath}, serves echo on port 700, sends
     * {@code count} requests of random lengths (some a byte, some many packets) in waves of 16
     * and checks each response equals its request; returns how many requests the server saw.
     */
    static int run(Datapath serverPath, Datapath clientPath, long serverHost, int count, long seed) throws Exception {
        System.out.println("echo RPCs seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        int[] served = new int[1];
        try (HomaStack serverStack = HomaStack.open(serverPath, PATIENT, Clock.system()).start();
             HomaStack clientStack = HomaStack.open(clientPath, PATIENT, Clock.system()).start()) {
            HomaSocket server = serverStack.bind(SERVER_PORT);
            Thread loop = Thread.ofPlatform().start(() -> {
                try {
                    server.serve(req -> {
                        synchronized (served) {
                            served[0]++;
                        }
                        return req.toByteArray();
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (IllegalStateException closed) {
                    // the socket closed at the end of the test
                }
            });
            HomaAddress dest = new HomaAddress(serverHost, SERVER_PORT);
            try (HomaSocket client = clientStack.openSocket()) {
                for (int done = 0; done < count; ) {
                    int wave = Math.min(16, count - done);
                    List<byte[]> sent = new ArrayList<>();
                    List<CompletableFuture<HomaMessage>> replies = new ArrayList<>();
                    for (int i = 0; i < wave; i++) {
                        int kind = random.nextInt(10);
                        int length = kind == 0 ? 1 : kind < 7 ? 1 + random.nextInt(3000) : 1 + random.nextInt(200_000);
                        byte[] b = payload(random, length);
                        sent.add(b);
                        replies.add(client.call(dest, b));
                    }
                    for (int i = 0; i < wave; i++) {
                        HomaMessage m = replies.get(i).get(60, TimeUnit.SECONDS);
                        try {
                            byte[] got = m.toByteArray();
                            if (!Arrays.equals(sent.get(i), got)) assertArrayEquals(sent.get(i), got, "response " + (done + i));
                        } finally {
                            m.release();
                        }
                    }
                    done += wave;
                }
            }
            server.close();
            loop.join(10_000);
        }
        synchronized (served) {
            assertEquals(count, served[0], "each request served exactly once");
            return served[0];
        }
    }
}
