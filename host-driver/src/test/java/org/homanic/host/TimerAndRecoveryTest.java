package org.homanic.host;

import org.homanic.host.api.PeerUnreachableException;
import org.homanic.host.api.RpcTimeoutException;
import org.homanic.host.datapath.FaultModel;
import org.homanic.host.metrics.Metrics;
import org.homanic.host.timer.TimerConfig;
import org.homanic.protocol.wire.PacketType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Timers and recovery on a virtual clock: exact tick counts, no waiting. */
class TimerAndRecoveryTest {
    private static final long MS = 1_000_000;

    @Test
    void aSilentPeerGetsResendsEveryFiveTicksAndTheRpcTimesOutAfterAHundred() {
        try (Cluster c = new Cluster(FaultModel.none(), 1)) {
            c.stepNanos = 50_000;
            HomaStack serverStack = c.add(HostConfig.defaults());
            HomaStack clientStack = c.add(HostConfig.defaults());
            HomaSocket server = serverStack.bind(5);
            HomaSocket client = clientStack.openSocket();
            c.network.isolate(serverStack.localAddress(), true);
            long id = client.send(server.address(), new byte[1000], 0xABC);
            RpcTimeoutException[] failure = new RpcTimeoutException[1];
            c.runUntil(() -> {
                try {
                    assertNull(client.poll());
                    return false;
                } catch (RpcTimeoutException e) {
                    failure[0] = e;
                    return true;
                }
            }, 100_000);
            assertEquals(id, failure[0].rpcId());
            assertEquals(0xABC, failure[0].completionCookie());
            var m = clientStack.metrics();
            assertEquals(100, m.get(Metrics.Counter.TIMER_TICKS), "aborted at the 100th silent tick");
            assertEquals(19, m.resendsSent(), "RESEND at silent ticks 5, 10, ..., 95");
            assertEquals(1, m.get(Metrics.Counter.CLIENT_TIMEOUTS));
            assertEquals(0, clientStack.liveRpcs());
        }
    }

    @Test
    void theTimerKnobsAreConfigurable() {
        try (Cluster c = new Cluster(FaultModel.none(), 1)) {
            c.stepNanos = 10_000;
            TimerConfig fast = new TimerConfig(100_000, 2, 3, 20, 2);
            HomaStack serverStack = c.add(HostConfig.defaults());
            HomaStack clientStack = c.add(HostConfig.defaults().withTimers(fast));
            HomaSocket server = serverStack.bind(5);
            HomaSocket client = clientStack.openSocket();
            c.network.isolate(serverStack.localAddress(), true);
            client.send(server.address(), new byte[10], 0);
            c.runUntil(() -> {
                try {
                    client.poll();
                    return false;
                } catch (RpcTimeoutException e) {
                    return true;
                }
            }, 100_000);
            var m = clientStack.metrics();
            assertEquals(20, m.get(Metrics.Counter.TIMER_TICKS));
            assertEquals(6, m.resendsSent(), "silent ticks 2, 5, 8, 11, 14, 17");
            assertTrue(c.clock.nanoTime() - 1_000_000_000L < 3 * MS, "100 µs ticks: over in about 2 ms");
        }
    }

    @Test
    void aBusyServerKeepsItsClientWaitingPastTheTimeout() {
        try (Cluster c = new Cluster(FaultModel.none(), 1)) {
            OneRequest r = OneRequest.in(c);
            HomaStack serverStack = r.serverStack(), clientStack = r.clientStack();
            HomaSocket server = r.server(), client = r.client();
            HomaMessage[] got = {r.request()};
            c.runFor(300 * MS); // the application takes 300 ticks to answer
            assertNull(client.poll());
            server.reply(got[0], new byte[] {1});
            got[0].release();
            c.runUntil(() -> (got[0] = client.poll()) != null, 10_000);
            assertTrue(serverStack.metrics().sent(PacketType.BUSY) >= 50, "each RESEND was answered with BUSY");
            assertEquals(0, clientStack.metrics().timeouts());
        }
    }

