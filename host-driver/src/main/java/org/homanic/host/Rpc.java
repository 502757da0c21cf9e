package org.homanic.host;

import org.homanic.host.rx.IncomingMessage;
import org.homanic.host.tx.OutgoingMessage;
import org.homanic.protocol.sched.RpcKey;

/** One RPC as one side sees it (HomaModule {@code homa_rpc}). Guarded by the stack's lock. */
final class Rpc {
    enum State {
        /** Client sending its request (until the first response packet arrives). */
        CLIENT_OUTGOING,
        /** Client receiving the response. */
        CLIENT_INCOMING,
        /** Server receiving the request. */
        SERVER_INCOMING,
        /** Server application holds the request. */
        SERVER_IN_SERVICE,
        /** Server sending the response, then waiting for the client's ack. */
        SERVER_OUTGOING,
        DEAD
    }

    final long id;
    final HomaSocket socket;
    final Peer peer;
    final int peerPort;
    final long cookie;
    final boolean isPrivate;
    final RpcKey key;
    State state;
    OutgoingMessage out;
    IncomingMessage in;
    /** The pool had no room when the first packet came: packets are refused until it has. */
    boolean waitingForBuffers;
    /** The host schedules this incoming message's grants: no NIC scheduler, or the NIC could not track it. */
    boolean softwareGrants;
    /** The NIC that schedules this incoming message was told it ended ({@link org.homanic.host.datapath.Datapath#messageEnded}). */
    boolean nicToldEnded;
    int silentTicks;
    long doneTick = -1;
    int needAcksSent;
    int liveIndex = -1;

    Rpc(long id, HomaSocket socket, Peer peer, int peerPort, long cookie, boolean isPrivate, State state) {
        this.id = id;
        this.socket = socket;
        this.peer = peer;
        this.peerPort = peerPort;
        this.cookie = cookie;
        this.isPrivate = isPrivate;
        this.state = state;
        this.key = new RpcKey(peer.address, id);
    }

    boolean isClient() { return (id & 1) == 0; }
}
