package org.homanic.host.rx;

import org.homanic.host.pool.MessageBuffer;
import org.homanic.protocol.rx.Reassembly;

import java.lang.foreign.MemorySegment;

/**
 * One message being received: the protocol's {@link Reassembly} decides which packets are kept
 * (gaps, duplicates, bounds), and kept payloads are copied into the message's pool pages. A
 * message may exist before it has pages (the pool was full): its packets are then refused
 * until {@link #attach} gives it pages, after which the sender is asked to start over.
 */
public final class IncomingMessage {
    private final int length;
    private final long arrivalOrder;
    private final Reassembly reassembly;
    private MessageBuffer buffer;
    private long granted;

    public IncomingMessage(int length, long granted, long arrivalOrder) {
        this.length = length;
        this.granted = Math.min(granted, length);
        this.arrivalOrder = arrivalOrder;
        this.reassembly = new Reassembly(length);
    }

    public int length() { return length; }
    /** Arrival order of the first packet: breaks SRPT ties among messages waiting for buffers. */
    public long arrivalOrder() { return arrivalOrder; }
    public boolean hasBuffer() { return buffer != null; }
    public MessageBuffer buffer() { return buffer; }
    public Reassembly reassembly() { return reassembly; }
    public long granted() { return granted; }
    public void raiseGranted(long offset) { granted = Math.max(granted, Math.min(offset, length)); }
    public long received() { return length - reassembly.bytesRemaining(); }
    public boolean complete() { return reassembly.complete(); }

    /**
     * Gives the message its pages. Until then no packet can have been kept (a message without
     * pages refuses them all), so reassembly starts from nothing, as the restarted sender does.
     */
    public void attach(MessageBuffer pages) {
        if (buffer != null) throw new IllegalStateException("message already has buffers");
        if (pages.length() != length) throw new IllegalArgumentException("buffer of " + pages.length() + " for a message of " + length);
        if (reassembly.bytesRemaining() != length) throw new IllegalStateException("packets were kept before the message had pages");
        buffer = pages;
    }

    /** Takes the pages away (for the application, or to free them). */
    public MessageBuffer detach() {
        MessageBuffer b = buffer;
        buffer = null;
        return b;
    }

    /**
     * Offers the payload {@code packet[payloadStart, payloadStart + count)} carrying message
     * bytes [offset, offset + count). Once complete (and its pages handed on) every packet is a
     * duplicate and nothing is written.
     */
    public Reassembly.Outcome accept(MemorySegment packet, long payloadStart, long offset, long count) {
        if (buffer == null && !reassembly.complete()) throw new IllegalStateException("message has no pages yet");
        Reassembly.Outcome outcome = reassembly.add(offset, count);
        if (outcome.kept()) buffer.write(offset, packet, payloadStart, count);
        return outcome;
    }
}
