package org.homanic.rtl.classifier;

import org.homanic.hdl.Bool;
import org.homanic.hdl.Bundle;
import org.homanic.hdl.UInt;

import static org.homanic.hdl.Hdl.Bool;
import static org.homanic.hdl.Hdl.UInt;

/**
 * What the egress tables learn from a valid GRANT or CUTOFFS seen on ingress. The key is the
 * remote peer and the RPC id as this host knows it (the GRANT's sender_id XOR 1), the same key
 * the egress side reads from outgoing DATA (destination, sender_id).
 */
public final class LearnEvent extends Bundle {
    public final Bool grant = Bool();
    public final Bool cutoffs = Bool();
    public final UInt peer = UInt(128);
    public final UInt localId = UInt(64);
    /** GRANT priority, clamped to 7. */
    public final UInt priority = UInt(3);
    /** CUTOFFS entries 1..7 (entry 0 is forced to Integer.MAX_VALUE), entry 7 in the top bits. */
    public final UInt cutoff = UInt(7 * 32);
}
