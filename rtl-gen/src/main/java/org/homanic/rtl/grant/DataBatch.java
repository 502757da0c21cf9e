package org.homanic.rtl.grant;

import org.homanic.hdl.Bool;
import org.homanic.hdl.Bundle;
import org.homanic.hdl.UInt;
import org.homanic.hdl.Vec;

import static org.homanic.hdl.Hdl.*;

/**
 * What {@link GrantCoalescer} hands the scheduler's front end: a host command, or a batch of
 * one to {@code packets} DATA packets of one message that follow each other without a gap
 * (packet k covers [ends[k−1], ends[k]), packet 0 starts at {@code offset}). The batch's
 * {@code incoming}, {@code buffers} and reply address are its first packet's: the scheduler
 * reads them only from the packet that creates a message, as HomaModule does.
 */
public final class DataBatch extends Bundle {
    /** {@link #DATA}: a batch; otherwise a host command ({@link HostCommand#BUFFERS}, {@link HostCommand#END}, or 3: none). */
    public final UInt op = UInt(2);
    public final UInt peer;
    public final UInt id = UInt(64);
    public final UInt length = UInt(GrantSchedulerParams.LEN_BITS);
    public final UInt offset = UInt(GrantSchedulerParams.LEN_BITS);
    /** The end of the batch: ends[count − 1]. */
    public final UInt end = UInt(GrantSchedulerParams.LEN_BITS + 1);
    /** Packets in the batch, 1..packets. */
    public final UInt count;
    /** The end offset of each packet (21 bits: a single malformed packet may end past 2^20). */
    public final Vec<UInt> ends;
    public final UInt incoming = UInt(32);
    public final Bool buffers = Bool();
    public final ReplyAddress reply = new ReplyAddress();

    public DataBatch(int peerBits, int packets) {
        peer = UInt(peerBits);
        count = UInt(indexWidth(packets + 1));
        ends = new Vec<>(packets, i -> UInt(GrantSchedulerParams.LEN_BITS + 1));
    }

    public static final int DATA = 0;
}
