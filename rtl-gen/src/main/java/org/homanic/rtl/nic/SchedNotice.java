package org.homanic.rtl.nic;

import org.homanic.hdl.Bundle;
import org.homanic.hdl.UInt;

import static org.homanic.hdl.Hdl.UInt;

/** What the NIC tells the host about one incoming message: the scheduler does not track it. */
public final class SchedNotice extends Bundle {
    /** {@link #TABLE_FULL}: the message's table set was full; the host grants it in software. */
    public static final int TABLE_FULL = 1;

    public final UInt kind = UInt(2);
    /** The scheduler's peer number ({@link HomaNic#PEER_BITS} bits, see docs/nic.md). */
    public final UInt peer = UInt(HomaNic.PEER_BITS);
    /** The receiver's local RPC id. */
    public final UInt id = UInt(64);
}
