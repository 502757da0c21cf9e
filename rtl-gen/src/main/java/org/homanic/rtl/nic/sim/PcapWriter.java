package org.homanic.rtl.nic.sim;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** A pcap file of Ethernet frames with nanosecond timestamps (Wireshark, tshark, ./homa decode --pcap). */
public final class PcapWriter implements AutoCloseable {
    private static final int MAGIC_NANOS = 0xA1B23C4D;
    private static final int LINKTYPE_ETHERNET = 1;
    private final OutputStream out;
    private final ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    private long frames;

    public PcapWriter(Path file) throws IOException {
        out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        ByteBuffer g = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        g.putInt(MAGIC_NANOS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(LINKTYPE_ETHERNET);
        out.write(g.array());
    }

    public void write(long timeNanos, byte[] frame) {
        header.clear();
        header.putInt((int) (timeNanos / 1_000_000_000L)).putInt((int) (timeNanos % 1_000_000_000L))
                .putInt(frame.length).putInt(frame.length);
        try {
            out.write(header.array());
            out.write(frame);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        frames++;
    }

    public long frames() { return frames; }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
