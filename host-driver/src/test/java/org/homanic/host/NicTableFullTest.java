package org.homanic.host;

import org.homanic.host.datapath.Capability;
import org.homanic.host.datapath.Datapath;
import org.homanic.host.datapath.FaultModel;
import org.homanic.host.datapath.InMemoryDatapath;
import org.homanic.host.datapath.PacketBatch;
import org.homanic.protocol.wire.HomaHeaders;
import org.homanic.protocol.wire.PacketType;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A NIC that schedules grants but whose message table is full flags the packets of the
 * messages it could not hold; the host then schedules those messages' grants in software.
 */
class NicTableFullTest {

    private static final long TYPE_OFFSET = HomaHeaders.COMMON.field("type").offset();

    /** A NIC datapath whose grant scheduler holds nothing: every DATA packet arrives flagged. */
    private static final class TableFullNic implements Datapath {
        private final InMemoryDatapath inner;
        private final Arena arena = Arena.ofConfined();
        private final PacketBatch scratch;

        TableFullNic(InMemoryDatapath inner) {
            this.inner = inner;
            this.scratch = new PacketBatch(arena, 64, inner.mtu());
        }

        @Override public long localAddress() { return inner.localAddress(); }
        @Override public int mtu() { return inner.mtu(); }
        @Override public Set<Capability> capabilities() { return inner.capabilities(); }
        @Override public void send(PacketBatch batch) { inner.send(batch); }
        @Override public int pollUnreachable(long[] peers, int[] ports) { return inner.pollUnreachable(peers, ports); }
        @Override public void reportPortUnreachable(long peer, int port) { inner.reportPortUnreachable(peer, port); }
        @Override public String describe(long peer) { return inner.describe(peer); }

        @Override
        public int poll(PacketBatch batch) {
            scratch.clear();
            int n = inner.poll(scratch);
            int room = Math.min(n, batch.capacity() - batch.size());
            for (int i = 0; i < room; i++) {
                MemorySegment p = scratch.segment(i);
                boolean data = p.get(ValueLayout.JAVA_BYTE, TYPE_OFFSET) == (byte) PacketType.DATA.code();
                MemorySegment.copy(p, 0, batch.next(), 0, scratch.length(i));
                batch.commit(scratch.length(i), scratch.peer(i), scratch.priority(i), data ? PacketBatch.NIC_UNTRACKED : 0);
            }
            return room;
        }

        @Override
        public void close() {
            inner.close();
            arena.close();
        }
    }

    @Test
    void theHostGrantsMessagesTheNicCouldNotHold() {
        try (Cluster c = new Cluster(FaultModel.none(), 7)) {
            c.stepNanos = 20_000;
            Set<Capability> nic = Set.of(Capability.NIC_SCHEDULES_GRANTS);
            HomaStack serverStack = HomaStack.open(new TableFullNic(c.network.attach(nic)), HostConfig.defaults(), c.clock);
            c.stacks.add(serverStack);
            HomaStack clientStack = c.add(HostConfig.defaults(), nic);
            HomaSocket server = serverStack.bind(100);
            HomaSocket client = clientStack.openSocket();
            byte[] request = Payloads.make(7, 7, 300_000);
            client.send(server.address(), request, 0);
            HomaMessage[] got = new HomaMessage[1];
            c.runUntil(() -> (got[0] = server.poll()) != null, 100_000);
            assertArrayEquals(request, got[0].toByteArray());
            assertTrue(serverStack.metrics().grantsSent() > 0, "the host granted the untracked message itself");
            assertEquals(0, serverStack.metrics().resendsSent(), "no silence: grants kept the sender going");
        }
    }
}
