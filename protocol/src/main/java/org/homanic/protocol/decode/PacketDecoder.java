package org.homanic.protocol.decode;

import org.homanic.protocol.wire.DataView;
import org.homanic.protocol.wire.Field;
import org.homanic.protocol.wire.FrameParser;
import org.homanic.protocol.wire.HeaderLayout;
import org.homanic.protocol.wire.HomaHeaders;
import org.homanic.protocol.wire.NetHeaders;
import org.homanic.protocol.wire.PacketType;

import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns raw bytes into a {@link DecodedPacket}: validation by {@link FrameParser}, field values
 * from the layout declarations. Meant for tools (./homa decode), not the data path.
 *
 * <p>Input detection: bytes 12–13 of a Homa header are {@code doff} and {@code flags}, which
 * never form the ethertypes 0x0800, 0x86DD, 0x8100 or 0x88A8 (doff's low nibble is always 0,
 * and no legal doff is 0x08, 0x86 or 0x81). So input whose bytes 12–13 are one of those is read
 * as an Ethernet frame, anything else as a Homa packet starting at its header.
 */
public final class PacketDecoder {
    private static final HexFormat HEX = HexFormat.of();
    /** Longest payload shown in full; longer ones are cut with their length noted. */
    private static final int PAYLOAD_SHOWN = 64;

    private final FrameParser parser = new FrameParser();

    /** Whether these bytes look like the start of an Ethernet frame carrying IP (see class comment). */
    public static boolean looksLikeEthernet(byte[] bytes) {
        if (bytes.length < NetHeaders.ETHERNET.size()) return false;
        int ethertype = ((bytes[12] & 0xFF) << 8) | (bytes[13] & 0xFF);
        return ethertype == NetHeaders.ETHERTYPE_IPV4 || ethertype == NetHeaders.ETHERTYPE_IPV6
                || ethertype == NetHeaders.ETHERTYPE_VLAN || ethertype == NetHeaders.ETHERTYPE_QINQ;
    }

    /** Decodes with input detection. */
    public DecodedPacket decode(byte[] bytes) {
        return looksLikeEthernet(bytes) ? decodeFrame(bytes) : decodeHoma(bytes);
    }

    /** Decodes bytes that start with an Ethernet header. */
    public DecodedPacket decodeFrame(byte[] bytes) {
        MemorySegment s = MemorySegment.ofArray(bytes);
        boolean ok = parser.parseFrame(s, 0, bytes.length);
        Map<String, Map<String, Object>> layers = new LinkedHashMap<>();
        Map<String, Object> notes = new LinkedHashMap<>();
        long at = 0;
        if (fits(bytes, at, NetHeaders.ETHERNET)) {
            layers.put("ethernet", fields(NetHeaders.ETHERNET, s, at));
            at += NetHeaders.ETHERNET.size();
            int ethertype = (int) NetHeaders.ETHERNET.field("ethertype").get(s, 0);
            if (ethertype == NetHeaders.ETHERTYPE_VLAN && fits(bytes, at, NetHeaders.VLAN)) {
                layers.put("802.1q", fields(NetHeaders.VLAN, s, at));
                ethertype = (int) NetHeaders.VLAN.field("ethertype").get(s, at);
                at += NetHeaders.VLAN.size();
            }
            if (ethertype == NetHeaders.ETHERTYPE_IPV4 && fits(bytes, at, NetHeaders.IPV4)) {
                Map<String, Object> ip = fields(NetHeaders.IPV4, s, at);
                long optionBytes = NetHeaders.IPV4.field("ihl").get(s, at) * 4 - NetHeaders.IPV4.size();
                if (optionBytes > 0 && at + NetHeaders.IPV4.size() + optionBytes <= bytes.length) {
                    ip.put("options", HEX.formatHex(bytes, (int) at + 20, (int) (at + 20 + optionBytes)));
                }
                layers.put("ipv4", ip);
            } else if (ethertype == NetHeaders.ETHERTYPE_IPV6 && fits(bytes, at, NetHeaders.IPV6)) {
                layers.put("ipv6", fields(NetHeaders.IPV6, s, at));
            }
        }
        if (parser.homaOffset() >= 0) {
            notes.put("hijacked", parser.hijacked());
            if (parser.priority() >= 0) notes.put("priority", (long) parser.priority());
            addHoma(bytes, s, parser.homaOffset(), parser.homaLength(), ok, layers, notes);
        }
        return new DecodedPacket(DecodedPacket.ETHERNET_FRAME, bytes.length, parser.rejection(), layers, notes);
    }

