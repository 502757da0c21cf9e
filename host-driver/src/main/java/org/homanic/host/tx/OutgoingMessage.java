package org.homanic.host.tx;

import java.lang.foreign.MemorySegment;

/**
 * A message being sent (spec 4): the bytes (copied at send time, as HomaModule does), how far
 * the receiver has granted, how far packets have gone out, and the priority of the latest
 * GRANT. Packets are cut at multiples of the payload size from offset 0, so a retransmitted
 * packet covers exactly the bytes the original did.
 */
public final class OutgoingMessage {
    private final MemorySegment payload;
    /** The {@link PayloadPool} buffer the payload lies in, given back when the message's RPC ends; null when not pooled. */
    private final MemorySegment buffer;
    private final int length;
    private final int unscheduled;
    private final long createdNanos;
    private final long sequence;
    private long granted;
    private long nextOffset;
    private int schedPriority;
    /** Whether it is in the sender's list of messages with granted, unsent bytes. */
    boolean queued;

    public OutgoingMessage(MemorySegment payload, long unschedBytes, long createdNanos, long sequence) {
        this(payload, null, unschedBytes, createdNanos, sequence);
    }

    /** A message whose payload lies in {@code buffer}, a buffer of a {@link PayloadPool}. */
    public OutgoingMessage(MemorySegment payload, MemorySegment buffer, long unschedBytes, long createdNanos, long sequence) {
        this.payload = payload;
        this.buffer = buffer;
        this.length = Math.toIntExact(payload.byteSize());
        this.unscheduled = (int) Math.min(unschedBytes, length);
        this.granted = unscheduled;
        this.createdNanos = createdNanos;
        this.sequence = sequence;
    }

    public MemorySegment payload() { return payload; }
    public MemorySegment buffer() { return buffer; }
    public int length() { return length; }
    public int unscheduled() { return unscheduled; }
    public long granted() { return granted; }
    public long nextOffset() { return nextOffset; }
    public int schedPriority() { return schedPriority; }
    public long createdNanos() { return createdNanos; }
    public long sequence() { return sequence; }
    public long bytesLeft() { return length - nextOffset; }
    public boolean fullySent() { return nextOffset >= length; }
    /** Granted bytes not yet sent: the sender owes a packet. */
    public boolean hasSendable() { return nextOffset < granted && nextOffset < length; }

    /** GRANT: granted = max(granted, min(offset, length)); priority always taken. Returns whether more may go. */
    public boolean onGrant(long offset, int priority) {
        schedPriority = priority;
        return raiseGranted(offset);
    }

    public boolean raiseGranted(long offset) {
        long g = Math.min(offset, length);
        if (g <= granted) return false;
        granted = g;
        return true;
    }

    /** Records that the packet of {@code bytes} at {@link #nextOffset()} went out. */
    public void advance(int bytes) { nextOffset += bytes; }

    /** RPC_UNKNOWN to a client still sending: everything goes again from 0. */
    public void restart() {
        nextOffset = 0;
    }
}
