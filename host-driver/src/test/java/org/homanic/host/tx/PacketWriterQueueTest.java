package org.homanic.host.tx;

import org.homanic.host.datapath.Capability;
import org.homanic.host.datapath.Datapath;
import org.homanic.host.datapath.PacketBatch;
import org.homanic.host.metrics.Metrics;
import org.homanic.protocol.wire.HomaView;
import org.homanic.protocol.wire.PacketType;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The writer's queue for datapaths that send after the stack's lock is free: nothing reaches
 * the datapath until {@code sendQueued}, which sends every packet once and in the order written,
 * also when the writer runs out of batches and must send under the lock.
 */
class PacketWriterQueueTest {
    private static final int BATCH = 4;

    /** Notes the sender id of every packet it is handed (the writer numbers them). */
    private static final class Noting implements Datapath {
        final List<Long> sent = new ArrayList<>();
        final boolean afterUnlock;
        private final HomaView view = new HomaView();

        Noting(boolean afterUnlock) { this.afterUnlock = afterUnlock; }

        @Override public long localAddress() { return 0; }
        @Override public int mtu() { return 1500; }
        @Override public Set<Capability> capabilities() { return Set.of(); }
        @Override public int poll(PacketBatch batch) { return 0; }
        @Override public void close() {}
        @Override public boolean sendsAfterUnlock() { return afterUnlock; }

        @Override
        public void send(PacketBatch batch) {
            for (int i = 0; i < batch.size(); i++) sent.add(view.wrap(batch.segment(i), 0).senderId());
            batch.clear();
        }
    }

    private static PacketWriter writer(Noting path, Arena arena) {
        return new PacketWriter(path, () -> new PacketBatch(arena, BATCH, path.mtu()), new Metrics());
    }

    private static void write(PacketWriter w, long from, long to) {
        for (long id = from; id < to; id++) w.bare(PacketType.BUSY, 1, 1000, 40000, id, 0);
    }

    private static List<Long> ids(long from, long to) {
        List<Long> l = new ArrayList<>();
        for (long id = from; id < to; id++) l.add(id);
        return l;
    }

    @Test
    void queuedPacketsWaitForSendQueuedAndKeepTheirOrder() {
        try (Arena arena = Arena.ofConfined()) {
            Noting path = new Noting(true);
            PacketWriter w = writer(path, arena);
            write(w, 2, 12);   // two full batches and two packets
            w.flush();
            assertTrue(path.sent.isEmpty(), "nothing is sent under the lock");
            w.sendQueued();
            assertEquals(ids(2, 12), path.sent);
            w.sendQueued();
            assertEquals(ids(2, 12), path.sent, "each packet once");
        }
    }

    @Test
    void withEveryBatchQueuedTheWriterSendsInOrderAtOnce() {
        try (Arena arena = Arena.ofConfined()) {
            Noting path = new Noting(true);
            PacketWriter w = writer(path, arena);
            long n = 40L * BATCH + 2;   // far more than the writer has batches
            write(w, 2, 2 + n);
            assertTrue(!path.sent.isEmpty() && path.sent.size() < n, "out of batches, some went out under the lock");
            w.flush();
            w.sendQueued();
            assertEquals(ids(2, 2 + n), path.sent);
        }
    }

    @Test
    void otherDatapathsGetEachFullOrFlushedBatchAtOnce() {
        try (Arena arena = Arena.ofConfined()) {
            Noting path = new Noting(false);
            PacketWriter w = writer(path, arena);
            write(w, 2, 2 + BATCH);
            assertEquals(ids(2, 2 + BATCH), path.sent, "a full batch goes at once");
            write(w, 2 + BATCH, 3 + BATCH);
            w.flush();
            assertEquals(ids(2, 3 + BATCH), path.sent);
        }
    }
}
