package org.homanic.rtl.grant;

import org.homanic.hdl.Bool;
import org.homanic.hdl.Bundle;
import org.homanic.hdl.UInt;
import org.homanic.hdl.Vec;

import static org.homanic.hdl.Hdl.*;
import static org.homanic.rtl.grant.GrantSchedulerParams.LEN_BITS;
import static org.homanic.rtl.grant.GrantSchedulerParams.SEQ_BITS;

/** One word of the message table's state memory (the granted offset lives in its own memory). */
public final class MsgEntry extends Bundle {
    public final Bool valid = Bool();
    public final UInt peer;
    public final UInt id = UInt(64);
    public final UInt length = UInt(LEN_BITS);
    public final UInt remaining = UInt(LEN_BITS);
    /** Birth order: smaller is older. */
    public final UInt seq = UInt(SEQ_BITS);
    /** In the scheduler (cleared when complete). */
    public final Bool grantable = Bool();
    /** Counted in total_incoming and competing for a slot (grantable with buffers). */
    public final Bool managed = Bool();
    public final Bool buffers = Bool();
    /** Reassembly: end of the highest range received, and the gaps below it (lowest first). */
    public final UInt recvEnd = UInt(LEN_BITS);
    public final UInt numGaps;
    public final Vec<UInt> gapStart;
    public final Vec<UInt> gapEnd;

    public MsgEntry(int peerBits, int gaps) {
        peer = UInt(peerBits);
        numGaps = UInt(indexWidth(gaps + 1));
        gapStart = new Vec<>(gaps, i -> UInt(LEN_BITS));
        gapEnd = new Vec<>(gaps, i -> UInt(LEN_BITS));
    }
}
