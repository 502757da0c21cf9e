package org.homanic.host.api;

/** Not enough buffer space: outgoing bytes above the socket's limit (ENOMEM / EAGAIN). */
public final class NoBufferSpaceException extends HomaRpcException {
    public NoBufferSpaceException(String message, long rpcId) {
        super(message, rpcId, 0, null);
    }
}
