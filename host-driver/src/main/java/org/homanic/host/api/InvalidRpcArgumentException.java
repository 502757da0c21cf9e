package org.homanic.host.api;

/**
 * A call was refused for a bad argument (EINVAL): empty or over-long message, unknown RPC id,
 * bad port. Nothing changed. {@link #rpcId()} is the id involved, or 0.
 */
public final class InvalidRpcArgumentException extends IllegalArgumentException {
    private final long rpcId;

    public InvalidRpcArgumentException(String message, long rpcId) {
        super(rpcId == 0 ? message : message + " (rpc " + rpcId + ")");
        this.rpcId = rpcId;
    }

    public long rpcId() { return rpcId; }
}
