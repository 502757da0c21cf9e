package org.homanic.protocol.decode;

import org.homanic.protocol.wire.Rejection;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One packet decoded for people and tools: how the input was read, whether a receiver would
 * accept it (and if not, why), and the field values of each header layer in wire order.
 * Numbers are {@code Long} (unsigned values above Long.MAX_VALUE as {@code BigInteger}),
 * addresses are strings.
 *
 * @param input     {@link #ETHERNET_FRAME} or {@link #HOMA_HEADER}: where the bytes start
 * @param length    bytes given
 * @param rejection why a receiver drops it, or null when it is accepted
 * @param layers    layer name ("ethernet", "802.1q", "ipv4", "ipv6", "homa") to its fields
 * @param notes     derived facts: type name, effective DATA offset, payload length, hijack
 */
public record DecodedPacket(String input, int length, Rejection rejection, Map<String, Map<String, Object>> layers,
                            Map<String, Object> notes) {
    public static final String ETHERNET_FRAME = "ethernet frame";
    public static final String HOMA_HEADER = "homa header";

    public boolean accepted() {
        return rejection == null;
    }

    /** A JSON-ready tree (maps, lists, numbers, strings) of this packet. */
    public Map<String, Object> toJsonTree() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input", input);
        m.put("length", length);
        m.put("accepted", accepted());
        m.put("rejection", rejection == null ? null : rejection.name());
        if (rejection != null) m.put("rejection_explanation", rejection.explanation());
        m.putAll(notes);
        m.put("layers", layers);
        return m;
    }

    /** Human-readable lines: a summary, then one line per field, indented under its layer. */
    public List<String> toText() {
        List<String> lines = new ArrayList<>();
        StringBuilder head = new StringBuilder(input + ", " + length + " bytes: ");
        head.append(accepted() ? "accepted" : "rejected, " + rejection.name() + " (" + rejection.explanation() + ")");
        if (!notes.isEmpty()) {
            head.append(";");
            notes.forEach((k, v) -> head.append(' ').append(k).append('=').append(v));
        }
        lines.add(head.toString());
        layers.forEach((layer, fields) -> {
            lines.add("  " + layer);
            int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
            fields.forEach((name, value) -> lines.add("    " + pad(name, width) + "  " + show(value)));
        });
        return lines;
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    private static String show(Object value) {
        if (value instanceof Long l && (l > 9 || l < 0)) return Long.toUnsignedString(l) + " (0x" + Long.toHexString(l) + ")";
        if (value instanceof BigInteger b) return b + " (0x" + b.toString(16) + ")";
        return String.valueOf(value);
    }
}
