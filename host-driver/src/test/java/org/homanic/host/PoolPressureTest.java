package org.homanic.host;

import org.homanic.host.datapath.FaultModel;
import org.homanic.host.metrics.Metrics;
import org.homanic.host.metrics.MetricsSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Acceptance: receive pools far smaller than the data in flight. Messages that find no room
 * wait (smallest first) and restart with RESEND when the application releases buffers; every
 * message completes, none is lost or corrupted, and nothing deadlocks.
 */
class PoolPressureTest {
    private static final long MIN_POOL = HostConfig.MIN_POOL_BYTES;

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.05})
    void everyMessageCompletesOnceTheApplicationReleasesBuffers(double loss) {
        long seed = 77;
        System.out.println("PoolPressureTest seed " + seed + " loss " + loss);
        int rpcs = 60, length = 300_000; // 18 MB each way through 2.1 MB pools
        FaultModel faults = FaultModel.none().withLoss(loss).withReordering(loss, 10_000);
        try (Cluster c = new Cluster(faults, seed)) {
            HostConfig small = HostConfig.defaults().withPoolBytes(MIN_POOL);
            HomaStack serverStack = c.add(small);
            HomaStack clientStack = c.add(small);
            HomaSocket server = serverStack.bind(7);
            HomaSocket client = clientStack.openSocket();
            Map<Long, Integer> sent = new HashMap<>();
            for (int i = 0; i < rpcs; i++) {
                int len = length - i * 1000; // distinct sizes, so SRPT order is observable
                sent.put(client.send(server.address(), Payloads.make(seed, i, len), i), i);
            }
            // The applications hold each message for 300 steps before releasing it.
            ArrayDeque<long[]> serverHeld = new ArrayDeque<>(), clientHeld = new ArrayDeque<>();
            Map<Long, HomaMessage> held = new HashMap<>();
            long[] step = {0};
            int[] done = {0};
            c.runUntil(() -> {
                step[0]++;
                HomaMessage m;
                while ((m = server.poll()) != null) {
                    server.reply(m, m.toByteArray()); // echo
                    held.put(m.id() * 2 + 1, m);
                    serverHeld.add(new long[] {step[0] + 300, m.id() * 2 + 1});
                }
                while ((m = client.poll()) != null) {
                    Integer i = sent.remove(m.id());
                    assertNotNull(i, "unexpected or repeated response " + m.id());
                    assertArrayEquals(Payloads.make(seed, i, length - i * 1000), m.toByteArray());
                    held.put(m.id() * 2, m);
                    clientHeld.add(new long[] {step[0] + 300, m.id() * 2});
                    done[0]++;
                }
                for (ArrayDeque<long[]> q : java.util.List.of(serverHeld, clientHeld)) {
                    while (!q.isEmpty() && q.peek()[0] <= step[0]) held.remove(q.poll()[1]).release();
                }
                return done[0] == rpcs;
            }, 2_000_000);
            for (HomaMessage m : held.values()) m.release();
            MetricsSnapshot s = serverStack.metrics(), cl = clientStack.metrics();
            assertTrue(s.get(Metrics.Counter.BUFFER_WAITS) > 0, "requests had to wait for server buffers");
            assertTrue(cl.get(Metrics.Counter.BUFFER_WAITS) > 0, "responses had to wait for client buffers");
            assertEquals(s.get(Metrics.Counter.BUFFER_WAITS), s.get(Metrics.Counter.BUFFER_RESTARTS), "every waiting message restarted");
            assertEquals(0, s.timeouts() + cl.timeouts());
            assertEquals(0, s.pool().messagesWaiting());
            assertEquals(s.pool().pages(), s.pool().freePages() + 1, "all pages back but the owned shared page");
        }
    }

    @Test
    void waitingMessagesGetBuffersSmallestFirst() {
        try (Cluster c = new Cluster(FaultModel.none(), 5)) {
            HomaStack serverStack = c.add(HostConfig.defaults().withPoolBytes(MIN_POOL));
            HomaStack clientStack = c.add(HostConfig.defaults());
            HomaSocket server = serverStack.bind(7);
            HomaSocket client = clientStack.openSocket();
            // Fill the pool: two 1 MB requests take 30 whole bpages and share a 31st for their tails; 2 stay free.
            client.send(server.address(), new byte[1_000_000], 0);
            client.send(server.address(), new byte[1_000_000], 0);
            HomaMessage[] big = new HomaMessage[2];
            int[] n = {0};
            c.runUntil(() -> {
                HomaMessage m = server.poll();
                if (m != null) big[n[0]++] = m;
                return n[0] == 2;
            }, 100_000);
            // Now three that need 13, 7 and 3 whole bpages: none can be placed. Largest sent first.
            long large = client.send(server.address(), new byte[900_000], 0);
            long medium = client.send(server.address(), new byte[500_000], 0);
            long tiny = client.send(server.address(), new byte[200_000], 0);
            c.runFor(2_000_000);
            assertEquals(3, serverStack.metrics().pool().messagesWaiting());
            assertNull(server.poll());
            big[0].release(); // 17 bpages free: the smallest two go first
            java.util.List<Long> order = new java.util.ArrayList<>();
            c.runUntil(() -> {
                HomaMessage m = server.poll();
                if (m != null) {
                    order.add(m.id() ^ 1);
                    m.release();
                }
                return order.size() == 2;
            }, 100_000);
            assertEquals(java.util.List.of(tiny, medium), order);
            big[1].release();
            c.runUntil(() -> {
                HomaMessage m = server.poll();
                if (m != null) {
                    order.add(m.id() ^ 1);
                    m.release();
                }
                return order.size() == 3;
            }, 100_000);
            assertEquals(large, order.get(2));
        }
    }
}
