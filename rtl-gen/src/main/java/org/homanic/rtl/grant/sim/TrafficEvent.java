package org.homanic.rtl.grant.sim;

import org.homanic.protocol.sched.DataArrival;
import org.homanic.protocol.sched.RpcKey;

/**
 * One event for the scheduler, with what the generator predicts the hardware does with it.
 *
 * @param toReference the reference model sees the event too (false for a packet the hardware
 *                    refuses for lack of gaps, and for a message that overflows the table)
 * @param overflow    the hardware finds the message's table set full
 * @param refused     the hardware refuses the packet (one reassembly gap too many)
 */
public record TrafficEvent(Kind kind, RpcKey key, DataArrival packet, boolean retransmit,
                           boolean toReference, boolean overflow, boolean refused) {
    public enum Kind { DATA, BUFFERS, END }

    static TrafficEvent data(DataArrival p, boolean retransmit, boolean toReference, boolean overflow, boolean refused) {
        return new TrafficEvent(Kind.DATA, p.rpc(), p, retransmit, toReference, overflow, refused);
    }

    static TrafficEvent host(Kind kind, RpcKey key) {
        return new TrafficEvent(kind, key, null, false, true, false, false);
    }
}
