package org.homanic.protocol.sched;

/** A packet the receiver's scheduler decides to send. */
public sealed interface Decision {

    RpcKey rpc();

    /** Why a GRANT was sent. */
    enum GrantReason {
        /** try_send after DATA for an active message: fill its window. */
        WINDOW,
        /** check_needy: headroom under max_incoming appeared for a message that had been held back. */
        NEEDY,
        /** The periodic FIFO ("pity") grant to the oldest message. */
        FIFO
    }

    /** GRANT: the sender may send every byte below {@code offset}; scheduled DATA at {@code priority}. */
    record Grant(RpcKey rpc, long offset, int priority, GrantReason reason) implements Decision {}

    /** RESEND (offset, length, priority); length 0xFFFFFFFF means everything sent so far. */
    record Resend(RpcKey rpc, long offset, long length, int priority) implements Decision {}
}
