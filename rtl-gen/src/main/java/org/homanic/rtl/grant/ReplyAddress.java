package org.homanic.rtl.grant;

import org.homanic.hdl.Bool;
import org.homanic.hdl.Bundle;
import org.homanic.hdl.UInt;

import static org.homanic.hdl.Hdl.*;

/** Where a GRANT for a message goes, learned from the message's DATA packet. */
public final class ReplyAddress extends Bundle {
    /** The DATA packet's Ethernet source (the sender, or the router in front of it). */
    public final UInt mac = UInt(48);
    /** The DATA packet's IP source; an IPv4 address in the low 32 bits. */
    public final UInt ip = UInt(128);
    public final Bool ipv6 = Bool();
    /** The DATA packet's Homa source port (the GRANT's destination port). */
    public final UInt sport = UInt(16);
    /** The DATA packet's Homa destination port (ours; the GRANT's source port). */
    public final UInt dport = UInt(16);
}
