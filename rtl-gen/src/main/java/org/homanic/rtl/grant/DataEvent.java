package org.homanic.rtl.grant;

import org.homanic.hdl.Bool;
import org.homanic.hdl.Bundle;
import org.homanic.hdl.UInt;

import static org.homanic.hdl.Hdl.*;

/** One received DATA packet, as the ingress classifier reports it (spec 3.4). */
public final class DataEvent extends Bundle {
    /** The peer (a number the classifier gives each source address). */
    public final UInt peer;
    /** The receiver's local RPC id (sender_id xor 1). */
    public final UInt id = UInt(64);
    public final UInt length = UInt(GrantSchedulerParams.LEN_BITS);
    public final UInt offset = UInt(GrantSchedulerParams.LEN_BITS);
    /** IP payload length − 56. */
    public final UInt payload = UInt(16);
    /** DATA.incoming (32 bits on the wire). */
    public final UInt incoming = UInt(32);
    public final Bool retransmit = Bool();
    /** The host's buffer pool can place this message (read on its first packet). */
    public final Bool buffers = Bool();
    /** Addresses for this message's GRANTs (kept from the packet that creates its table entry). */
    public final ReplyAddress reply = new ReplyAddress();

    public DataEvent(int peerBits) {
        peer = UInt(peerBits);
    }
}
