package org.homanic.host;

import org.homanic.host.api.HomaAddress;
import org.homanic.host.api.InvalidRpcArgumentException;
import org.homanic.host.api.NoBufferSpaceException;
import org.homanic.host.api.RpcAbortedException;
import org.homanic.host.datapath.FaultModel;
import org.homanic.host.metrics.DropReason;
import org.homanic.host.metrics.Metrics;
import org.homanic.protocol.wire.PacketType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

/** Misuse is a clear exception and changes nothing else. */
class ApiMisuseTest {
    private Cluster c;
    private HomaStack serverStack, clientStack;
    private HomaSocket server, client;

    @BeforeEach
    void open() {
        c = new Cluster(FaultModel.none(), 1);
        serverStack = c.add(HostConfig.defaults());
        clientStack = c.add(HostConfig.defaults().withMaxOutgoingBytes(1_500_000));
        server = serverStack.bind(5);
        client = clientStack.openSocket();
    }

    @AfterEach
    void close() {
        c.close();
    }

    private HomaMessage requestAtServer(byte[] payload) {
        client.send(server.address(), payload, 0);
        HomaMessage[] got = new HomaMessage[1];
        c.runUntil(() -> (got[0] = server.poll()) != null, 10_000);
        return got[0];
    }

    @Test
    void messagesMustHoldOneToAMillionBytes() {
        InvalidRpcArgumentException e = assertThrows(InvalidRpcArgumentException.class, () -> client.send(server.address(), new byte[0], 0));
        assertTrue(e.getMessage().contains("1..1000000"), e.getMessage());
        assertThrows(InvalidRpcArgumentException.class, () -> client.send(server.address(), new byte[1_000_001], 0));
        assertEquals(0, clientStack.liveRpcs());
        assertEquals(0, clientStack.metrics().get(Metrics.Counter.CLIENT_RPCS_STARTED));
        assertEquals(0, clientStack.metrics().sent(PacketType.DATA));
    }

