package org.homanic.host.metrics;

/**
 * Why the host dropped a packet that the protocol parser accepted. Parser rejections are
 * counted by {@link org.homanic.protocol.wire.Rejection}, reassembly drops by
 * {@link org.homanic.protocol.rx.Reassembly.Outcome}; these are the rest, which need host state.
 */
public enum DropReason {
    /** DATA whose message_length differs from the first packet of the same message. */
    LENGTH_MISMATCH,
    /** No socket has the destination port. */
    UNKNOWN_PORT,
    /** A request to a socket that is not bound as a server. */
    NOT_A_SERVER,
    /** A packet for an RPC this host does not know (finished, aborted, never existed). */
    UNKNOWN_RPC,
    /** A request packet of an RPC this server already finished and had acknowledged. */
    FINISHED_RPC,
    /** DATA of a message still waiting for receive buffers; the sender restarts it with RESEND later. */
    NO_BUFFER_SPACE,
    /** A packet whose type makes no sense in the RPC's current state (e.g. GRANT after the message was sent). */
    WRONG_STATE
}
