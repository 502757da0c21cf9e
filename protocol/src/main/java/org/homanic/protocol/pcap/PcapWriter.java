package org.homanic.protocol.pcap;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes Ethernet frames to a classic pcap file with nanosecond timestamps (little-endian, as
 * libpcap writes on x86), readable by Wireshark, tshark and tcpdump.
 */
public final class PcapWriter implements Closeable {
    private final OutputStream out;
    private final ByteBuffer header = ByteBuffer.allocate(Pcap.RECORD_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private long lastTime = Long.MIN_VALUE;

    public PcapWriter(Path file) throws IOException {
        this(Files.newOutputStream(file));
    }

    public PcapWriter(OutputStream stream) throws IOException {
        this.out = new BufferedOutputStream(stream);
        ByteBuffer g = ByteBuffer.allocate(Pcap.GLOBAL_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        g.putInt(Pcap.MAGIC_NANOS).putShort((short) Pcap.VERSION_MAJOR).putShort((short) Pcap.VERSION_MINOR)
                .putInt(0).putInt(0).putInt(Pcap.SNAPLEN).putInt(Pcap.LINKTYPE_ETHERNET);
        out.write(g.array());
    }

    /** Appends one frame captured at {@code timeNanos} (since the epoch or simulation start). */
    public void write(long timeNanos, MemorySegment frame, long offset, int length) throws IOException {
        if (length <= 0 || length > Pcap.SNAPLEN) throw new IllegalArgumentException("frame length " + length);
        if (timeNanos < 0) throw new IllegalArgumentException("negative timestamp " + timeNanos);
        if (timeNanos < lastTime) throw new IllegalArgumentException("timestamps must not go backwards");
        lastTime = timeNanos;
        header.clear();
        header.putInt((int) (timeNanos / 1_000_000_000L)).putInt((int) (timeNanos % 1_000_000_000L))
                .putInt(length).putInt(length);
        out.write(header.array());
        out.write(frame.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE));
    }

    public void write(long timeNanos, byte[] frame) throws IOException {
        write(timeNanos, MemorySegment.ofArray(frame), 0, frame.length);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
