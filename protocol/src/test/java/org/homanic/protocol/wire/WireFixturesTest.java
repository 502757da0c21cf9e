package org.homanic.protocol.wire;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel-generated fixtures (shared/testdata/homa-wire-fixtures.json) against the
 * declarations and codecs. Expected field values are read by hand from the fixture hex.
 */
class WireFixturesTest {

    /** Common header of every fixture packet: 1234 abcd 10203040 112233 TT DD 42 5678 9abc b97d 0102030405060708. */
    private static void assertCommon(HomaView v, PacketType type, int doff) {
        assertEquals(0x1234, v.sport());
        assertEquals(0xabcd, v.dport());
        assertEquals(0x10203040L, v.sequence());
        assertEquals(0x112233, v.ackHigh());
        assertEquals(type, v.type());
        assertEquals(doff, v.doff());
        assertEquals(0x42, v.flags());
        assertEquals(0x5678, v.window());
        assertEquals(0x9abc, v.checksum());
        assertEquals(0xb97d, v.urgent());
        assertEquals(0x0102030405060708L, v.senderId());
        assertFalse(v.hasHijackMarker(), "flags 0x42 is not the hijack marker even though urgent is");
    }

    private static MemorySegment seg(byte[] b) {
        return MemorySegment.ofArray(b);
    }

    @Test
    void dataFixtureDecodesToItsBytes() {
        byte[] b = WireFixtures.packet("DATA");
        DataView d = new DataView().wrap(seg(b), 0);
        assertCommon(d, PacketType.DATA, 0xd0);
        assertEquals(1024, d.messageLength());
        assertEquals(512, d.incoming());
        assertEquals(0x1020304050607080L, d.ackClientId());
        assertEquals(0x2233, d.ackServerPort());
        assertEquals(0x4567, d.cutoffVersion());
        assertEquals(1, d.retransmit());
        assertEquals(0x123456, d.pad());
        assertEquals(0x11, d.segOffset());
        assertEquals(0x11, d.offset(), "seg.offset != 0xFFFFFFFF wins over sequence");
        assertEquals("payload", new String(b, DataView.HEADER_LENGTH, b.length - DataView.HEADER_LENGTH));
    }

    @Test
    void controlFixturesDecodeToTheirBytes() {
        GrantView g = new GrantView().wrap(seg(WireFixtures.packet("GRANT")), 0);
        assertCommon(g, PacketType.GRANT, 0x50);
        assertEquals(0x11223344L, g.offset());
        assertEquals(7, g.priority());

        ResendView r = new ResendView().wrap(seg(WireFixtures.packet("RESEND")), 0);
        assertCommon(r, PacketType.RESEND, 0x50);
        assertEquals(0x23456789L, r.offset());
        assertEquals(HomaConstants.RESEND_ALL, r.length());
        assertEquals(6, r.priority());

        CutoffsView c = new CutoffsView().wrap(seg(WireFixtures.packet("CUTOFFS")), 0);
        assertCommon(c, PacketType.CUTOFFS, 0x50);
        for (int i = 0; i < 8; i++) assertEquals(0x12340000L + i, c.cutoff(i));
        assertEquals(0x5678, c.cutoffVersion());

        AckView a = new AckView().wrap(seg(WireFixtures.packet("ACK")), 0);
        assertCommon(a, PacketType.ACK, 0x50);
        assertEquals(2, a.numAcks());
        for (int i = 0; i < 5; i++) {
            assertEquals(0x1020304050607000L + 2L * i, a.ackClientId(i));
            assertEquals(0x4000 + i, a.ackServerPort(i));
        }
        for (String t : List.of("RPC_UNKNOWN", "BUSY", "FREEZE", "NEED_ACK")) {
            byte[] b = WireFixtures.packet(t);
            assertEquals(28, b.length);
            assertCommon(new HomaView().wrap(seg(b), 0), PacketType.valueOf(t), 0x50);
        }
    }

    /** Decode every field generically, write the values into zeroed memory, compare bytes. */
    @ParameterizedTest
    @EnumSource(PacketType.class)
    void genericDecodeThenEncodeGivesTheSameBytes(PacketType type) {
        byte[] original = WireFixtures.packet(type.name());
        HeaderLayout layout = type.layout();
        Map<String, Long> values = layout.decode(seg(original), 0);
        assertEquals(type.code(), values.get("type"));
        byte[] copy = new byte[original.length];
        layout.encode(values, seg(copy), 0);
        System.arraycopy(original, layout.size(), copy, layout.size(), original.length - layout.size());
        assertArrayEquals(original, copy, HexFormat.of().formatHex(copy));
    }

