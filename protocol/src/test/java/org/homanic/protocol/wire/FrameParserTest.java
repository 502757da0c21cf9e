package org.homanic.protocol.wire;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Frame parsing and every rejection reason, on frames written out byte by byte (checksums computed by hand). */
class FrameParserTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String ETH = "020000000002" + "020000000001";
    /** IPv4, TOS 0xA0 (priority 5), total 53, DF, TTL 64, proto 146, checksum 0x2595, 10.0.0.1 → 10.0.0.2. */
    private static final String IPV4_GRANT = "45a00035" + "00004000" + "4092" + "2595" + "0a000001" + "0a000002";

    private final FrameParser parser = new FrameParser();

    private static byte[] hex(String s) {
        return HEX.parseHex(s);
    }

    private boolean frame(byte[] f) {
        return parser.parseFrame(MemorySegment.ofArray(f), 0, f.length);
    }

    private boolean homa(byte[] p) {
        return parser.parseHoma(MemorySegment.ofArray(p), 0, p.length);
    }

    private static String grant() {
        return HEX.formatHex(WireFixtures.packet("GRANT"));
    }

    /** A DATA header with the hijack marker: message 100 bytes, seg.offset 0xFFFFFFFF, sequence given. */
    private static String hijackedData(int sequence, int payloadBytes) {
        return "1234abcd" + String.format("%08x", sequence) + "000000" + "10" + "e0" + "06" + "0000" + "0000" + "b97d"
                + "0000000000000002" + "00000064" + "00000064" + "0000000000000000" + "0000" + "0000" + "00" + "000000"
                + "ffffffff" + "ab".repeat(payloadBytes);
    }

    @Test
    void ipv4GrantFrameMatchesTheBuilderAndParses() {
        byte[] expected = hex(ETH + "0800" + IPV4_GRANT + grant());
        byte[] built = new FrameBuilder().priority(5).build(WireFixtures.packet("GRANT"));
        assertArrayEquals(expected, built, HEX.formatHex(built));
        assertTrue(frame(expected), String.valueOf(parser.rejection()));
        assertNull(parser.rejection());
        assertEquals(4, parser.ipVersion());
        assertEquals(5, parser.priority());
        assertEquals(-1, parser.vlanId());
        assertFalse(parser.hijacked());
        assertEquals(PacketType.GRANT, parser.type());
        assertEquals(34, parser.homaOffset());
        assertEquals(33, parser.homaLength());
    }

    @Test
    void vlanTagAndIpv4OptionsAreSkipped() {
        // TCI 0xa00c: pcp 5, vid 12. IHL 6 with one option word (NOP NOP NOP EOL), total 57, checksum 0x2290.
        byte[] f = hex(ETH + "8100" + "a00c" + "0800" + "46a00039" + "00004000" + "4092" + "2290" + "0a000001" + "0a000002"
                + "01010100" + grant());
        assertTrue(frame(f), String.valueOf(parser.rejection()));
        assertEquals(12, parser.vlanId());
        assertEquals(5, parser.vlanPcp());
        assertEquals(14 + 4 + 24, parser.homaOffset());
        assertEquals(33, parser.homaLength());
    }

    @Test
    void hijackedTcpIsRecognisedAndEthernetPaddingIgnored() {
        // total length 91 = 20 + 56 + 15; checksum 0x25fb; DATA bytes [85, 100) of a 100-byte message.
        String ip = "45a0005b" + "00004000" + "4006" + "25fb" + "0a000001" + "0a000002";
        byte[] f = hex(ETH + "0800" + ip + hijackedData(85, 15) + "000000000000");
        assertTrue(frame(f), String.valueOf(parser.rejection()));
        assertTrue(parser.hijacked());
        assertEquals(PacketType.DATA, parser.type());
        assertEquals(15, parser.payloadLength(), "payload from the IP length, not the padded frame length");
        DataView d = new DataView().wrap(MemorySegment.ofArray(f), parser.homaOffset());
        assertEquals(85, d.offset(), "seg.offset 0xFFFFFFFF: the offset is the sequence field");

        byte[] past = hex(ETH + "0800" + ip + hijackedData(86, 15));
        assertFalse(frame(past));
        assertEquals(Rejection.DATA_PAST_MESSAGE_END, parser.rejection());

        // Same TCP header without the marker (flags 0x10 = ACK) is ordinary TCP.
        byte[] tcp = hex(ETH + "0800" + ip + hijackedData(85, 15).replaceFirst("10e006", "10e010"));
        assertFalse(frame(tcp));
        assertEquals(Rejection.TCP_NOT_HIJACKED, parser.rejection());
        byte[] urgent = hex(ETH + "0800" + ip + hijackedData(85, 15).replace("b97d", "b97e"));
        assertFalse(frame(urgent));
        assertEquals(Rejection.TCP_NOT_HIJACKED, parser.rejection());
    }

    @Test
    void ipv6FramesParseWithTrafficClassPriority() {
        byte[] src = new byte[16];
        byte[] dst = new byte[16];
        src[15] = 1;
        dst[15] = 2;
        byte[] f = new FrameBuilder().addresses(src, dst).priority(7).vlan(3, 0).build(WireFixtures.packet("ACK"));
        // 40-byte IPv6 header right after the tag: version 6, TC 0xE0 → first bytes 6e 00 00 00, payload 80.
        assertEquals("6e000000" + "0050" + "92" + "40", HEX.formatHex(f, 18, 26));
        assertTrue(frame(f), String.valueOf(parser.rejection()));
        assertEquals(6, parser.ipVersion());
        assertEquals(7, parser.priority());
        assertEquals(PacketType.ACK, parser.type());
        assertEquals(80, parser.homaLength());
        f[18 + 4 + 1] = 81; // payload length past the frame
        assertFalse(frame(f));
        assertEquals(Rejection.IP_LENGTH_INVALID, parser.rejection());
    }

    @Test
    void frameLevelRejections() {
        String good = ETH + "0800" + IPV4_GRANT + grant();
        assertRejected(Rejection.ETHERNET_TRUNCATED, hex(ETH));
        assertRejected(Rejection.NOT_IP, hex(ETH + "0806" + IPV4_GRANT + grant()));
        assertRejected(Rejection.VLAN_TRUNCATED, hex(ETH + "8100" + "00"));
        assertRejected(Rejection.STACKED_VLAN, hex(ETH + "8100" + "000c" + "8100" + "000d" + "0800" + IPV4_GRANT + grant()));
        assertRejected(Rejection.STACKED_VLAN, hex(ETH + "88a8" + "000c" + "8100" + "000d" + "0800" + IPV4_GRANT + grant()));
        assertRejected(Rejection.IP_VERSION_MISMATCH, hex(ETH + "86dd" + IPV4_GRANT + grant() + "00".repeat(20)));
        assertRejected(Rejection.IP_HEADER_TRUNCATED, hex(ETH + "0800" + IPV4_GRANT.substring(0, 30)));
        byte[] badSum = hex(good);
        badSum[14 + 11] ^= 1;
        assertRejected(Rejection.IPV4_BAD_CHECKSUM, badSum);
        // IHL 4 (checksum fixed up so only the IHL is wrong).
        assertRejected(Rejection.IPV4_BAD_IHL, withChecksum(good.replaceFirst("0800" + "45", "0800" + "44")));
        assertRejected(Rejection.IP_LENGTH_INVALID, withChecksum(good.replaceFirst("45a00035", "45a00036")));
        assertRejected(Rejection.IP_LENGTH_INVALID, withChecksum(good.replaceFirst("45a00035", "45a00013")));
        assertRejected(Rejection.IP_FRAGMENT, withChecksum(good.replaceFirst("00004000", "00002000")));
        assertRejected(Rejection.IP_FRAGMENT, withChecksum(good.replaceFirst("00004000", "00000001")));
        assertRejected(Rejection.NOT_HOMA_PROTOCOL, withChecksum(good.replaceFirst("4092", "4011")));
    }

    @Test
    void homaLevelRejectionsMatchHomaModule() {
        byte[] grant = WireFixtures.packet("GRANT");
        assertTrue(homa(grant));
        assertFalse(parser.framed());
        assertHomaRejected(Rejection.HOMA_TRUNCATED, Arrays.copyOf(grant, 27));
        for (int code : new int[] {0x00, 0x0f, 0x19, 0xff}) {
            byte[] p = grant.clone();
            p[11] = (byte) code;
            assertHomaRejected(Rejection.UNKNOWN_TYPE, p);
        }
        for (PacketType t : PacketType.values()) {
            byte[] p = WireFixtures.packet(t.name());
            assertTrue(homa(p), t + " " + parser.rejection());
            assertEquals(t, parser.type());
            if (t.minLength() > 28) assertHomaRejected(Rejection.TOO_SHORT_FOR_TYPE, Arrays.copyOf(p, t.minLength() - 1));
        }
    }

    @Test
    void dataBoundsRules() {
        // Fixture: message_length 1024, seg.offset 17, 7 payload bytes.
        byte[] d = WireFixtures.packet("DATA");
        DataView v = new DataView().wrap(MemorySegment.ofArray(d), 0);
        assertTrue(homa(d));
        assertEquals(7, parser.payloadLength());
        v.segOffset(1017);
        assertTrue(homa(d), "1017 + 7 = 1024 ends exactly at the message end");
        v.segOffset(1018);
        assertHomaRejected(Rejection.DATA_PAST_MESSAGE_END, d);
        v.segOffset(1024);
        assertHomaRejected(Rejection.DATA_OFFSET_OUT_OF_RANGE, d);
        v.segOffset(HomaConstants.OFFSET_IN_SEQUENCE);
        v.sequence(1024);
        assertHomaRejected(Rejection.DATA_OFFSET_OUT_OF_RANGE, d);
        v.sequence(0);
        v.messageLength(1_000_000);
        assertTrue(homa(d), "1,000,000 is the largest legal message");
        v.messageLength(1_000_001);
        assertHomaRejected(Rejection.MESSAGE_TOO_LONG, d);
        v.messageLength(0);
        assertHomaRejected(Rejection.DATA_OFFSET_OUT_OF_RANGE, d);
    }

    @Test
    void rpcIdAndPortRules() {
        assertTrue(RpcIds.isClientId(2));
        assertFalse(RpcIds.isClientId(3));
        assertEquals(3, RpcIds.serverId(2));
        assertEquals(3, RpcIds.localId(2), "a server receiving a request computes id ^ 1");
        assertEquals(2, RpcIds.localId(3), "a client receiving a response computes id ^ 1");
        assertTrue(RpcIds.sentByClient(0x0102030405060708L));
        assertTrue(RpcIds.isRequest(RpcIds.localId(2)));
        assertFalse(RpcIds.isRequest(RpcIds.localId(3)));
        assertFalse(RpcIds.isServerPort(0));
        assertTrue(RpcIds.isServerPort(1));
        assertTrue(RpcIds.isServerPort(32767));
        assertFalse(RpcIds.isBindable(32768));
        assertTrue(RpcIds.isClientPort(32768));
        assertTrue(RpcIds.isClientPort(65535));
        assertFalse(RpcIds.isClientPort(32767));
    }

    private void assertRejected(Rejection why, byte[] f) {
        assertFalse(frame(f), "accepted " + HEX.formatHex(f));
        assertEquals(why, parser.rejection());
    }

    private void assertHomaRejected(Rejection why, byte[] p) {
        assertFalse(homa(p), "accepted " + HEX.formatHex(p));
        assertEquals(why, parser.rejection());
    }

    /** The frame with its IPv4 header checksum recomputed (so only the intended field is wrong). */
    private static byte[] withChecksum(String hex) {
        byte[] f = HEX.parseHex(hex);
        MemorySegment s = MemorySegment.ofArray(f);
        int ihl = Math.max(5, f[14] & 0x0f) * 4;
        f[24] = 0;
        f[25] = 0;
        int sum = Checksums.checksum(s, 14, Math.min(ihl, f.length - 14));
        f[24] = (byte) (sum >> 8);
        f[25] = (byte) sum;
        return f;
    }
}
