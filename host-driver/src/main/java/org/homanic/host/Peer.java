package org.homanic.host;

import org.homanic.protocol.prio.SenderPriorities;
import org.homanic.protocol.wire.HomaConstants;

/**
 * What this host keeps per remote host (HomaModule {@code homa_peer}): the priorities it uses
 * when sending there, server RPCs of that client, acks waiting to ride on DATA, and the ids of
 * finished server RPCs so a late duplicate request packet cannot start the RPC a second time.
 */
final class Peer {
    /** How many finished RPC ids are remembered per peer; well beyond any packet's lifetime in flight. */
    static final int FINISHED_MEMORY = 16384;

    final long address;
    final SenderPriorities priorities;
    final LongMap<Rpc> serverRpcs = new LongMap<>();
    final long[] ackIds = new long[HomaConstants.MAX_ACKS_PER_PKT];
    final int[] ackPorts = new int[HomaConstants.MAX_ACKS_PER_PKT];
    int ackCount;
    long lastCutoffsTick = -1;
    private final long[] finishedRing = new long[FINISHED_MEMORY];
    private final LongMap<Boolean> finished = new LongMap<>();
    private int finishedNext;
    private boolean finishedWrapped;

    Peer(long address, int numPriorities) {
        this.address = address;
        this.priorities = new SenderPriorities(numPriorities);
    }

    void rememberFinished(long serverId) {
        if (finished.get(serverId) != null) return;
        if (finishedWrapped) finished.remove(finishedRing[finishedNext]);
        finishedRing[finishedNext] = serverId;
        finished.put(serverId, Boolean.TRUE);
        if (++finishedNext == FINISHED_MEMORY) {
            finishedNext = 0;
            finishedWrapped = true;
        }
    }

    boolean isFinished(long serverId) {
        return finished.get(serverId) != null;
    }

    /** Takes one stored ack for a DATA packet; returns its client id (0 = none) and leaves its port in {@link #lastAckPort}. */
    long popAck() {
        if (ackCount == 0) {
            lastAckPort = 0;
            return 0;
        }
        ackCount--;
        lastAckPort = ackPorts[ackCount];
        return ackIds[ackCount];
    }

    int lastAckPort;
}
