package org.homanic.host.tx;

import org.homanic.host.datapath.Datapath;
import org.homanic.host.datapath.PacketBatch;
import org.homanic.host.metrics.Metrics;
import org.homanic.protocol.wire.AckView;
import org.homanic.protocol.wire.CutoffsView;
import org.homanic.protocol.wire.DataView;
import org.homanic.protocol.wire.GrantView;
import org.homanic.protocol.wire.HomaConstants;
import org.homanic.protocol.wire.HomaView;
import org.homanic.protocol.wire.PacketType;
import org.homanic.protocol.wire.ResendView;

import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Writes Homa packets straight into the slots of a reusable {@link PacketBatch} through the
 * protocol module's flyweight views, under the stack's lock, and hands a batch to the datapath
 * when it is full or {@linkplain #flush flushed}. Where the datapath
 * {@linkplain Datapath#sendsAfterUnlock sends after the unlock}, the batch waits in a queue
 * instead and whoever releases the lock sends what is queued ({@link #sendQueued}), so that a
 * long send holds up no other thread's packets. Batches are reused: nothing is allocated per
 * packet.
 */
public final class PacketWriter {
    /** Batches at most (one being filled, the rest queued or free); with all queued, a full one is sent at once. */
    private static final int MAX_BATCHES = 8;

    private final Datapath datapath;
    private final Supplier<PacketBatch> newBatch;
    private final Metrics metrics;
    /** Filled batches in the order they were filled, and emptied ones; guarded by {@code queued}. */
    private final ArrayDeque<PacketBatch> queued = new ArrayDeque<>(), free = new ArrayDeque<>();
    /** One thread sends at a time, so the datapath sees the batches in order. */
    private final ReentrantLock sending = new ReentrantLock();
    private final boolean queues;
    private PacketBatch batch;
    private int batches = 1;
    private final HomaView common = new HomaView();
    private final DataView data = new DataView();
    private final GrantView grant = new GrantView();
    private final ResendView resend = new ResendView();
    private final AckView ack = new AckView();
    private final CutoffsView cutoffs = new CutoffsView();

    /** {@code newBatch} makes an empty batch (all of one slot size); the writer makes up to {@value #MAX_BATCHES}. */
    public PacketWriter(Datapath datapath, Supplier<PacketBatch> newBatch, Metrics metrics) {
        this.datapath = datapath;
        this.newBatch = newBatch;
        this.queues = datapath.sendsAfterUnlock();
        this.batch = newBatch.get();
        this.metrics = metrics;
    }

    /** Payload bytes that fit in one packet. */
    public int maxPayload() {
        return batch.slotCapacity() - DataView.HEADER_LENGTH;
    }

    /**
     * A DATA packet with message bytes [offset, offset + count). Originals carry the offset in
     * {@code sequence} with seg.offset 0xFFFFFFFF, as HomaModule emits single-segment packets;
     * retransmissions carry it in both (spec 1.4).
     */
    public void data(long peer, int sport, int dport, long senderId, OutgoingMessage m, long offset, int count,
                     long incoming, long ackClientId, int ackServerPort, int cutoffVersion, boolean retransmit, int priority) {
        MemorySegment slot = batch.next();
        data.wrap(slot, 0).initCommon(PacketType.DATA, sport, dport, senderId).sequence(offset);
        data.messageLength(m.length()).incoming(incoming).ackClientId(ackClientId).ackServerPort(ackServerPort)
                .cutoffVersion(cutoffVersion).retransmit(retransmit ? 1 : 0).pad(0)
                .segOffset(retransmit ? offset : HomaConstants.OFFSET_IN_SEQUENCE);
        MemorySegment.copy(m.payload(), offset, slot, DataView.HEADER_LENGTH, count);
        commit(DataView.HEADER_LENGTH + count, peer, priority, PacketType.DATA);
        metrics.add(Metrics.Counter.DATA_BYTES_SENT, count);
    }

    public void grant(long peer, int sport, int dport, long senderId, long offset, int priority, int level) {
        grant.wrap(batch.next(), 0).initCommon(PacketType.GRANT, sport, dport, senderId);
        grant.offset(offset).priority(priority);
        commit(PacketType.GRANT.minLength(), peer, level, PacketType.GRANT);
    }

    public void resend(long peer, int sport, int dport, long senderId, long offset, long length, int priority, int level) {
        resend.wrap(batch.next(), 0).initCommon(PacketType.RESEND, sport, dport, senderId);
        resend.offset(offset).length(length).priority(priority);
        commit(PacketType.RESEND.minLength(), peer, level, PacketType.RESEND);
    }

    /** A packet that is the common header alone: RPC_UNKNOWN, BUSY, NEED_ACK, FREEZE. */
    public void bare(PacketType type, long peer, int sport, int dport, long senderId, int level) {
        if (type.minLength() != PacketType.BUSY.minLength()) throw new IllegalArgumentException(type + " has a body");
        common.wrap(batch.next(), 0).initCommon(type, sport, dport, senderId);
        commit(type.minLength(), peer, level, type);
    }

    public void ack(long peer, int sport, int dport, long senderId, long[] clientIds, int[] serverPorts, int n, int level) {
        ack.wrap(batch.next(), 0).initCommon(PacketType.ACK, sport, dport, senderId);
        ack.numAcks(n);
        for (int i = 0; i < HomaConstants.MAX_ACKS_PER_PKT; i++) {
            if (i < n) ack.ack(i, clientIds[i], serverPorts[i]); else ack.ack(i, 0, 0);
        }
        commit(PacketType.ACK.minLength(), peer, level, PacketType.ACK);
    }

    public void cutoffs(long peer, int sport, int dport, long[] table, int version, int level) {
        cutoffs.wrap(batch.next(), 0).initCommon(PacketType.CUTOFFS, sport, dport, 0);
        for (int i = 0; i < HomaConstants.MAX_PRIORITIES; i++) cutoffs.cutoff(i, Math.min(table[i], 0xFFFF_FFFFL));
        cutoffs.cutoffVersion(version);
        commit(PacketType.CUTOFFS.minLength(), peer, level, PacketType.CUTOFFS);
    }

    /** Under the stack's lock: sends whatever is in the batch, or queues it for {@link #sendQueued}. */
    public void flush() {
        if (!batch.isEmpty()) queue();
    }

    /**
     * Without the stack's lock: sends the queued batches, in order. When another thread is
     * sending already, returns at once: that thread sends these too before it stops.
     */
    public void sendQueued() {
        while (hasQueued()) {
            if (!sending.tryLock()) return;
            try {
                sendAllQueued();
            } finally {
                sending.unlock();
            }
            // A batch queued just before the unlock found the lock taken: look again.
        }
    }

    private void commit(int length, long peer, int level, PacketType type) {
        batch.commit(length, peer, level);
        metrics.sent(type);
        if (batch.isFull()) queue();
    }

    private void queue() {
        if (!queues) {
            datapath.send(batch);
            return;
        }
        PacketBatch next;
        synchronized (queued) {
            next = free.poll();
            if (next == null && batches < MAX_BATCHES) {
                next = newBatch.get();
                batches++;
            }
            if (next != null) {
                queued.add(batch);
                batch = next;
                return;
            }
        }
        // Every batch is queued: send what is queued and this one now, in order, under the lock.
        sending.lock();
        try {
            sendAllQueued();
            datapath.send(batch);
        } finally {
            sending.unlock();
        }
    }

    /** With {@code sending} held: sends every queued batch, oldest first, and frees it. */
    private void sendAllQueued() {
        for (PacketBatch b; (b = nextQueued()) != null; ) {
            datapath.send(b);   // leaves it empty
            synchronized (queued) {
                free.add(b);
            }
        }
    }

    private boolean hasQueued() {
        synchronized (queued) {
            return !queued.isEmpty();
        }
    }

    private PacketBatch nextQueued() {
        synchronized (queued) {
            return queued.poll();
        }
    }
}
