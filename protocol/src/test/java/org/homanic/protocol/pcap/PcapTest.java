package org.homanic.protocol.pcap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PcapTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void writesTheLibpcapFormatByteForByte(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("one.pcap");
        try (PcapWriter w = new PcapWriter(file)) {
            w.write(1_500_000_123L, new byte[] {1, 2, 3});
        }
        // Global header: magic a1b23c4d (ns) LE, version 2.4, zone 0, sigfigs 0, snaplen 65535, linktype 1.
        // Record: 1 s, 500000123 ns, 3 captured, 3 on the wire, then the bytes.
        assertEquals("4d3cb2a1" + "0200" + "0400" + "00000000" + "00000000" + "ffff0000" + "01000000"
                        + "01000000" + "7b65cd1d" + "03000000" + "03000000" + "010203",
                HEX.formatHex(Files.readAllBytes(file)));
    }

    @Test
    void roundTrip(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("rt.pcap");
        List<byte[]> frames = List.of(new byte[60], HEX.parseHex("00112233445566778899aabb0800"), new byte[1514]);
        try (PcapWriter w = new PcapWriter(file)) {
            for (int i = 0; i < frames.size(); i++) w.write(1000L * i, frames.get(i));
        }
        try (PcapReader r = new PcapReader(file)) {
            for (int i = 0; i < frames.size(); i++) {
                PcapReader.Frame f = r.next();
                assertEquals(1000L * i, f.timeNanos());
                assertArrayEquals(frames.get(i), f.bytes());
                assertEquals(frames.get(i).length, f.originalLength());
            }
            assertNull(r.next());
        }
    }

    @Test
    void readsBigEndianMicrosecondFiles(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("be.pcap");
        Files.write(file, HEX.parseHex("a1b2c3d4" + "0002" + "0004" + "00000000" + "00000000" + "0000ffff" + "00000001"
                + "00000002" + "00000007" + "00000002" + "00000040" + "abcd"));
        try (PcapReader r = new PcapReader(file)) {
            PcapReader.Frame f = r.next();
            assertEquals(2_000_007_000L, f.timeNanos());
            assertEquals(64, f.originalLength());
            assertArrayEquals(new byte[] {(byte) 0xab, (byte) 0xcd}, f.bytes());
        }
    }

    @Test
    void badFilesGiveClearErrors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.pcap");
        Files.write(file, HEX.parseHex("0a0d0d0a00000000"));
        assertTrue(assertThrows(IOException.class, () -> new PcapReader(file)).getMessage().contains("shorter"));
        Files.write(file, HEX.parseHex("0a0d0d0a" + "00".repeat(20)));
        assertTrue(assertThrows(IOException.class, () -> new PcapReader(file)).getMessage().contains("pcapng"));
        Files.write(file, HEX.parseHex("d4c3b2a1" + "0200" + "0400" + "00".repeat(12) + "71000000"));
        assertTrue(assertThrows(IOException.class, () -> new PcapReader(file)).getMessage().contains("link type 113"));
        Files.write(file, HEX.parseHex("d4c3b2a1" + "0200" + "0400" + "00".repeat(12) + "01000000" + "00".repeat(8) + "10000000"));
        assertTrue(assertThrows(IOException.class, () -> new PcapReader(file).next()).getMessage().contains("truncated"));
    }
}
