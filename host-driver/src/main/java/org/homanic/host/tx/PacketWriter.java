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

/**
 * Writes Homa packets straight into the slots of a reusable {@link PacketBatch} through the
 * protocol module's flyweight views, and hands the batch to the datapath when it is full or
 * on {@link #flush}. Nothing is allocated per packet.
 */
public final class PacketWriter {
    private final Datapath datapath;
    private final PacketBatch batch;
    private final Metrics metrics;
    private final HomaView common = new HomaView();
    private final DataView data = new DataView();
    private final GrantView grant = new GrantView();
    private final ResendView resend = new ResendView();
    private final AckView ack = new AckView();
    private final CutoffsView cutoffs = new CutoffsView();

    public PacketWriter(Datapath datapath, PacketBatch batch, Metrics metrics) {
        this.datapath = datapath;
        this.batch = batch;
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

    /** Sends whatever is in the batch. */
    public void flush() {
        if (!batch.isEmpty()) datapath.send(batch);
    }

    private void commit(int length, long peer, int level, PacketType type) {
        batch.commit(length, peer, level);
        metrics.sent(type);
        if (batch.isFull()) datapath.send(batch);
    }
}
