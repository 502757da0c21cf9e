package org.homanic.protocol.wire;

import java.lang.foreign.MemorySegment;

/** Flyweight over an ACK packet (up to five acknowledged RPCs). */
public final class AckView extends HomaView {
    private static final long NUM_ACKS = at(HomaHeaders.ACK, "num_acks");
    private static final long ACK0_CLIENT_ID = at(HomaHeaders.ACK, "acks[0].client_id");
    private static final long ACK0_SERVER_PORT = at(HomaHeaders.ACK, "acks[0].server_port");
    private static final long STRIDE = at(HomaHeaders.ACK, "acks[1].client_id") - ACK0_CLIENT_ID;

    @Override
    public AckView wrap(MemorySegment segment, long base) {
        super.wrap(segment, base);
        return this;
    }

    public int numAcks() { return u16(NUM_ACKS); }
    public long ackClientId(int i) { return u64(ACK0_CLIENT_ID + STRIDE * check(i)); }
    public int ackServerPort(int i) { return u16(ACK0_SERVER_PORT + STRIDE * check(i)); }
    public AckView numAcks(int v) { u16(NUM_ACKS, v); return this; }
    public AckView ack(int i, long clientId, int serverPort) {
        u64(ACK0_CLIENT_ID + STRIDE * check(i), clientId);
        u16(ACK0_SERVER_PORT + STRIDE * check(i), serverPort);
        return this;
    }

    private static int check(int i) {
        if (i < 0 || i >= HomaConstants.MAX_ACKS_PER_PKT) throw new IndexOutOfBoundsException("ack index " + i);
        return i;
    }
}
