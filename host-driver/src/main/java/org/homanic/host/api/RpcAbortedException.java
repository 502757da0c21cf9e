package org.homanic.host.api;

/** The application aborted the RPC; {@link #getCause()} is the reason it gave, if any. */
public final class RpcAbortedException extends HomaRpcException {
    public RpcAbortedException(long rpcId, long cookie, Throwable cause) {
        super("aborted" + (cause == null ? "" : ": " + cause.getMessage()), rpcId, cookie, cause);
    }
}
