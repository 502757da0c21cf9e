package org.homanic.host.api;

/** The peer stayed silent for the configured number of timer ticks (HomaModule's ETIMEDOUT). */
public final class RpcTimeoutException extends HomaRpcException {
    public RpcTimeoutException(long rpcId, long cookie, int silentTicks) {
        super("no word from the peer for " + silentTicks + " timer ticks", rpcId, cookie, null);
    }
}
