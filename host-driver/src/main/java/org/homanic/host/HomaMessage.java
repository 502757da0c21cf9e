package org.homanic.host;

import org.homanic.host.api.HomaAddress;
import org.homanic.host.pool.MessageBuffer;
import org.homanic.protocol.wire.RpcIds;

import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * A received request or response, in place in the receive buffer pool: no copy is made unless
 * asked for. Call {@link #release()} once done so its bpages go back to the pool; until then
 * they count against it, and when the pool is full new messages wait. Views obtained from a
 * message must not be used after its release.
 */
public final class HomaMessage {
    private final HomaStack stack;
    private final long id;
    private final long completionCookie;
    private final HomaAddress peer;
    private final MessageBuffer buffer;
    volatile boolean replied;

    HomaMessage(HomaStack stack, long id, long completionCookie, HomaAddress peer, MessageBuffer buffer) {
        this.stack = stack;
        this.id = id;
        this.completionCookie = completionCookie;
        this.peer = peer;
        this.buffer = buffer;
    }

    /** This host's id of the RPC: odd for a request (answer it with reply), even for a response. */
    public long id() { return id; }
    public boolean isRequest() { return RpcIds.isRequest(id); }
    /** The cookie given when the request was sent; 0 for requests. */
    public long completionCookie() { return completionCookie; }
    /** Who sent it; for a request, where the reply goes. */
    public HomaAddress peer() { return peer; }
    public int length() { return buffer.length(); }

    public boolean isContiguous() { return buffer.isContiguous(); }
    /** The whole message as one slice; only when it lies in one bpage ({@link #isContiguous()}). */
    public MemorySegment contiguous() { return buffer.contiguous(); }
    public int segmentCount() { return buffer.segmentCount(); }
    /** Piece {@code i} of the scatter view (each a whole bpage but the last). */
    public MemorySegment segment(int i) { return buffer.segment(i); }
    public MemorySegment[] segments() { return buffer.segments(); }
    public ByteBuffer[] asByteBuffers() { return buffer.asByteBuffers(); }
    public byte get(long offset) { return buffer.get(offset); }
    public void copyTo(long from, MemorySegment dst, long dstOffset, long count) { buffer.copyTo(from, dst, dstOffset, count); }
    public byte[] toByteArray() { return buffer.toByteArray(); }
    public InputStream inputStream() { return buffer.inputStream(); }
    /** The bpage offsets in the pool region, as HomaModule's recvmsg reports them. */
    public long[] bpageOffsets() { return buffer.bpageOffsets(); }

    MessageBuffer buffer() { return buffer; }

    public boolean isReleased() { return buffer.isReleased(); }

    /** Returns the message's bpages to the pool. A second call throws and changes nothing. */
    public void release() { stack.release(buffer); }

    @Override
    public String toString() {
        return (isRequest() ? "request " : "response ") + id + " from " + peer + ", " + length() + " bytes";
    }
}
