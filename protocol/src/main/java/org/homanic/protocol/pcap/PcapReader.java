package org.homanic.protocol.pcap;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads classic pcap files of Ethernet frames, in either byte order, with microsecond or
 * nanosecond timestamps. pcapng and other link types are refused with a clear message.
 */
public final class PcapReader implements Closeable {
    /** One captured frame: time in ns, the captured bytes, and the length it had on the wire. */
    public record Frame(long timeNanos, byte[] bytes, int originalLength) {}

    private final DataInputStream in;
    private final String source;
    private final ByteOrder order;
    private final boolean nanos;
    private final byte[] header = new byte[Pcap.RECORD_HEADER_BYTES];

    public PcapReader(Path file) throws IOException {
        this(Files.newInputStream(file), file.toString());
    }

    public PcapReader(InputStream stream, String source) throws IOException {
        this.in = new DataInputStream(new BufferedInputStream(stream));
        this.source = source;
        byte[] g = new byte[Pcap.GLOBAL_HEADER_BYTES];
        try {
            in.readFully(g);
        } catch (EOFException e) {
            throw new IOException(source + ": not a pcap file (shorter than the 24-byte header)");
        }
        int magicLe = ByteBuffer.wrap(g).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        int magicBe = ByteBuffer.wrap(g).order(ByteOrder.BIG_ENDIAN).getInt(0);
        if (magicLe == Pcap.MAGIC_MICROS || magicLe == Pcap.MAGIC_NANOS) {
            order = ByteOrder.LITTLE_ENDIAN;
            nanos = magicLe == Pcap.MAGIC_NANOS;
        } else if (magicBe == Pcap.MAGIC_MICROS || magicBe == Pcap.MAGIC_NANOS) {
            order = ByteOrder.BIG_ENDIAN;
            nanos = magicBe == Pcap.MAGIC_NANOS;
        } else if (magicBe == 0x0A0D0D0A) {
            throw new IOException(source + ": pcapng files are not supported; convert with: editcap -F pcap IN OUT");
        } else {
            throw new IOException(source + ": not a pcap file (magic 0x" + Integer.toHexString(magicBe) + ")");
        }
        int linkType = ByteBuffer.wrap(g).order(order).getInt(20);
        if (linkType != Pcap.LINKTYPE_ETHERNET) {
            throw new IOException(source + ": link type " + linkType + " is not Ethernet (1)");
        }
    }

    /** The next frame, or null at the end of the file. */
    public Frame next() throws IOException {
        int first = in.read();
        if (first < 0) return null;
        header[0] = (byte) first;
        try {
            in.readFully(header, 1, header.length - 1);
        } catch (EOFException e) {
            throw new IOException(source + ": truncated record header");
        }
        ByteBuffer h = ByteBuffer.wrap(header).order(order);
        long seconds = Integer.toUnsignedLong(h.getInt(0));
        long fraction = Integer.toUnsignedLong(h.getInt(4));
        int captured = h.getInt(8);
        int original = h.getInt(12);
        if (captured < 0 || captured > 0x0400_0000) throw new IOException(source + ": implausible record length " + captured);
        byte[] bytes = new byte[captured];
        try {
            in.readFully(bytes);
        } catch (EOFException e) {
            throw new IOException(source + ": truncated record (" + captured + " bytes announced)");
        }
        return new Frame(seconds * 1_000_000_000L + (nanos ? fraction : fraction * 1000), bytes, original);
    }

    /** Every remaining frame. */
    public List<Frame> readAll() throws IOException {
        List<Frame> frames = new ArrayList<>();
        for (Frame f = next(); f != null; f = next()) frames.add(f);
        return frames;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
