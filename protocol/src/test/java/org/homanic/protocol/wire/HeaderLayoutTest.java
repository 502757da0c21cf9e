package org.homanic.protocol.wire;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The declaration API itself: checks at build time, bit fields, lookups. */
class HeaderLayoutTest {

    @Test
    void aGapInTheDeclarationIsRejected() {
        var b = HeaderLayout.builder("gappy", 4).bytes("a", 0, 1, "").bytes("c", 2, 2, "");
        var e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().contains("byte 1"), e.getMessage());
    }

    @Test
    void overlappingFieldsAreRejected() {
        var b = HeaderLayout.builder("overlap", 2).bytes("a", 0, 2, "").bits("b", 0, 1, 0, 4, "");
        assertThrows(IllegalArgumentException.class, b::build);
    }

    @Test
    void bitFieldsReadAndWriteTheirOwnBitsOnly() {
        // 802.1Q TCI 0xA00C: pcp 5, dei 0, vid 12.
        byte[] tag = {(byte) 0xA0, 0x0C, 0x08, 0x00};
        MemorySegment s = MemorySegment.ofArray(tag);
        assertEquals(5, NetHeaders.VLAN.field("pcp").get(s, 0));
        assertEquals(0, NetHeaders.VLAN.field("dei").get(s, 0));
        assertEquals(12, NetHeaders.VLAN.field("vid").get(s, 0));
        NetHeaders.VLAN.field("dei").set(s, 0, 1);
        assertEquals(0xB0, tag[0] & 0xFF);
        assertEquals(12, NetHeaders.VLAN.field("vid").get(s, 0));
        assertThrows(IllegalArgumentException.class, () -> NetHeaders.VLAN.field("pcp").set(s, 0, 8));
    }

    @Test
    void networkBitPositionsForTheHardwareParser() {
        assertEquals(0, NetHeaders.IPV4.field("version").firstBit());
        assertEquals(4, NetHeaders.IPV4.field("ihl").firstBit());
        assertEquals(8, NetHeaders.IPV4.field("priority").firstBit());
        assertEquals(12, NetHeaders.IPV6.field("flow_label").firstBit());
        assertEquals(11 * 8, HomaHeaders.COMMON.field("type").firstBit());
    }

    @Test
    void declaredSizesAreTheSpecSizes() {
        assertEquals(28, HomaHeaders.COMMON.size());
        int[] sizes = {56, 33, 37, 28, 28, 62, 28, 28, 80};
        for (PacketType t : PacketType.values()) assertEquals(sizes[t.ordinal()], t.minLength(), t.name());
        assertEquals(14, NetHeaders.ETHERNET.size());
        assertEquals(20, NetHeaders.IPV4.size());
        assertEquals(40, NetHeaders.IPV6.size());
        assertEquals(20, NetHeaders.TCP_HIJACK.size());
        // The TCP view and the Homa common header describe the same bytes.
        assertEquals(HomaHeaders.COMMON.field("flags").offset(), NetHeaders.TCP_HIJACK.field("flags").offset());
        assertEquals(HomaHeaders.COMMON.field("urgent").offset(), NetHeaders.TCP_HIJACK.field("urgent").offset());
        assertEquals(HomaHeaders.COMMON.field("type").offset(), NetHeaders.TCP_HIJACK.field("ack_seq").end() - 1);
    }

    @Test
    void unknownFieldNamesAreAClearError() {
        var e = assertThrows(IllegalArgumentException.class, () -> HomaHeaders.GRANT.field("ofset"));
        assertTrue(e.getMessage().contains("offset"), e.getMessage());
        assertEquals(PacketType.ACK, PacketType.fromCode(0x18));
        assertEquals(null, PacketType.fromCode(0x19));
        assertEquals(null, PacketType.fromCode(0x0f));
    }
}
