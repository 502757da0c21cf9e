package org.homanic.rtl.nic.sim;

import org.homanic.host.HomaMessage;
import org.homanic.host.HomaSocket;
import org.homanic.host.api.HomaAddress;
import org.homanic.rtl.nic.NicParams;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A NIC whose scheduler table is too small for the messages in flight: it refuses the new
 * messages whose set is full and tells the host (table-full notices), the host grants exactly
 * those in software, and every RPC still completes once, byte for byte; the NIC's GRANTs for the
 * messages it did take still equal the reference's.
 */
class NicTableFullTest {
    @Test
    void messagesTheNicCannotHoldAreGrantedByTheHost() throws Exception {
        NicParams s = NicParams.SIM;
        NicParams tiny = new NicParams(s.dataWidth(), 1, s.bufferBytes(), s.queueBytes(), s.eventDepth(), s.stagingBytes(),
                s.levelBytes(), s.peerEntries(), s.grantEntries(), 4, 2, s.gaps(), s.clockNs());
        try (SimNetwork net = new SimNetwork(SimNetwork.Config.defaults(2, true).withNic(tiny))) {
            HomaSocket server = net.host(1).stack.bind(4000);
            HomaSocket client = net.host(0).stack.openSocket();
            SplittableRandom rnd = new SplittableRandom(11);
            Map<Long, byte[]> sent = new HashMap<>();
            for (int i = 0; i < 10; i++) {
                byte[] p = new byte[150_000 + rnd.nextInt(50_000)];
                rnd.nextBytes(p);
                sent.put(client.send(new HomaAddress(1, 4000), p, i), p);
            }
            int[] served = {0};
            boolean done = net.runUntil(() -> {
                HomaMessage req;
                while ((req = server.poll()) != null) {
                    byte[] b = req.toByteArray();
                    long id = req.id() & ~1L;
                    assertArrayEquals(sent.get(id), b, "request of RPC " + id + " byte for byte");
                    server.reply(req, new byte[] {1});
                    req.release();
                    served[0]++;
                }
                HomaMessage resp;
                while ((resp = client.poll()) != null) {
                    resp.release();
                    served[0] += 100;
                }
                return served[0] == 10 * 101;
            }, 10_000_000);
            assertTrue(done, "all RPCs complete: " + served[0]);
            net.runUntil(() -> false, 20_000);
            net.flushScoreboards();
            long tableFull = net.register(1, "sched_table_full");
            assertTrue(tableFull > 0, "ten 150 kB requests at once overflow a 4-entry table");
            assertTrue(net.host(1).notices() > 0, "the host was told");
            assertTrue(net.host(1).stack.metrics().grantsSent() > 0, "the host granted the messages the NIC refused");
            assertTrue(net.host(1).nicGrants() > 0, "the NIC granted the messages it holds");
            assertEquals(0, net.host(1).scoreboard.mismatches(), net.host(1).scoreboard.summary());
            assertEquals(0, net.host(1).scoreboard.unmatched(), net.host(1).scoreboard.summary());
            System.out.println("[homa] NicTableFullTest: " + tableFull + " table-full events; host GRANTs "
                    + net.host(1).stack.metrics().grantsSent() + "; " + net.host(1).scoreboard.summary());
        }
    }
}
