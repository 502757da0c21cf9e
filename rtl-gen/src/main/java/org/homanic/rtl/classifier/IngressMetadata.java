package org.homanic.rtl.classifier;

import org.homanic.hdl.Data;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The values of one {@link IngressMeta} sideband, as Java sees them (reference and decoded hardware output). */
public record IngressMetadata(boolean homa, int queue, int length, boolean ipv6, boolean vlan, boolean hijacked,
                              int priority, int type, byte[] peer, int sport, int dport, long localId, long offset,
                              int payloadLength, long messageLength, long incoming, boolean retransmit) {

    private static final List<Map.Entry<String, Integer>> LAYOUT;
    /** Width of the packed sideband in bits. */
    public static final int WIDTH;

    static {
        IngressMeta meta = new IngressMeta();
        LAYOUT = meta.fields().stream().map(e -> Map.entry(e.getKey(), ((Data) e.getValue()).width())).toList();
        WIDTH = meta.width();
    }

    /** Decodes the packed bundle ({@code Data.asBits()} order: first field most significant). */
    public static IngressMetadata decode(BigInteger bits) {
        Map<String, BigInteger> v = new LinkedHashMap<>();
        int pos = WIDTH;
        for (Map.Entry<String, Integer> f : LAYOUT) {
            pos -= f.getValue();
            v.put(f.getKey(), bits.shiftRight(pos).and(BigInteger.ONE.shiftLeft(f.getValue()).subtract(BigInteger.ONE)));
        }
        byte[] peerRaw = v.get("peer").toByteArray();
        byte[] peer = new byte[16];
        for (int i = 0; i < Math.min(16, peerRaw.length); i++) {
            peer[15 - i] = peerRaw[peerRaw.length - 1 - i];
        }
        return new IngressMetadata(v.get("homa").signum() != 0, v.get("queue").intValue(), v.get("length").intValue(),
                v.get("ipv6").signum() != 0, v.get("vlan").signum() != 0, v.get("hijacked").signum() != 0,
                v.get("priority").intValue(), v.get("type").intValue(), peer, v.get("sport").intValue(),
                v.get("dport").intValue(), v.get("localId").longValue(), v.get("offset").longValue(),
                v.get("payloadLength").intValue(), v.get("messageLength").longValue(), v.get("incoming").longValue(),
                v.get("retransmit").signum() != 0);
    }

    /** Decodes from the bytes of a port (byte 0 = bits 7..0). */
    public static IngressMetadata decode(byte[] littleEndian) {
        byte[] be = new byte[littleEndian.length + 1];
        for (int i = 0; i < littleEndian.length; i++) {
            be[be.length - 1 - i] = littleEndian[i];
        }
        return decode(new BigInteger(be));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IngressMetadata m && toString().equals(m.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "meta{homa=" + homa + " q=" + queue + " len=" + length + " v6=" + ipv6 + " vlan=" + vlan
                + " hijack=" + hijacked + " prio=" + priority + " type=0x" + Integer.toHexString(type)
                + " peer=" + HexFormat.of().formatHex(peer) + " ports=" + sport + "->" + dport
                + " id=" + Long.toUnsignedString(localId) + " off=" + offset + " pay=" + payloadLength
                + " msg=" + messageLength + " inc=" + incoming + " rtx=" + retransmit + "}";
    }
}
