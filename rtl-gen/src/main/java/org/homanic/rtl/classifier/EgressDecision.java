package org.homanic.rtl.classifier;

import org.homanic.hdl.Bool;
import org.homanic.hdl.Bundle;
import org.homanic.hdl.UInt;

import static org.homanic.hdl.Hdl.Bool;
import static org.homanic.hdl.Hdl.UInt;

/** Per packet on egress: its level (queue), its length, and up to three header bytes to overwrite. */
public final class EgressDecision extends Bundle {
    public final UInt level = UInt(3);
    public final UInt length = UInt(20);
    /** Beats at the egress bus width (frames up to 2^20 bytes). */
    public final UInt beats = UInt(18);
    public final Bool rewrite = Bool();
    /** Byte positions in the frame and their new values (IPv4: TOS, checksum high, low; IPv6: two traffic-class bytes). */
    public final UInt pos0 = UInt(7);
    public final UInt val0 = UInt(8);
    public final UInt pos1 = UInt(7);
    public final UInt val1 = UInt(8);
    public final Bool use2 = Bool();
    public final UInt pos2 = UInt(7);
    public final UInt val2 = UInt(8);
}
