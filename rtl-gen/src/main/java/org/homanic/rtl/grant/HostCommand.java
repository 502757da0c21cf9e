package org.homanic.rtl.grant;

import org.homanic.hdl.Bundle;
import org.homanic.hdl.UInt;

import static org.homanic.hdl.Hdl.*;

/** A command from the host driver about one incoming message. */
public final class HostCommand extends Bundle {
    /** Receive buffers were found for a message that had none. */
    public static final int BUFFERS = 1;
    /** The message was completed and consumed, or aborted: forget it. */
    public static final int END = 2;

    public final UInt op = UInt(2);
    public final UInt peer;
    public final UInt id = UInt(64);

    public HostCommand(int peerBits) {
        peer = UInt(peerBits);
    }
}
