package org.homanic.rtl.grant;

import org.homanic.hdl.Bundle;
import org.homanic.hdl.UInt;

import static org.homanic.hdl.Hdl.*;

/**
 * The scheduler's configuration registers (spec 3.1). Hold them steady while traffic flows:
 * the derived window table and FIFO interval are recomputed continuously and follow a change
 * within about 450 cycles.
 */
public final class SchedulerConfig extends Bundle {
    /** 1..8; larger values act as 8. */
    public final UInt max_overcommit = UInt(4);
    public final UInt max_incoming = UInt(32);
    /** Fixed window in bytes, or 0 for the dynamic max_incoming / (active + 1). */
    public final UInt window = UInt(32);
    /** Sender-side knob, kept for the register block; the receiver learns it from DATA.incoming. */
    public final UInt unsched_bytes = UInt(32);
    /** Thousandths of the link given to FIFO grants (capped at 500); 0 disables them. */
    public final UInt grant_fifo_fraction = UInt(10);
    /** Bytes per FIFO grant; 0 disables them. */
    public final UInt fifo_grant_increment = UInt(GrantSchedulerParams.LEN_BITS);
    public final UInt link_mbps = UInt(20);
    /** 2..8. */
    public final UInt num_priorities = UInt(4);
    public final UInt max_sched_prio = UInt(3);
}
