package org.homanic.protocol.wire;

/**
 * RPC id and port rules (spec 1.6, 1.7). Client ids are even, from a per-host counter that
 * starts at 2 and steps by 2; the server's id for the same RPC is the client id with the low
 * bit set. On the wire {@code sender_id} is the sender's own id, so the receiver's id is
 * {@code sender_id ^ 1}.
 */
public final class RpcIds {
    private RpcIds() {}

    /** First id a client host hands out. */
    public static final long FIRST_CLIENT_ID = 2;
    /** Step between consecutive client ids. */
    public static final long CLIENT_ID_STEP = 2;

    /** Whether {@code id} is a client-side id (low bit 0). */
    public static boolean isClientId(long id) {
        return (id & 1) == 0;
    }

    /** The receiver's local id for a packet carrying {@code senderId}. */
    public static long localId(long senderId) {
        return senderId ^ 1;
    }

    /** The server-side id of the RPC whose client id is {@code clientId}. */
    public static long serverId(long clientId) {
        if (!isClientId(clientId)) throw new IllegalArgumentException("client id " + clientId + " is odd");
        return clientId | 1;
    }

    /**
     * Whether a packet with this sender id travels client → server (request DATA, ACK, RESEND
     * for a response, ...); otherwise it was sent by the server.
     */
    public static boolean sentByClient(long senderId) {
        return isClientId(senderId);
    }

    /** For a received message with local id {@code localId}: odd means it is a request. */
    public static boolean isRequest(long localId) {
        return !isClientId(localId);
    }

    /** Well-known server ports (bind): 1..32767. */
    public static boolean isServerPort(int port) {
        return port >= 1 && port < HomaConstants.MIN_DEFAULT_PORT;
    }

    /** Automatically assigned client ports: 32768..65535. */
    public static boolean isClientPort(int port) {
        return port >= HomaConstants.MIN_DEFAULT_PORT && port <= 0xFFFF;
    }

    /** Whether {@code bind} accepts this port (HomaModule rejects ports ≥ 32768 with EINVAL; 0 is reserved). */
    public static boolean isBindable(int port) {
        return isServerPort(port);
    }
}
