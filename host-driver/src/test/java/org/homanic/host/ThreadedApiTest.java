package org.homanic.host;

import org.homanic.host.datapath.FaultModel;
import org.homanic.host.datapath.InMemoryNetwork;
import org.homanic.host.timer.Clock;
import org.homanic.host.timer.TimerConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The blocking and asynchronous calls with real driver threads and the real clock. Nothing
 * here asserts on time; the generous timeouts only stop a broken build from hanging.
 */
class ThreadedApiTest {

    @Test
    void callsReceivesAndTheServerLoopWorkAcrossThreads() throws Exception {
        long seed = 3;
        System.out.println("ThreadedApiTest seed " + seed + " (loss is seeded; thread timing is not)");
        InMemoryNetwork net = new InMemoryNetwork(Clock.system(), FaultModel.none().withLoss(0.02), seed, Cluster.MTU);
        // A loaded build machine can stall a driver thread for longer than the default 100 ms
        // timeout; this test is about the API, the timers are tested on a virtual clock.
        HostConfig patient = HostConfig.defaults().withTimers(TimerConfig.defaults().withTimeoutTicks(5_000));
        try (HomaStack serverStack = HomaStack.open(net.attach(), patient, Clock.system()).start();
             HomaStack clientStack = HomaStack.open(net.attach(), patient, Clock.system()).start()) {
            HomaSocket server = serverStack.bind(80);
            Thread loop = Thread.ofPlatform().start(() -> {
                try {
                    server.serve(req -> {
                        byte[] b = req.toByteArray();
                        for (int i = 0; i < b.length; i++) b[i] = (byte) ~b[i];
                        return b;
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            HomaSocket client = clientStack.openSocket();

            List<CompletableFuture<HomaMessage>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) calls.add(client.call(server.address(), Payloads.make(5, i, 1 + i * 3000)));
            for (int i = 0; i < 50; i++) {
                HomaMessage m = calls.get(i).get(30, TimeUnit.SECONDS);
                byte[] expected = Payloads.make(5, i, 1 + i * 3000);
                for (int k = 0; k < expected.length; k++) expected[k] = (byte) ~expected[k];
                assertArrayEquals(expected, m.toByteArray());
                m.release();
            }

            CompletableFuture<HomaMessage> next = client.receiveAsync();
            long id = client.send(server.address(), new byte[] {1, 2}, 5);
            HomaMessage viaFuture = next.get(30, TimeUnit.SECONDS);
            assertEquals(id, viaFuture.id());
            assertEquals(5, viaFuture.completionCookie());
            viaFuture.release();

            client.send(server.address(), new byte[] {3}, 6);
            HomaMessage blocking = client.receive(Duration.ofSeconds(30));
            assertNotNull(blocking);
            assertArrayEquals(new byte[] {(byte) ~3}, blocking.toByteArray());
            blocking.release();
            assertNull(client.receive(Duration.ofMillis(1)), "nothing more is coming");

            server.close();
            loop.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(loop.isAlive(), "the server loop ends when its socket closes");
        }
    }
}