    /** Build each fixture from scratch with the typed setters and compare with the kernel's bytes. */
    @Test
    void typedEncodersReproduceEveryFixture() {
        for (PacketType type : PacketType.values()) {
            byte[] original = WireFixtures.packet(type.name());
            byte[] built = new byte[original.length];
            MemorySegment s = seg(built);
            HomaView common = switch (type) {
                case DATA -> new DataView().wrap(s, 0).messageLength(1024).incoming(512)
                        .ackClientId(0x1020304050607080L).ackServerPort(0x2233).cutoffVersion(0x4567)
                        .retransmit(1).pad(0x123456).segOffset(0x11);
                case GRANT -> new GrantView().wrap(s, 0).offset(0x11223344L).priority(7);
                case RESEND -> new ResendView().wrap(s, 0).offset(0x23456789L).length(HomaConstants.RESEND_ALL).priority(6);
                case CUTOFFS -> {
                    CutoffsView c = new CutoffsView().wrap(s, 0).cutoffVersion(0x5678);
                    for (int i = 0; i < 8; i++) c.cutoff(i, 0x12340000L + i);
                    yield c;
                }
                case ACK -> {
                    AckView a = new AckView().wrap(s, 0).numAcks(2);
                    for (int i = 0; i < 5; i++) a.ack(i, 0x1020304050607000L + 2L * i, 0x4000 + i);
                    yield a;
                }
                default -> new HomaView().wrap(s, 0);
            };
            common.sport(0x1234).dport(0xabcd).sequence(0x10203040L).ackHigh(0x112233).typeCode(type.code())
                    .doff(type == PacketType.DATA ? 0xd0 : 0x50).flags(0x42).window(0x5678).checksum(0x9abc)
                    .urgent(0xb97d).senderId(0x0102030405060708L);
            if (type == PacketType.DATA) System.arraycopy("payload".getBytes(), 0, built, 56, 7);
            assertArrayEquals(original, built, type + ": " + HexFormat.of().formatHex(built));
        }
    }

    /** Every size and offset in the fixture's "layouts" section matches a declaration. */
    @Test
    void fixtureLayoutsMatchTheDeclarations() {
        JsonNode layouts = WireFixtures.root().path("layouts");
        Map<String, HeaderLayout> declared = Map.ofEntries(
                Map.entry("homa_common_hdr", HomaHeaders.COMMON), Map.entry("homa_ack", HomaHeaders.ACK_ENTRY),
                Map.entry("homa_data_hdr", HomaHeaders.DATA), Map.entry("homa_grant_hdr", HomaHeaders.GRANT),
                Map.entry("homa_resend_hdr", HomaHeaders.RESEND), Map.entry("homa_rpc_unknown_hdr", HomaHeaders.RPC_UNKNOWN),
                Map.entry("homa_busy_hdr", HomaHeaders.BUSY), Map.entry("homa_cutoffs_hdr", HomaHeaders.CUTOFFS),
                Map.entry("homa_freeze_hdr", HomaHeaders.FREEZE), Map.entry("homa_need_ack_hdr", HomaHeaders.NEED_ACK),
                Map.entry("homa_ack_hdr", HomaHeaders.ACK));
        List<String> checked = new ArrayList<>();
        for (var entry : layouts.properties()) {
            String struct = entry.getKey();
            if (struct.equals("homa_seg_hdr")) {
                // The 4-byte segment header is the DATA header's last field.
                assertEquals(entry.getValue().path("size").asInt(), HomaHeaders.DATA.field("seg.offset").size());
                continue;
            }
            HeaderLayout layout = declared.get(struct);
            assertTrue(layout != null, "fixture struct " + struct + " has no declaration");
            assertEquals(entry.getValue().path("size").asInt(), layout.size(), struct + " size");
            for (var member : entry.getValue().path("offsets").properties()) {
                assertEquals(member.getValue().asInt(), memberOffset(layout, member.getKey()), struct + "." + member.getKey());
                checked.add(struct + "." + member.getKey());
            }
            assertEquals(layout.name(), struct);
        }
        assertEquals(38, checked.size(), "members checked: " + checked);
        assertEquals(11, declared.size());
    }

    /**
     * Offset of a C struct member in a flattened layout: the field of that name, or the first
     * field of an embedded struct or array ("common" = the common header at 0, "ack" in DATA =
     * ack.client_id, "acks" = acks[0].client_id, "unsched_cutoffs" = unsched_cutoffs[0]).
     */
    private static int memberOffset(HeaderLayout layout, String member) {
        if (member.equals("common")) return layout.field("sport").offset();
        // Members of a type header come after the embedded common header (which has its own "ack").
        int after = layout == HomaHeaders.COMMON || layout == HomaHeaders.ACK_ENTRY ? 0 : HomaHeaders.COMMON.size();
        return layout.fields().stream()
                .filter(f -> f.offset() >= after)
                .filter(f -> f.name().equals(member) || f.name().startsWith(member + ".") || f.name().startsWith(member + "["))
                .mapToInt(Field::offset).min()
                .orElseThrow(() -> new AssertionError(layout.name() + " has no member " + member));
    }

    @Test
    void fixtureConstantsMatch() {
        JsonNode c = WireFixtures.root().path("constants");
        for (PacketType t : PacketType.values()) assertEquals(c.path(t.name()).asInt(), t.code(), t.name());
        assertEquals(c.path("HOMA_MAX_PRIORITIES").asInt(), HomaConstants.MAX_PRIORITIES);
        assertEquals(c.path("HOMA_MAX_ACKS_PER_PKT").asInt(), HomaConstants.MAX_ACKS_PER_PKT);
        assertEquals(c.path("HOMA_MIN_PKT_LENGTH").asInt(), HomaConstants.MIN_PKT_LENGTH);
        assertEquals(c.path("HOMA_MAX_HEADER").asInt(), HomaConstants.MAX_HEADER);
        assertEquals(c.path("HOMA_HIJACK_URGENT").asInt(), HomaConstants.HIJACK_URGENT);
    }
}
