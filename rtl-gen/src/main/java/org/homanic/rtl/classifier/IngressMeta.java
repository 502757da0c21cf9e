package org.homanic.rtl.classifier;

import org.homanic.hdl.Bool;
import org.homanic.hdl.Bundle;
import org.homanic.hdl.UInt;

import static org.homanic.hdl.Hdl.Bool;
import static org.homanic.hdl.Hdl.UInt;

/**
 * The sideband that leaves with each packet of the ingress classifier (and, for DATA, is the
 * grant-scheduler event). First field in the most significant bits when packed. Fields other
 * than {@code homa}, {@code queue} and {@code length} are 0 for non-Homa traffic; the DATA
 * fields ({@code offset} … {@code retransmit}) are 0 for other types.
 */
public final class IngressMeta extends Bundle {
    /** 1: a validated Homa packet; 0: other traffic, passed through unchanged. */
    public final Bool homa = Bool();
    public final UInt queue = UInt(4);
    /** Frame length in bytes. */
    public final UInt length = UInt(20);
    public final Bool ipv6 = Bool();
    public final Bool vlan = Bool();
    public final Bool hijacked = Bool();
    /** Arriving priority: TOS / traffic class bits 7..5. */
    public final UInt priority = UInt(3);
    public final UInt type = UInt(8);
    /** Source address; IPv4 as the v4-mapped IPv6 address ::ffff:a.b.c.d. */
    public final UInt peer = UInt(128);
    public final UInt sport = UInt(16);
    public final UInt dport = UInt(16);
    /** The receiver's id of the RPC: sender_id XOR 1. */
    public final UInt localId = UInt(64);
    public final UInt offset = UInt(32);
    public final UInt payloadLength = UInt(16);
    public final UInt messageLength = UInt(32);
    public final UInt incoming = UInt(32);
    public final Bool retransmit = Bool();
}
