package org.homanic.protocol.sched;

/**
 * The fields of one received DATA packet the scheduler needs (spec 3.4).
 *
 * @param messageLength   DATA message_length
 * @param incoming        DATA incoming (used from the first packet of the message only)
 * @param offset          the packet's message offset (seg.offset, or sequence)
 * @param payloadLength   IP payload length − 56
 * @param buffersAvailable whether the receive buffer pool could place the message (read on its
 *                        first packet; until then its packets are dropped and it gets no grants)
 */
public record DataArrival(RpcKey rpc, long messageLength, long incoming, long offset, long payloadLength,
                          boolean buffersAvailable) {
    public DataArrival(RpcKey rpc, long messageLength, long incoming, long offset, long payloadLength) {
        this(rpc, messageLength, incoming, offset, payloadLength, true);
    }
}
