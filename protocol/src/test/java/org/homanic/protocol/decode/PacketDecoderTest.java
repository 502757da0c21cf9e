package org.homanic.protocol.decode;

import org.homanic.protocol.wire.FrameBuilder;
import org.homanic.protocol.wire.Rejection;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacketDecoderTest {
    private static final String GRANT = "1234abcd1020304011223311504256789abcb97d01020304050607081122334407";
    private static final String DATA = "1234abcd1020304011223310d04256789abcb97d0102030405060708000004000000020010203040506070802233456701123456000000117061796c6f6164";

    private final PacketDecoder decoder = new PacketDecoder();

    @Test
    void bareHomaHeaderIsDetectedAndDecoded() {
        DecodedPacket p = decoder.decode(HexFormat.of().parseHex(GRANT));
        assertEquals(DecodedPacket.HOMA_HEADER, p.input());
        assertTrue(p.accepted());
        assertEquals("GRANT", p.notes().get("type"));
        Map<String, Object> homa = p.layers().get("homa");
        assertEquals(0x11223344L, homa.get("offset"));
        assertEquals(7L, homa.get("priority"));
        assertEquals(0x0102030405060708L, homa.get("sender_id"));
    }

    @Test
    void dataNotesCarryOffsetAndPayload() {
        DecodedPacket p = decoder.decode(HexFormat.of().parseHex(DATA));
        assertEquals(17L, p.notes().get("offset"));
        assertEquals(7L, p.notes().get("payload_length"));
        assertEquals("7061796c6f6164", p.notes().get("payload"));
        assertTrue(p.toText().getFirst().startsWith("homa header, 63 bytes: accepted; type=DATA offset=17"), p.toText().getFirst());
    }

    @Test
    void wholeFramesAreDetectedAndEveryLayerShown() {
        byte[] frame = new FrameBuilder().vlan(7, 1).priority(6).build(HexFormat.of().parseHex(GRANT));
        DecodedPacket p = decoder.decode(frame);
        assertEquals(DecodedPacket.ETHERNET_FRAME, p.input());
        assertTrue(p.accepted(), String.valueOf(p.rejection()));
        assertEquals("02:00:00:00:00:02", p.layers().get("ethernet").get("dst"));
        assertEquals(7L, p.layers().get("802.1q").get("vid"));
        assertEquals("10.0.0.1", p.layers().get("ipv4").get("src"));
        assertEquals(6L, p.notes().get("priority"));
        assertEquals(false, p.notes().get("hijacked"));
        assertEquals(0x11223344L, p.layers().get("homa").get("offset"));
    }

    @Test
    void rejectedInputStillShowsWhatDecoded() {
        byte[] shortGrant = HexFormat.of().parseHex(GRANT.substring(0, 64));
        DecodedPacket p = decoder.decode(shortGrant);
        assertFalse(p.accepted());
        assertEquals(Rejection.TOO_SHORT_FOR_TYPE, p.rejection());
        assertEquals(0x1234L, p.layers().get("homa").get("sport"), "the common header still decodes");
        assertEquals("TOO_SHORT_FOR_TYPE", p.toJsonTree().get("rejection"));
    }

    @Test
    void unsignedValuesAboveLongMaxStayUnsigned() {
        String ack = GRANT.substring(0, 40) + "f102030405060708" + GRANT.substring(56);
        DecodedPacket p = decoder.decode(HexFormat.of().parseHex(ack));
        assertEquals(new BigInteger("f102030405060708", 16), p.layers().get("homa").get("sender_id"));
    }

    @Test
    void hexParsingErrorsNameTheProblem() {
        assertEquals(2, PacketDecoder.parseHex("0x12 34").length);
        assertEquals(3, PacketDecoder.parseHex("12:34:56").length);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PacketDecoder.parseHex("123")).getMessage().contains("odd"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PacketDecoder.parseHex("12zz")).getMessage().contains("'z'"));
        assertThrows(IllegalArgumentException.class, () -> PacketDecoder.parseHex("  "));
    }
}
