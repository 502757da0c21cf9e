package org.homanic.rtl.grant;

import org.homanic.hdl.Bool;
import org.homanic.hdl.Bundle;
import org.homanic.hdl.UInt;

import static org.homanic.hdl.Hdl.*;
import static org.homanic.rtl.grant.GrantSchedulerParams.LEN_BITS;
import static org.homanic.rtl.grant.GrantSchedulerParams.SEQ_BITS;
import static org.homanic.rtl.grant.GrantSchedulerParams.SLOTS;

/** A table entry as a scan pass carries it from one pipeline stage to the next. */
public final class ScanItem extends Bundle {
    public final UInt addr;
    public final UInt peer;
    public final UInt id = UInt(64);
    public final UInt length = UInt(LEN_BITS);
    public final UInt remaining = UInt(LEN_BITS);
    public final UInt seq = UInt(SEQ_BITS);
    public final UInt granted = UInt(LEN_BITS);
    /** Its rec_incoming (its share of total_incoming). */
    public final UInt recInc = UInt(LEN_BITS);
    /** It holds an active slot, {@link #slot}. */
    public final Bool active = Bool();
    public final UInt slot = UInt(3);
    /** Which active slots belong to its peer. */
    public final UInt peerEq = UInt(SLOTS);

    public ScanItem(int peerBits, int addrBits) {
        addr = UInt(addrBits);
        peer = UInt(peerBits);
    }
}
