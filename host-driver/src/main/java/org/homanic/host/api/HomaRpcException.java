package org.homanic.host.api;

/** An RPC failed; carries the RPC's id and, for a client RPC, its completion cookie. */
public abstract class HomaRpcException extends RuntimeException {
    private final long rpcId;
    private final long completionCookie;

    protected HomaRpcException(String message, long rpcId, long completionCookie, Throwable cause) {
        super(message + " (rpc " + rpcId + ")", cause);
        this.rpcId = rpcId;
        this.completionCookie = completionCookie;
    }

    public long rpcId() { return rpcId; }
    public long completionCookie() { return completionCookie; }
}
