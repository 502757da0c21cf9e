package org.homanic.rtl.nic.sim;

import org.homanic.host.HomaMessage;
import org.homanic.host.HomaSocket;
import org.homanic.host.api.HomaAddress;
import org.homanic.host.api.HomaRpcException;
import org.homanic.host.metrics.MetricsSnapshot;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Two host stacks, unchanged, on two Verilated NICs joined by the switch model: echo RPCs of
 * sizes from 1 byte to 400 kB complete exactly once and byte-exact; the NICs classify, schedule
 * grants and queue by priority, and their GRANTs equal the reference scheduler's (scoreboard).
 */
class NicDatapathTest {
    static final long SEED = Long.getLong("homa.seed", 0x5eedL);

    @Test
    void echoRpcsOnTheNicMatchTheReferenceScheduler() throws Exception {
        System.out.println("[homa] NicDatapathTest: seed 0x" + Long.toHexString(SEED));
        try (SimNetwork net = new SimNetwork(SimNetwork.Config.defaults(2, true))) {
            long t0 = System.nanoTime();
            Result r = echo(net, 16, SEED);
            System.out.printf("[homa] %d cycles of 2 NICs in %.1f s%n", net.cycle(), (System.nanoTime() - t0) / 1e9);
            assertEquals(16, r.completed, "every RPC completes once");
            for (SimNetwork.Host h : net.hosts()) {
                MetricsSnapshot m = h.stack.metrics();
                assertEquals(0, m.grantsSent(), "host " + h.index + " sends no GRANTs of its own: the NIC schedules");
                GrantScoreboard sb = h.scoreboard;
                assertEquals(0, sb.mismatches(), sb.summary());
                assertEquals(0, sb.unmatched(), sb.summary());
                System.out.println("[homa] host " + h.index + ": " + sb.summary());
            }
            assertTrue(net.host(1).scoreboard.matched() > 20, "the server's NIC granted the large requests: " + net.host(1).scoreboard.summary());
            assertTrue(net.host(0).scoreboard.matched() > 20, "the client's NIC granted the large responses");
            assertEquals(net.host(1).nicGrants(), net.host(1).scoreboard.matched());
            assertNoDrops(net);
        }
    }

    @Test
    void baselineHostsGrantInSoftware() throws Exception {
        try (SimNetwork net = new SimNetwork(SimNetwork.Config.defaults(2, false))) {
            Result r = echo(net, 8, SEED + 1);
            assertEquals(8, r.completed);
            assertEquals(0, net.host(0).nicGrants() + net.host(1).nicGrants(), "no NIC GRANTs in the baseline");
            assertTrue(net.host(1).stack.metrics().grantsSent() > 0, "the server's host grants the large requests");
            long[] prio = net.fabric().priorityFrames();
            for (int l = 1; l < 8; l++) assertEquals(0, prio[l], "baseline traffic is all priority 0");
            assertNoDrops(net);
        }
    }

    static void assertNoDrops(SimNetwork net) {
        assertEquals(0, net.fabric().dropsBufferFull() + net.fabric().dropsNoRoute(), "switch drops");
        for (int h = 0; h < net.hosts().size(); h++) {
            for (String c : new String[] {"rx_buffer_full", "rx_host_queue_full", "rx_events_dropped", "tx_staging_full",
                    "tx_queue_full", "sched_table_full", "sched_notices_dropped", "rx_bad_frame"}) {
                assertEquals(0, net.register(h, c), "host " + h + " " + c);
            }
            assertEquals(0, net.host(h).datapath.otherFramesIgnored());
        }
    }

    record Result(int completed) {}

    /** Host 0 sends {@code count} requests of random sizes to host 1, which echoes each; checks every byte. */
    static Result echo(SimNetwork net, int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        HomaSocket server = net.host(1).stack.bind(4000);
        HomaSocket client = net.host(0).stack.openSocket();
        Map<Long, byte[]> outstanding = new HashMap<>();
        int[] sizes = {1, 100, 1400, 1500, 9000, 10_000, 30_000, 120_000, 400_000};
        for (int i = 0; i < count; i++) {
            int size = i < sizes.length ? sizes[i] : 1 + rnd.nextInt(200_000);
            byte[] payload = new byte[size];
            rnd.nextBytes(payload);
            long id = client.send(new HomaAddress(1, 4000), payload, i);
            outstanding.put(id, payload);
        }
        int[] completed = {0};
        boolean done = net.runUntil(() -> {
            HomaMessage req;
            while ((req = server.poll()) != null) {
                byte[] b = req.toByteArray();
                server.reply(req, b);
                req.release();
            }
            HomaMessage resp;
            try {
                while ((resp = client.poll()) != null) {
                    byte[] want = outstanding.remove(resp.id());
                    assertNotNull(want, "response for RPC " + resp.id() + " came once, for an RPC we sent");
                    assertArrayEquals(want, resp.toByteArray(), "RPC " + resp.id() + " echoed byte for byte");
                    resp.release();
                    completed[0]++;
                }
            } catch (HomaRpcException e) {
                fail("RPC " + e.rpcId() + " failed: " + e);
            }
            return outstanding.isEmpty();
        }, 20_000_000);
        assertTrue(done, "RPCs outstanding after 80 ms simulated: " + outstanding.keySet());
        // Let late packets (acks, the last GRANTs) settle, then give the scoreboards everything.
        net.runUntil(() -> false, 20_000);
        net.flushScoreboards();
        assertEquals(count, completed[0]);
        return new Result(completed[0]);
    }
}
