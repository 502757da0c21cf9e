package org.homanic.host;

import org.homanic.host.api.RpcTimeoutException;
import org.homanic.host.datapath.FaultModel;
import org.homanic.host.metrics.Metrics;
import org.homanic.host.metrics.MetricsSnapshot;
import org.homanic.protocol.workload.MessageSizeSampler;
import org.homanic.protocol.workload.Workload;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Acceptance: 10,000 RPCs with W3 request sizes over a network that loses 10%, duplicates 5%
 * and reorders 5% of packets (and cuts 1%, which the datapath drops) complete exactly once with byte-exact payloads; the only
 * timeouts are those of a client whose server the test cuts off.
 */
class LossyWorkloadTest {
    private static final int RPCS = 10_000;
    private static final int OUTSTANDING_PER_CLIENT = 64;
    private static final int CUT_OFF_RPCS = 20;
    private static final ValueLayout.OfLong BE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    /** What a client expects back for one RPC. */
    private record Expected(long requestHash, int requestLength) {}

    @Test
    void tenThousandW3RpcsCompleteExactlyOnceUnderLossDuplicationAndReordering() throws IOException {
        long seed = Long.getLong("homa.test.seed", 20261122L);
        System.out.println("LossyWorkloadTest seed " + seed + " (rerun with -Dhoma.test.seed=" + seed + ")");
        FaultModel faults = FaultModel.none().withLoss(0.10).withDuplication(0.05).withReordering(0.05, 20_000).withTruncation(0.01).withDelay(2_000);
        try (Cluster c = new Cluster(faults, seed)) {
            HomaStack serverStack = c.add(HostConfig.defaults());
            HomaStack client1 = c.add(HostConfig.defaults());
            HomaStack client2 = c.add(HostConfig.defaults());
            HomaStack lonelyServer = c.add(HostConfig.defaults());
            HomaStack lonelyClient = c.add(HostConfig.defaults());
            HomaSocket server = serverStack.bind(1000);
            HomaSocket lonely = lonelyServer.bind(1000);
            c.network.isolate(lonelyServer.localAddress(), true);
            List<HomaSocket> clients = List.of(client1.openSocket(), client2.openSocket());
            HomaSocket cutOffClient = lonelyClient.openSocket();

            MessageSizeSampler sizes = new MessageSizeSampler(Workload.named("W3").cappedForHoma(), seed);
            Map<Long, Integer> executions = new HashMap<>();
            Map<String, Expected> expected = new HashMap<>();
            Map<String, Integer> completions = new HashMap<>();
            int[] started = {0};
            int[] completed = {0};
            int[] inFlight = new int[clients.size()];
            int[] timedOut = {0};
            long[] bytes = {0};

            for (int i = 0; i < CUT_OFF_RPCS; i++) cutOffClient.send(lonely.address(), new byte[1000], i);

            c.runUntil(() -> {
                for (int k = 0; k < clients.size(); k++) {
                    HomaSocket client = clients.get(k);
                    while (inFlight[k] < OUTSTANDING_PER_CLIENT && started[0] < RPCS) {
                        int length = (int) sizes.next();
                        byte[] request = Payloads.make(seed, started[0], length);
                        long id = client.send(server.address(), request, started[0]);
                        expected.put(k + "/" + id, new Expected(Payloads.hash(request), length));
                        bytes[0] += length;
                        started[0]++;
                        inFlight[k]++;
                    }
                }
                HomaMessage req;
                while ((req = server.poll()) != null) {
                    executions.merge(req.peer().host() * 1_000_000_000_000L + req.id(), 1, Integer::sum);
                    server.reply(req, response(req.toByteArray()));
                    req.release();
                }
                for (int k = 0; k < clients.size(); k++) {
                    HomaMessage resp;
                    while ((resp = clients.get(k).poll()) != null) {
                        String key = k + "/" + resp.id();
                        Expected e = expected.get(key);
                        assertNotNull(e, "a response to an RPC that was never sent: " + key);
                        assertEquals(1, completions.merge(key, 1, Integer::sum), "RPC " + key + " completed twice");
                        byte[] got = resp.toByteArray();
                        MemorySegment s = MemorySegment.ofArray(got);
                        assertEquals(e.requestHash(), s.get(BE_LONG, 0), "server saw a different request for " + key);
                        assertEquals(e.requestLength(), s.get(BE_LONG, 8));
                        assertArrayEquals(response(e.requestHash(), e.requestLength()), got, "response bytes of " + key);
                        resp.release();
                        inFlight[k]--;
                        completed[0]++;
                    }
                }
                try {
                    if (cutOffClient.poll() != null) fail("a response from a server that was cut off");
                } catch (RpcTimeoutException expectedTimeout) {
                    timedOut[0]++;
                }
                return completed[0] == RPCS && timedOut[0] == CUT_OFF_RPCS;
            }, 5_000_000);

            assertEquals(RPCS, completions.size());
            assertEquals(RPCS, executions.size(), "every request reached the server application once");
            assertTrue(executions.values().stream().allMatch(n -> n == 1), "no request was executed twice");
            long[] timeouts = {0};
            for (HomaStack s : List.of(serverStack, client1, client2)) {
                MetricsSnapshot m = s.metrics();
                timeouts[0] += m.timeouts();
            }
            assertEquals(0, timeouts[0], "no timeouts between hosts that can reach each other");
            assertEquals(CUT_OFF_RPCS, lonelyClient.metrics().get(Metrics.Counter.CLIENT_TIMEOUTS));
            MetricsSnapshot sm = serverStack.metrics();
            assertTrue(client1.metrics().resendsSent() + sm.resendsSent() > 0, "losses were repaired by RESENDs");
            System.out.printf("%d RPCs, %d request bytes, %.0f ms virtual; network %s%nserver %s%nclient %s%n",
                    RPCS, bytes[0], (c.clock.nanoTime() - 1e9) / 1e6, c.network.stats(), sm, client1.metrics());
        }
    }

    /** The server's answer: hash and length of the request it saw, then bytes derived from them. */
    private static byte[] response(byte[] request) {
        return response(Payloads.hash(request), request.length);
    }

    private static byte[] response(long hash, int length) {
        byte[] tail = Payloads.make(hash, length, 16 + (int) Long.remainderUnsigned(hash, 3000));
        byte[] out = new byte[16 + tail.length];
        MemorySegment s = MemorySegment.ofArray(out);
        s.set(BE_LONG, 0, hash);
        s.set(BE_LONG, 8, length);
        System.arraycopy(tail, 0, out, 16, tail.length);
        return out;
    }
}
