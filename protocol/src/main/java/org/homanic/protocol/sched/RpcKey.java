package org.homanic.protocol.sched;

/** An incoming message at the receiver: the peer it comes from and the receiver's local RPC id. */
public record RpcKey(long peer, long id) {
    @Override
    public String toString() {
        return "peer " + peer + " id " + id;
    }
}
