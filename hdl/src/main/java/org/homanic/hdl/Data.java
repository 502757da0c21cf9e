package org.homanic.hdl;

import java.util.ArrayList;
import java.util.List;

/**
 * Anything that is hardware: a single value ({@link Bits}), a struct of named fields
 * ({@link Bundle}) or an array ({@link Vec}). Aggregates are flattened into leaves for ports,
 * wiring and packing; the first leaf is the most significant when packed.
 */
public sealed interface Data permits Bits, Bundle, Vec {

    /** One flattened element: the value, whether it flows against the aggregate, and its path. */
    record Leaf(Bits bits, boolean flipped, String path) {}

    /** Appends this value's leaves in declaration order. */
    void collectLeaves(List<Leaf> out, boolean flipped, String path);

    default List<Leaf> leaves() {
        List<Leaf> out = new ArrayList<>();
        collectLeaves(out, false, "");
        return out;
    }

    /** Total width of all leaves. */
    default int width() {
        int w = 0;
        for (Leaf leaf : leaves()) {
            w += leaf.bits().width();
        }
        return w;
    }

    /** All leaves concatenated, the first leaf in the most significant bits. */
    default UInt asBits() {
        List<Leaf> leaves = leaves();
        Bits[] parts = new Bits[leaves.size()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = leaves.get(i).bits();
        }
        return Hdl.cat(parts);
    }

    /** Joins a path prefix and a field name with an underscore, as Verilog port names go. */
    static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : name.isEmpty() ? prefix : prefix + "_" + name;
    }
}
