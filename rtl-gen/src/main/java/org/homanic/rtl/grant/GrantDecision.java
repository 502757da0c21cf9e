package org.homanic.rtl.grant;

import org.homanic.hdl.Bundle;
import org.homanic.hdl.UInt;

import static org.homanic.hdl.Hdl.*;

/** One GRANT the scheduler decided to send. */
public final class GrantDecision extends Bundle {
    public static final int WINDOW = 0;
    public static final int NEEDY = 1;
    public static final int FIFO = 2;

    public final UInt peer;
    public final UInt id = UInt(64);
    /** The new granted offset (absolute, cumulative). */
    public final UInt offset = UInt(GrantSchedulerParams.LEN_BITS);
    public final UInt priority = UInt(3);
    /** {@link #WINDOW}, {@link #NEEDY} or {@link #FIFO}. */
    public final UInt reason = UInt(2);
    /** The message's table address (the GRANT builder keeps the addresses of each entry). */
    public final UInt entry;
    /** Where the GRANT goes. */
    public final ReplyAddress reply = new ReplyAddress();

    public GrantDecision(int peerBits, int addrBits) {
        peer = UInt(peerBits);
        entry = UInt(addrBits);
    }
}
