package org.homanic.host;

import org.homanic.host.api.HomaAddress;
import org.homanic.host.datapath.FaultModel;
import org.homanic.host.metrics.Metrics;
import org.homanic.host.metrics.MetricsSnapshot;
import org.homanic.protocol.wire.PacketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class BasicRpcTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 1424, 1425, 40_000, 65_536, 65_537, 200_000, 1_000_000})
    void requestAndResponseArriveByteExact(int length) {
        try (Cluster c = new Cluster(FaultModel.none(), 1)) {
            HomaStack serverStack = c.add(HostConfig.defaults());
            HomaStack clientStack = c.add(HostConfig.defaults());
            HomaSocket server = serverStack.bind(100);
            HomaSocket client = clientStack.openSocket();
            byte[] request = Payloads.make(7, 1, length);
            long id = client.send(server.address(), request, 0xC00C1E);
            assertEquals(0, id % 2, "client ids are even");

            HomaMessage[] got = new HomaMessage[1];
            c.runUntil(() -> (got[0] = server.poll()) != null, 100_000);
            HomaMessage req = got[0];
            assertTrue(req.isRequest());
            assertEquals(id | 1, req.id(), "server id is the client id with the low bit set");
            assertEquals(client.address(), req.peer());
            assertArrayEquals(request, req.toByteArray());
            assertEquals(length <= 65_536, req.isContiguous());
            assertEquals((length + 65_535) / 65_536, req.segmentCount());

            byte[] response = Payloads.make(7, 2, length);
            server.reply(req, response);
            req.release();
            c.runUntil(() -> (got[0] = client.poll()) != null, 100_000);
            HomaMessage resp = got[0];
            assertFalse(resp.isRequest());
            assertEquals(id, resp.id());
            assertEquals(0xC00C1E, resp.completionCookie());
            assertArrayEquals(response, resp.toByteArray());
            resp.release();

            MetricsSnapshot cm = clientStack.metrics();
            int packets = (length + 1423) / 1424;
            assertEquals(packets, cm.sent(PacketType.DATA), "one DATA packet per 1424 bytes on a perfect network");
            assertEquals(packets, cm.received(PacketType.DATA));
            assertEquals(0, cm.totalDrops());
            assertEquals(1, cm.get(Metrics.Counter.CLIENT_RPCS_COMPLETED));
            int ownedSharedPage = length % 65_536 == 0 ? 0 : 1;
            assertEquals(cm.pool().pages() - ownedSharedPage, cm.pool().freePages(),
                    "every page back in the pool except a shared page still owned for the next fragment");
        }
    }

    @Test
    void messagesAboveTheUnscheduledBytesNeedGrants() {
        try (Cluster c = new Cluster(FaultModel.none(), 2)) {
            HomaStack serverStack = c.add(HostConfig.defaults());
            HomaStack clientStack = c.add(HostConfig.defaults());
            HomaSocket server = serverStack.bind(100);
            HomaSocket client = clientStack.openSocket();
            byte[] request = Payloads.make(3, 3, 500_000);
            client.send(server.address(), request, 0);
            HomaMessage[] got = new HomaMessage[1];
            c.runUntil(() -> (got[0] = server.poll()) != null, 100_000);
            assertArrayEquals(request, got[0].toByteArray());
            assertTrue(serverStack.metrics().grantsSent() > 0, "the receiver granted the scheduled bytes");
            assertEquals(serverStack.metrics().grantsSent(), clientStack.metrics().grantsReceived());
        }
    }

    @Test
    void theServerForgetsAnRpcOnceTheClientAcksIt() {
        try (Cluster c = new Cluster(FaultModel.none(), 3)) {
            HomaStack serverStack = c.add(HostConfig.defaults());
            HomaStack clientStack = c.add(HostConfig.defaults());
            HomaSocket server = serverStack.bind(100);
            HomaSocket client = clientStack.openSocket();
            client.send(server.address(), new byte[] {1, 2, 3}, 0);
            HomaMessage[] got = new HomaMessage[1];
            c.runUntil(() -> (got[0] = server.poll()) != null, 10_000);
            server.reply(got[0], new byte[] {4});
            got[0].release();
            c.runUntil(() -> (got[0] = client.poll()) != null, 10_000);
            got[0].release();
            assertEquals(1, serverStack.liveRpcs(), "server keeps the RPC until acked");
            // The client has no more DATA for the server, so the server's NEED_ACK brings the ACK.
            c.runUntil(() -> serverStack.liveRpcs() == 0, 10_000);
            assertTrue(serverStack.metrics().sent(PacketType.NEED_ACK) >= 1);
            assertEquals(1, clientStack.metrics().sent(PacketType.ACK));
            assertEquals(1, serverStack.metrics().get(Metrics.Counter.SERVER_RPCS_ACKED));
        }
    }

    @Test
    void acksRideOnLaterDataPackets() {
        try (Cluster c = new Cluster(FaultModel.none(), 4)) {
            HomaStack serverStack = c.add(HostConfig.defaults());
            HomaStack clientStack = c.add(HostConfig.defaults());
            HomaSocket server = serverStack.bind(100);
            HomaSocket client = clientStack.openSocket();
            HomaMessage[] got = new HomaMessage[1];
            for (int i = 0; i < 3; i++) {
                client.send(server.address(), new byte[] {(byte) i}, i);
                c.runUntil(() -> (got[0] = server.poll()) != null, 10_000);
                server.reply(got[0], new byte[] {(byte) i});
                got[0].release();
                // Only until the response is in: not long enough for the server's NEED_ACK.
                c.runUntil(() -> (got[0] = client.poll()) != null, 10_000);
                got[0].release();
            }
            // RPCs 1 and 2 were acked by the DATA of RPCs 2 and 3.
            assertEquals(2, serverStack.metrics().get(Metrics.Counter.SERVER_RPCS_ACKED));
            assertEquals(0, clientStack.metrics().sent(PacketType.ACK));
        }
    }

    @Test
    void manySmallMessagesShareOneBpage() {
        try (Cluster c = new Cluster(FaultModel.none(), 5)) {
            HomaStack serverStack = c.add(HostConfig.defaults());
            HomaStack clientStack = c.add(HostConfig.defaults());
            HomaSocket server = serverStack.bind(100);
            HomaSocket client = clientStack.openSocket();
            for (int i = 0; i < 10; i++) client.send(server.address(), new byte[100], i);
            HomaMessage[] msgs = new HomaMessage[10];
            int[] n = {0};
            c.runUntil(() -> {
                HomaMessage m;
                while ((m = server.poll()) != null) msgs[n[0]++] = m;
                return n[0] == 10;
            }, 10_000);
            long[] pages = Arrays.stream(msgs).mapToLong(m -> m.bpageOffsets()[0] >>> 16).distinct().toArray();
            assertEquals(1, pages.length, "ten 100-byte messages are fragments of one shared bpage");
            for (HomaMessage m : msgs) m.release();
        }
    }

    @Test
    void aDatapathWhoseNicSchedulesGrantsGetsNoGrantsFromTheHost() {
        try (Cluster c = new Cluster(FaultModel.none(), 6)) {
            c.stepNanos = 20_000;
            var nic = java.util.Set.of(org.homanic.host.datapath.Capability.NIC_SCHEDULES_GRANTS);
            HomaStack serverStack = c.add(HostConfig.defaults(), nic);
            HomaStack clientStack = c.add(HostConfig.defaults(), nic);
            HomaSocket server = serverStack.bind(100);
            HomaSocket client = clientStack.openSocket();
            byte[] request = Payloads.make(6, 6, 100_000);
            client.send(server.address(), request, 0);
            HomaMessage[] got = new HomaMessage[1];
            c.runUntil(() -> (got[0] = server.poll()) != null, 100_000);
            assertArrayEquals(request, got[0].toByteArray());
            assertEquals(0, serverStack.metrics().grantsSent(), "grants are the NIC's job");
            // No NIC here grants the scheduled bytes: the host, which counts the whole message as
            // granted, asks for them with RESEND after the silence, and the sender takes that as a lost GRANT.
            assertTrue(serverStack.metrics().resendsSent() >= 1);
        }
    }

    @Test
    void addressesNameHostAndPort() {
        assertEquals("host3:100", new HomaAddress(3, 100).toString());
        assertThrows(IllegalArgumentException.class, () -> new HomaAddress(3, 0));
    }
}
