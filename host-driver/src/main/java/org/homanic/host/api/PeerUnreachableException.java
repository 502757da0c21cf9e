package org.homanic.host.api;

/** The datapath reported the peer host or port unreachable (ENOTCONN / EHOSTUNREACH). */
public final class PeerUnreachableException extends HomaRpcException {
    public PeerUnreachableException(long rpcId, long cookie, String peer) {
        super("peer " + peer + " unreachable", rpcId, cookie, null);
    }
}