    @Test
    void aRequestLostWhollyIsRestartedAfterRpcUnknown() {
        try (Cluster c = new Cluster(FaultModel.none().withLoss(1.0), 1)) {
            HomaStack serverStack = c.add(HostConfig.defaults());
            HomaStack clientStack = c.add(HostConfig.defaults());
            HomaSocket server = serverStack.bind(5);
            HomaSocket client = clientStack.openSocket();
            byte[] request = Payloads.make(1, 1, 5000);
            client.send(server.address(), request, 0);
            c.step();
            c.network.faults(FaultModel.none());
            HomaMessage[] got = new HomaMessage[1];
            c.runUntil(() -> (got[0] = server.poll()) != null, 1_000_000);
            assertArrayEquals(request, got[0].toByteArray());
            assertEquals(1, serverStack.metrics().sent(PacketType.RPC_UNKNOWN));
            assertEquals(4, clientStack.metrics().get(Metrics.Counter.PACKETS_RETRANSMITTED), "all 4 packets again");
        }
    }

    @Test
    void aServerStopsAskingForAnAckFromAClientThatVanished() {
        try (Cluster c = new Cluster(FaultModel.none(), 1)) {
            OneRequest r = OneRequest.in(c);
            HomaStack serverStack = r.serverStack(), clientStack = r.clientStack();
            HomaSocket server = r.server(), client = r.client();
            HomaMessage[] got = {r.request()};
            c.network.isolate(clientStack.localAddress(), true);
            server.reply(got[0], new byte[] {1});
            got[0].release();
            c.runUntil(() -> serverStack.liveRpcs() == 0, 100_000);
            assertEquals(1, serverStack.metrics().get(Metrics.Counter.SERVER_RPCS_REAPED));
            assertEquals(101, serverStack.metrics().sent(PacketType.NEED_ACK), "asked once per tick, then gave up");
        }
    }

    @Test
    void aClientWhoseSocketClosedStillAcksTheResponse() {
        try (Cluster c = new Cluster(FaultModel.none(), 1)) {
            OneRequest r = OneRequest.in(c);
            HomaStack serverStack = r.serverStack(), clientStack = r.clientStack();
            HomaSocket server = r.server(), client = r.client();
            HomaMessage[] got = {r.request()};
            server.reply(got[0], new byte[] {1});
            got[0].release();
            HomaMessage[] response = new HomaMessage[1];
            c.runUntil(() -> (response[0] = client.poll()) != null, 10_000);
            response[0].release();
            // The ack waits for a DATA packet to the server that never comes: the socket closes.
            client.close();
            c.runUntil(() -> serverStack.liveRpcs() == 0, 100_000);
            assertEquals(0, serverStack.metrics().get(Metrics.Counter.SERVER_RPCS_REAPED), "acked, not given up on");
            assertEquals(1, serverStack.metrics().sent(PacketType.NEED_ACK), "asked once");
            assertEquals(1, clientStack.metrics().sent(PacketType.ACK));
        }
    }

    @Test
    void anRpcToAHostOrPortThatDoesNotExistFailsAsUnreachable() {
        try (Cluster c = new Cluster(FaultModel.none(), 1)) {
            HomaStack serverStack = c.add(HostConfig.defaults());
            HomaStack clientStack = c.add(HostConfig.defaults());
            HomaSocket client = clientStack.openSocket();
            long noHost = client.send(new org.homanic.host.api.HomaAddress(999, 5), new byte[10], 1);
            long noPort = client.send(new org.homanic.host.api.HomaAddress(serverStack.localAddress(), 6), new byte[10], 2);
            java.util.Set<Long> failed = new java.util.HashSet<>();
            c.runUntil(() -> {
                try {
                    client.poll();
                } catch (PeerUnreachableException e) {
                    failed.add(e.rpcId());
                }
                return failed.size() == 2;
            }, 10_000);
            assertEquals(java.util.Set.of(noHost, noPort), failed);
            assertEquals(1, serverStack.metrics().dropped(org.homanic.host.metrics.DropReason.UNKNOWN_PORT));
        }
    }

    /** A server on port 5 of one stack, a client socket on another, and the client's 10-byte request taken by the server. */
    private record OneRequest(HomaStack serverStack, HomaStack clientStack, HomaSocket server, HomaSocket client, HomaMessage request) {
        static OneRequest in(Cluster c) {
            c.stepNanos = 50_000;
            HomaStack serverStack = c.add(HostConfig.defaults());
            HomaStack clientStack = c.add(HostConfig.defaults());
            HomaSocket server = serverStack.bind(5);
            HomaSocket client = clientStack.openSocket();
            client.send(server.address(), new byte[10], 0);
            HomaMessage[] got = new HomaMessage[1];
            c.runUntil(() -> (got[0] = server.poll()) != null, 10_000);
            return new OneRequest(serverStack, clientStack, server, client, got[0]);
        }
    }
}
