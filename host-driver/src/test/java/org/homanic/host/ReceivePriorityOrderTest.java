package org.homanic.host;

import org.homanic.host.datapath.FaultModel;
import org.homanic.protocol.wire.PacketType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The receive path serves the packets of one poll highest priority level first, as a switch's
 * priority queues would, though the datapath delivered them in arrival order.
 */
class ReceivePriorityOrderTest {

    @Test
    void aHigherLevelPacketThatArrivedSecondIsHandledFirst() {
        try (Cluster c = new Cluster(FaultModel.none(), 1)) {
            HomaStack serverStack = c.add(HostConfig.defaults());
            HomaStack clientStack = c.add(HostConfig.defaults());
            HomaSocket server = serverStack.bind(9);
            HomaSocket client = clientStack.openSocket();
            // A first RPC brings the server's CUTOFFS (HomaModule's defaults: up to 200 bytes
            // level 7, up to 2800 level 6) to the client.
            client.send(server.address(), new byte[10], 1);
            HomaMessage[] first = new HomaMessage[1];
            c.runUntil(() -> (first[0] = server.poll()) != null, 10_000);
            server.reply(first[0], new byte[10]);
            first[0].release();
            c.runUntil(() -> clientStack.metrics().received(PacketType.CUTOFFS) == 1 && client.poll() != null, 10_000);

            // Two one-packet requests sent back to back: 1000 bytes (level 6), then 100 (level 7).
            client.send(server.address(), new byte[1000], 2);
            client.send(server.address(), new byte[100], 3);
            c.runUntil(() -> serverStack.metrics().received(PacketType.DATA) >= 3, 10_000);
            HomaMessage a = server.poll(), b = server.poll();
            assertNotNull(a);
            assertNotNull(b, "both requests came in the same poll");
            assertEquals(100, a.length(), "the level-7 request is handled before the level-6 one that arrived first");
            assertEquals(1000, b.length());
            a.release();
            b.release();
        }
    }
}