    /** Decodes bytes that start with the Homa common header (the IP payload). */
    public DecodedPacket decodeHoma(byte[] bytes) {
        MemorySegment s = MemorySegment.ofArray(bytes);
        boolean ok = parser.parseHoma(s, 0, bytes.length);
        Map<String, Map<String, Object>> layers = new LinkedHashMap<>();
        Map<String, Object> notes = new LinkedHashMap<>();
        addHoma(bytes, s, 0, bytes.length, ok, layers, notes);
        return new DecodedPacket(DecodedPacket.HOMA_HEADER, bytes.length, parser.rejection(), layers, notes);
    }

    private void addHoma(byte[] bytes, MemorySegment s, long at, long length, boolean ok,
                         Map<String, Map<String, Object>> layers, Map<String, Object> notes) {
        if (length < HomaHeaders.COMMON.size() || at + length > bytes.length) return;
        int code = (int) HomaHeaders.COMMON.field("type").get(s, at);
        PacketType type = PacketType.fromCode(code);
        notes.put("type", type == null ? String.format("unknown (0x%02x)", code) : type.name());
        HeaderLayout layout = type != null && length >= type.minLength() ? type.layout() : HomaHeaders.COMMON;
        layers.put("homa", fields(layout, s, at));
        if (type == PacketType.DATA && layout == HomaHeaders.DATA) {
            DataView d = new DataView().wrap(s, at);
            notes.put("offset", d.offset());
            long payload = length - DataView.HEADER_LENGTH;
            notes.put("payload_length", payload);
            if (payload > 0) {
                int from = (int) at + DataView.HEADER_LENGTH;
                int shown = (int) Math.min(payload, PAYLOAD_SHOWN);
                notes.put("payload", HEX.formatHex(bytes, from, from + shown) + (shown < payload ? "…" : ""));
            }
        }
    }

    private static boolean fits(byte[] bytes, long at, HeaderLayout layout) {
        return at + layout.size() <= bytes.length;
    }

    /** Every field of the layout: numbers, or text for MAC and IP addresses. */
    private static Map<String, Object> fields(HeaderLayout layout, MemorySegment s, long at) {
        Map<String, Object> m = new LinkedHashMap<>();
        boolean ethernet = layout == NetHeaders.ETHERNET;
        boolean ip = layout == NetHeaders.IPV4 || layout == NetHeaders.IPV6;
        for (Field f : layout.fields()) {
            if (ethernet && (f.name().equals("dst") || f.name().equals("src"))) {
                m.put(f.name(), mac(f.hex(s, at)));
            } else if (ip && (f.name().equals("dst") || f.name().equals("src"))) {
                m.put(f.name(), address(HEX.parseHex(f.hex(s, at))));
            } else {
                long v = f.get(s, at);
                m.put(f.name(), v < 0 ? new BigInteger(Long.toUnsignedString(v)) : (Object) v);
            }
        }
        return m;
    }

    private static String mac(String hex) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) b.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        return b.toString();
    }

    private static String address(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses hex text (spaces, colons and a 0x prefix allowed); throws with the problem named. */
    public static byte[] parseHex(String text) {
        String clean = text.strip();
        if (clean.startsWith("0x") || clean.startsWith("0X")) clean = clean.substring(2);
        clean = clean.replaceAll("[\\s:]", "");
        if (clean.isEmpty()) throw new IllegalArgumentException("empty hex string");
        if (clean.length() % 2 != 0) throw new IllegalArgumentException("odd number of hex digits (" + clean.length() + ")");
        for (int i = 0; i < clean.length(); i++) {
            if (Character.digit(clean.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("not a hex digit: '" + clean.charAt(i) + "' at position " + (i + 1));
            }
        }
        return HEX.parseHex(clean);
    }
}
