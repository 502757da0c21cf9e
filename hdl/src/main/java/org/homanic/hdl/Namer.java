package org.homanic.hdl;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives every signal, instance and memory of a module its Verilog name: explicit names first,
 * then the Java field that holds it (bundle fields and vector indices appended with '_'), then
 * a deterministic {@code _<kind>_<n>} for anything left. Names that are Verilog or
 * SystemVerilog keywords, chosen or derived, get a trailing underscore.
 */
final class Namer {
    private Namer() {}

    static final Set<String> KEYWORDS = Set.of(
            "always", "and", "assign", "automatic", "begin", "buf", "case", "casex", "casez", "cell", "cmos",
            "config", "deassign", "default", "defparam", "design", "disable", "edge", "else", "end", "endcase",
            "endconfig", "endfunction", "endgenerate", "endmodule", "endprimitive", "endspecify", "endtable",
            "endtask", "event", "for", "force", "forever", "fork", "function", "generate", "genvar", "highz0",
            "highz1", "if", "ifnone", "incdir", "include", "initial", "inout", "input", "instance", "integer",
            "join", "large", "liblist", "library", "localparam", "macromodule", "medium", "module", "nand",
            "negedge", "nmos", "nor", "noshowcancelled", "not", "notif0", "notif1", "or", "output", "parameter",
            "pmos", "posedge", "primitive", "pull0", "pull1", "pulldown", "pullup", "pulsestyle_onevent",
            "pulsestyle_ondetect", "rcmos", "real", "realtime", "reg", "release", "repeat", "rnmos", "rpmos",
            "rtran", "rtranif0", "rtranif1", "scalared", "showcancelled", "signed", "small", "specify",
            "specparam", "strong0", "strong1", "supply0", "supply1", "table", "task", "time", "tran", "tranif0",
            "tranif1", "tri", "tri0", "tri1", "triand", "trior", "trireg", "unsigned", "use", "uwire", "vectored",
            "wait", "wand", "weak0", "weak1", "while", "wire", "wor", "xnor", "xor",
            // SystemVerilog, which Verilator and most tools also reserve
            "alias", "always_comb", "always_ff", "always_latch", "assert", "assume", "before", "bind", "bins",
            "binsof", "bit", "break", "byte", "chandle", "class", "clocking", "const", "constraint", "context",
            "continue", "cover", "covergroup", "coverpoint", "cross", "dist", "do", "endclass", "endclocking",
            "endgroup", "endinterface", "endpackage", "endprogram", "endproperty", "endsequence", "enum",
            "expect", "export", "extends", "extern", "final", "first_match", "foreach", "forkjoin", "iff",
            "ignore_bins", "illegal_bins", "import", "inside", "int", "interface", "intersect", "join_any",
            "join_none", "local", "logic", "longint", "matches", "modport", "new", "null", "package", "packed",
            "priority", "program", "property", "protected", "pure", "rand", "randc", "randcase", "randsequence",
            "ref", "return", "sequence", "shortint", "shortreal", "solve", "static", "string", "struct", "super",
            "tagged", "this", "throughout", "timeprecision", "timeunit", "type", "typedef", "union", "unique",
            "var", "virtual", "void", "wait_order", "wildcard", "with", "within");

    static String legal(String name) {
        return KEYWORDS.contains(name) ? name + "_" : name;
    }

    static void name(Module m) {
        for (Class<?> c = m.getClass(); c != null && c != Module.class && c != BlackBox.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) {
                    continue;
                }
                Object value;
                try {
                    f.setAccessible(true);
                    value = f.get(m);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    continue;
                }
                nameValue(m, f.getName(), value);
            }
        }
        Map<String, Integer> counters = new HashMap<>();
        for (Signal s : m.signals()) {
            if (!s.hasName()) {
                String kind = s.kind().name().toLowerCase(java.util.Locale.ROOT);
                s.suggestName("_" + kind + "_" + counters.merge(kind, 1, Integer::sum));
            }
        }
        // Explicit names that are keywords are escaped the same way as field names.
        for (Signal s : m.signals()) {
            if (KEYWORDS.contains(s.name())) {
                s.setName(legal(s.name()));
            }
        }
        for (Mem mem : m.memories()) {
            mem.rename(legal(mem.name()));
        }
        for (Module child : m.children()) {
            if (child.instanceName() != null && KEYWORDS.contains(child.instanceName())) {
                child.setInstanceName(legal(child.instanceName()));
            }
            if (child.instanceName() == null) {
                String base = Character.toLowerCase(child.moduleName().charAt(0)) + child.moduleName().substring(1);
                child.setInstanceName(base + "_" + counters.merge("instance " + base, 0, (a, b) -> a + 1));
            }
        }
    }

    /** The name a not-yet-named signal will get from its module's fields, for error messages; null if none. */
    static String fieldNameOf(Signal target) {
        Module m = target.owner();
        for (Class<?> c = m.getClass(); c != null && c != Module.class && c != BlackBox.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic() || !Data.class.isAssignableFrom(f.getType())) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    Object value = f.get(m);
                    if (value instanceof Data d) {
                        for (Data.Leaf leaf : d.leaves()) {
                            if (leaf.bits().isBound() && leaf.bits().signal() == target) {
                                return legal(Data.join(f.getName(), leaf.path()));
                            }
                        }
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // A field we cannot read names nothing.
                }
            }
        }
        return null;
    }

    private static void nameValue(Module m, String name, Object value) {
        switch (value) {
            case null -> { }
            case Data d -> {
                for (Data.Leaf leaf : d.leaves()) {
                    Signal s = leaf.bits().signal();
                    if (s != null && s.owner() == m) {
                        s.suggestName(legal(Data.join(name, leaf.path())));
                    }
                }
            }
            case Module child -> {
                if (child.parent() == m && child.instanceName() == null) {
                    child.setInstanceName(legal(name));
                }
            }
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) {
                    nameValue(m, name + "_" + i, list.get(i));
                }
            }
            default -> {
                if (value.getClass().isArray() && !value.getClass().getComponentType().isPrimitive()) {
                    for (int i = 0; i < Array.getLength(value); i++) {
                        nameValue(m, name + "_" + i, Array.get(value, i));
                    }
                }
            }
        }
    }

    static void checkUnique(Module m) {
        Map<String, SourceLocation> taken = new HashMap<>();
        for (Signal s : m.signals()) {
            claim(taken, s.name(), s.location(), m);
        }
        for (Mem mem : m.memories()) {
            claim(taken, mem.name(), mem.location(), m);
        }
        for (Module child : m.children()) {
            claim(taken, child.instanceName(), child.location(), m);
            for (Signal p : child.ports()) {
                if (p.role() == Signal.Role.DATA) {
                    claim(taken, child.instanceName() + "_" + p.name(), child.location(), m);
                }
            }
        }
    }

    private static void claim(Map<String, SourceLocation> taken, String name, SourceLocation at, Module m) {
        SourceLocation before = taken.putIfAbsent(name, at);
        if (before != null) {
            throw new HdlException(at, "module " + m.moduleName() + " has two things named '" + name
                    + "' (the other at " + before + ")");
        }
    }
}
