package org.homanic.protocol.wire;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A header declared as data: its name, total size in bytes and its fields in wire order.
 * The single place field positions come from: codecs, validators, the RTL parser generator
 * and the CLI read them here.
 *
 * <p>The builder checks that bit fields do not overlap and that the fields cover every bit of
 * the header, so a typo in an offset is an error when the class loads, not a silent hole.
 */
public final class HeaderLayout {
    private final String name;
    private final int size;
    private final List<Field> fields;
    private final Map<String, Field> byName;

    private HeaderLayout(String name, int size, List<Field> fields) {
        this.name = name;
        this.size = size;
        this.fields = List.copyOf(fields);
        Map<String, Field> map = new LinkedHashMap<>();
        for (Field f : fields) {
            if (map.put(f.name(), f) != null) throw new IllegalArgumentException(name + ": duplicate field " + f.name());
        }
        this.byName = Collections.unmodifiableMap(map);
    }

    public static Builder builder(String name, int size) {
        return new Builder(name, size);
    }

    public String name() {
        return name;
    }

    /** Total header size in bytes (the minimum a packet of this kind must hold). */
    public int size() {
        return size;
    }

    public List<Field> fields() {
        return fields;
    }

    /** The field called {@code fieldName}; throws with the known names when there is none. */
    public Field field(String fieldName) {
        Field f = byName.get(fieldName);
        if (f == null) throw new IllegalArgumentException(name + " has no field '" + fieldName + "'; fields: " + byName.keySet());
        return f;
    }

    public Optional<Field> find(String fieldName) {
        return Optional.ofNullable(byName.get(fieldName));
    }

    /** Every field that fits in a long, by name, read from the header at {@code base}. */
    public Map<String, Long> decode(MemorySegment segment, long base) {
        Map<String, Long> values = new LinkedHashMap<>();
        for (Field f : fields) if (f.fitsInLong()) values.put(f.name(), f.get(segment, base));
        return values;
    }

    /** Writes every named value into the header at {@code base}; all long-sized fields must be given. */
    public void encode(Map<String, Long> values, MemorySegment segment, long base) {
        for (Field f : fields) {
            if (!f.fitsInLong()) continue;
            Long v = values.get(f.name());
            if (v == null) throw new IllegalArgumentException(name + ": no value for " + f.name());
            f.set(segment, base, v);
        }
        for (String key : values.keySet()) field(key);
    }

    /**
     * A Markdown table of the fields at or after byte {@code fromOffset} (0 for all): offset,
     * size, bits for bit fields, name, meaning. docs/protocol.md embeds these tables.
     */
    public String markdownTable(int fromOffset) {
        StringBuilder s = new StringBuilder("| offset | size | field | meaning |\n|---|---|---|---|\n");
        for (Field f : fields) {
            if (f.offset() < fromOffset) continue;
            String size = f.isBitField()
                    ? f.bitWidth() + " bit" + (f.bitWidth() == 1 ? "" : "s") + " (bits " + (f.bitShift() + f.bitWidth() - 1) + ".." + f.bitShift() + " of " + f.size() + " B)"
                    : String.valueOf(f.size());
            s.append("| ").append(f.offset()).append(" | ").append(size).append(" | `").append(f.name()).append("` | ")
                    .append(f.description()).append(" |\n");
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return name + "(" + size + " bytes, " + fields.size() + " fields)";
    }

    /** Collects fields; {@link #build()} checks them. */
    public static final class Builder {
        private final String name;
        private final int size;
        private final List<Field> fields = new ArrayList<>();

        private Builder(String name, int size) {
            this.name = name;
            this.size = size;
        }

        public Builder bytes(String fieldName, int offset, int bytes, String description) {
            return add(Field.bytes(fieldName, offset, bytes, description));
        }

        public Builder bits(String fieldName, int offset, int containerBytes, int bitShift, int bitWidth, String description) {
            return add(Field.bits(fieldName, offset, containerBytes, bitShift, bitWidth, description));
        }

        /** Embeds every field of {@code inner} at {@code offset}, names prefixed with {@code prefix}. */
        public Builder include(HeaderLayout inner, int offset, String prefix) {
            for (Field f : inner.fields()) add(f.shifted(offset, prefix));
            return this;
        }

        public Builder add(Field field) {
            fields.add(field);
            return this;
        }

        public HeaderLayout build() {
            boolean[] covered = new boolean[size * 8];
            for (Field f : fields) {
                if (f.end() > size) throw new IllegalArgumentException(name + "." + f.name() + " ends at " + f.end() + " > size " + size);
                for (int b = f.firstBit(); b < f.firstBit() + f.bitWidth(); b++) {
                    if (covered[b]) throw new IllegalArgumentException(name + "." + f.name() + " overlaps another field at bit " + b);
                    covered[b] = true;
                }
            }
            for (int b = 0; b < covered.length; b++) {
                if (!covered[b]) throw new IllegalArgumentException(name + ": bit " + b + " (byte " + b / 8 + ") belongs to no field");
            }
            List<Field> sorted = new ArrayList<>(fields);
            sorted.sort((a, b) -> Integer.compare(a.firstBit(), b.firstBit()));
            return new HeaderLayout(name, size, sorted);
        }
    }
}