    @Test
    void replyingTwiceFailsAndSendsNothingMore() {
        HomaMessage req = requestAtServer(new byte[10]);
        server.reply(req, new byte[] {1});
        long dataSent = serverStack.metrics().sent(PacketType.DATA);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> server.reply(req, new byte[] {2}));
        assertTrue(e.getMessage().contains("already answered"), e.getMessage());
        assertEquals(dataSent, serverStack.metrics().sent(PacketType.DATA));
    }

    @Test
    void replyingToAResponseOrOnAnotherSocketIsAnInvalidArgument() {
        HomaMessage req = requestAtServer(new byte[10]);
        HomaSocket other = serverStack.bind(6);
        InvalidRpcArgumentException e = assertThrows(InvalidRpcArgumentException.class, () -> other.reply(req, new byte[1]));
        assertEquals(req.id(), e.rpcId());
        server.reply(req, new byte[] {1});
        HomaMessage[] got = new HomaMessage[1];
        c.runUntil(() -> (got[0] = client.poll()) != null, 10_000);
        assertThrows(InvalidRpcArgumentException.class, () -> client.reply(got[0], new byte[1]));
        assertThrows(InvalidRpcArgumentException.class, () -> server.reply(req, new byte[1_000_001]));
    }

    @Test
    void releasingTwiceFailsAndLeavesThePoolAlone() {
        HomaMessage req = requestAtServer(new byte[100_000]);
        req.release();
        int free = serverStack.metrics().pool().freePages();
        assertThrows(IllegalStateException.class, req::release);
        assertEquals(free, serverStack.metrics().pool().freePages());
        assertThrows(IllegalStateException.class, () -> req.get(0), "reading a released message");
    }

    @Test
    void aClosedSocketRefusesEveryCall() {
        client.close();
        assertThrows(IllegalStateException.class, () -> client.send(server.address(), new byte[1], 0));
        assertThrows(IllegalStateException.class, client::poll);
        assertThrows(IllegalStateException.class, client::receiveAsync);
        assertThrows(IllegalStateException.class, () -> client.receive(Duration.ZERO));
        assertTrue(client.isClosed());
        client.close(); // closing again is harmless
        clientStack.close();
        assertThrows(IllegalStateException.class, clientStack::openSocket);
    }

    @Test
    void closingASocketEndsItsRpcsAndFreesItsBuffers() {
        HomaMessage req = requestAtServer(new byte[200_000]);
        assertEquals(1, serverStack.liveRpcs());
        server.close();
        assertEquals(0, serverStack.liveRpcs());
        assertThrows(IllegalStateException.class, () -> server.reply(req, new byte[1]));
        req.release(); // the application may still give back what it holds
        var pool = serverStack.metrics().pool();
        assertEquals(pool.pages() - 1, pool.freePages());
    }

    @Test
    void portsFollowHomaRules() {
        assertThrows(InvalidRpcArgumentException.class, () -> serverStack.bind(0));
        assertThrows(InvalidRpcArgumentException.class, () -> serverStack.bind(32_768));
        assertThrows(IllegalStateException.class, () -> serverStack.bind(5));
        assertTrue(client.port() >= 32_768);
        assertNotEquals(client.port(), clientStack.openSocket().port());
    }

    @Test
    void abortingAnUnknownRpcIsAnInvalidArgument() {
        assertThrows(InvalidRpcArgumentException.class, () -> client.abort(2));
        assertThrows(InvalidRpcArgumentException.class, () -> client.abort(3), "odd ids are server RPCs");
    }

    @Test
    void abortWithACauseDeliversTheFailureAndTheLateResponseIsDropped() {
        isolateServer();
        long id = client.send(server.address(), new byte[10], 77);
        IllegalStateException why = new IllegalStateException("user gave up");
        client.abort(id, why);
        RpcAbortedException e = assertThrows(RpcAbortedException.class, client::poll);
        assertEquals(id, e.rpcId());
        assertEquals(77, e.completionCookie());
        assertSame(why, e.getCause());
        assertThrows(InvalidRpcArgumentException.class, () -> client.abort(id), "already gone");
        assertEquals(0, clientStack.liveRpcs());
    }

    @Test
    void abortWithoutACauseJustDeletes() {
        long id = client.send(server.address(), new byte[10], 0);
        HomaMessage[] got = new HomaMessage[1];
        c.runUntil(() -> (got[0] = server.poll()) != null, 10_000);
        client.abort(id);
        server.reply(got[0], new byte[] {1});
        c.runFor(1_000_000);
        assertNull(client.poll());
        assertEquals(1, clientStack.metrics().dropped(DropReason.UNKNOWN_RPC), "the response found no RPC");
    }

    @Test
    void abortAllFailsEveryClientRpcOfTheSocket() {
        isolateServer();
        long a = client.send(server.address(), new byte[10], 0);
        long b = client.send(server.address(), new byte[10], 0);
        client.abortAll(null);
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (int i = 0; i < 2; i++) ids.add(assertThrows(RpcAbortedException.class, client::poll).rpcId());
        assertEquals(java.util.Set.of(a, b), ids);
    }

    @Test
    void privateResponsesComeOnlyToThoseWhoAskForTheirId() {
        long id = client.sendPrivate(server.address(), new byte[10], 0);
        HomaMessage[] got = new HomaMessage[1];
        c.runUntil(() -> (got[0] = server.poll()) != null, 10_000);
        server.reply(got[0], new byte[] {9});
        c.runFor(1_000_000);
        assertNull(client.poll(), "not given to a receive of any message");
        HomaMessage resp = client.poll(id);
        assertNotNull(resp);
        assertArrayEquals(new byte[] {9}, resp.toByteArray());
        assertThrows(InvalidRpcArgumentException.class, () -> client.poll(id), "taken already");
        long shared = client.send(server.address(), new byte[1], 0);
        assertThrows(InvalidRpcArgumentException.class, () -> client.poll(shared), "not a private RPC");
    }

    @Test
    void outgoingBytesAboveTheLimitAreRefused() {
        isolateServer();
        client.send(server.address(), new byte[1_000_000], 0);
        NoBufferSpaceException e = assertThrows(NoBufferSpaceException.class, () -> client.send(server.address(), new byte[600_000], 0));
        assertTrue(e.getMessage().contains("1000000"), e.getMessage());
        assertEquals(1, clientStack.liveRpcs());
    }

    private void isolateServer() {
        c.network.isolate(serverStack.localAddress(), true);
    }

    @Test
    void aMessageAddressIsHostAndPort() {
        assertEquals(new HomaAddress(serverStack.localAddress(), 5), server.address());
    }
}
