package org.homanic.hdl;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A struct of named hardware fields. Subclass it and declare fields of hardware types; mark
 * fields that flow the other way with {@link Flip}. Fields keep their Java names in Verilog
 * ({@code s_axis_tdata} for field {@code tdata} of port {@code s_axis}).
 *
 * <pre>{@code
 * final class Beat extends Bundle {
 *     final UInt data = UInt(64);
 *     final Bool last = Bool();
 * }
 * }</pre>
 *
 * Fields are found by reflection in declaration order (superclass fields first), which is the
 * order the JDK reports them in; packing puts the first field in the most significant bits.
 */
public abstract non-sealed class Bundle implements Data {

    private static final Map<Class<?>, List<Field>> FIELDS = new ConcurrentHashMap<>();

    @Override
    public final void collectLeaves(List<Leaf> out, boolean flipped, String path) {
        for (Field f : hardwareFields(getClass())) {
            Data value = fieldValue(f);
            if (value == null) {
                throw new HdlException(SourceLocation.here(), "field '" + f.getName() + "' of "
                        + getClass().getSimpleName() + " is null; give every bundle field a type");
            }
            value.collectLeaves(out, flipped ^ f.isAnnotationPresent(Flip.class), Data.join(path, f.getName()));
        }
    }

    /** The named fields, in declaration order. */
    public final List<Map.Entry<String, Data>> fields() {
        List<Map.Entry<String, Data>> out = new ArrayList<>();
        for (Field f : hardwareFields(getClass())) {
            out.add(Map.entry(f.getName(), fieldValue(f)));
        }
        return out;
    }

    private Data fieldValue(Field f) {
        try {
            return (Data) f.get(this);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Field> hardwareFields(Class<?> type) {
        return FIELDS.computeIfAbsent(type, t -> {
            List<Class<?>> chain = new ArrayList<>();
            for (Class<?> c = t; c != null && c != Bundle.class; c = c.getSuperclass()) {
                chain.addFirst(c);
            }
            List<Field> fields = new ArrayList<>();
            for (Class<?> c : chain) {
                for (Field f : c.getDeclaredFields()) {
                    int m = f.getModifiers();
                    if (!Modifier.isStatic(m) && !Modifier.isTransient(m) && !f.isSynthetic()
                            && Data.class.isAssignableFrom(f.getType())) {
                        f.setAccessible(true);
                        fields.add(f);
                    }
                }
            }
            return List.copyOf(fields);
        });
    }

    /**
     * Binds the leaves of a fresh {@code template} to slices of {@code bits}, the inverse of
     * {@link Data#asBits()}; the widths must match exactly.
     */
    public static <T extends Data> T unpack(T template, UInt bits) {
        if (template.width() != bits.width()) {
            throw new HdlException(SourceLocation.here(), "cannot unpack a " + bits.width() + "-bit value into a "
                    + template.width() + "-bit " + template.getClass().getSimpleName());
        }
        int hi = bits.width() - 1;
        for (Leaf leaf : template.leaves()) {
            Bits target = leaf.bits();
            UInt slice = bits.bits(hi, hi - target.width() + 1);
            target.bind(target.signed() ? slice.asSInt().node() : slice.node());
            hi -= target.width();
        }
        return template;
    }
}
