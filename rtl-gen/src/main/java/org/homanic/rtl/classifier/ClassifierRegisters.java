package org.homanic.rtl.classifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The classifier's AXI4-Lite register map, declared once: the hardware ({@link CsrBlock}), the
 * table in {@code docs/classifier.md}, the C header {@code homa_classifier_regs.h} and the Java
 * constants {@link ClassifierRegs} are all generated from {@link #ALL}
 * ({@code ClassifierRegistersTest} fails when a generated copy is stale).
 */
public final class ClassifierRegisters {
    private ClassifierRegisters() {}

    public enum Access { RO, RW }

    /** {@code source}: "const" (a fixed value), "config" (a read-write setting) or the counter it shows. */
    public record Register(String name, int offset, Access access, long reset, String description) {}

    public static final int ID_VALUE = 0x484F_4D43;      // "HOMC"
    public static final int VERSION_VALUE = 0x0001_0000;
    public static final int INGRESS_BASE = 0x100;
    public static final int EGRESS_BASE = 0x200;
    public static final int ADDRESS_BITS = 12;
    /** priority_map reset: identity, level i → i in bits 3i+2..3i. */
    public static final long IDENTITY_MAP;
    public static final List<Register> ALL;
    public static final List<Register> CONFIG;

    static {
        long map = 0;
        for (int i = 0; i < 8; i++) map |= (long) i << (3 * i);
        IDENTITY_MAP = map;
        List<Register> all = new ArrayList<>();
        List<Register> cfg = new ArrayList<>();
        all.add(new Register("id", 0x000, Access.RO, ID_VALUE, "constant 0x484F4D43 (\"HOMC\")"));
        all.add(new Register("version", 0x004, Access.RO, VERSION_VALUE, "register map version: major in bits 31..16, minor in bits 15..0"));
        cfg.add(new Register("priority_map", 0x010, Access.RW, IDENTITY_MAP,
                "priority_map[level] in bits 3*level+2..3*level: the value written to TOS / traffic class bits 7..5"));
        cfg.add(new Register("default_level", 0x014, Access.RW, 0, "egress level of non-Homa traffic (bits 2..0)"));
        cfg.add(new Register("unsched_bytes", 0x018, Access.RW, 40_000,
                "DATA below min(unsched_bytes, message length) is unscheduled"));
        for (int i = 1; i < 8; i++) {
            cfg.add(new Register("default_cutoff_" + i, 0x020 + 4 * (i - 1), Access.RW, i == 6 ? Integer.MAX_VALUE : 0,
                    "cutoff " + i + " for a peer that sent no CUTOFFS (HomaModule: 6 = 0x7FFFFFFF, others 0)"));
        }
        cfg.add(new Register("host_queue_limit", 0x040, Access.RW, 0xFFFF,
                "ingress host queue threshold in beats (bits 15..0): a packet is dropped unless queue level + its beats stays within it"));
        cfg.add(new Register("level_queue_limit", 0x044, Access.RW, 0xFFFF,
                "egress level queue threshold in beats (bits 15..0), the same rule"));
        all.addAll(cfg);
        for (int i = 0; i < IngressCounter.ALL.size(); i++) {
            IngressCounter c = IngressCounter.ALL.get(i);
            all.add(new Register("rx_" + c.name(), INGRESS_BASE + 4 * i, Access.RO, 0, "ingress counter: " + c.description()));
        }
        for (int i = 0; i < EgressCounter.ALL.size(); i++) {
            EgressCounter c = EgressCounter.ALL.get(i);
            all.add(new Register("tx_" + c.name(), EGRESS_BASE + 4 * i, Access.RO, 0, "egress counter: " + c.description()));
        }
        ALL = List.copyOf(all);
        CONFIG = List.copyOf(cfg);
    }

    /** Index of a configuration register in {@link #CONFIG} (and in {@code CsrBlock.config}). */
    public static int configIndex(String name) {
        return CONFIG.indexOf(named(name));
    }

    public static Register named(String name) {
        return ALL.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no register " + name));
    }

    /** The Markdown table for the docs. */
    public static String markdown() {
        return markdown(ALL);
    }

    /** The Markdown table of the map {@code all} (also used for maps that extend this one). */
    public static String markdown(List<Register> all) {
        StringBuilder b = new StringBuilder("| offset | name | access | reset | meaning |\n|---|---|---|---|---|\n");
        for (Register r : all) {
            b.append(String.format(Locale.ROOT, "| 0x%03X | `%s` | %s | 0x%X | %s |%n", r.offset(), r.name(), r.access(),
                    r.reset(), r.description()));
        }
        return b.toString();
    }

    /** The C header. */
    public static String cHeader() {
        return cHeader(ALL, ClassifierRegisters.class.getName(), "HOMA_CLASSIFIER_REGS_H", "HOMA_CLS_");
    }

    /** The C header of the map {@code all}, declared in class {@code source}; names are {@code prefix} + NAME. */
    public static String cHeader(List<Register> all, String source, String guard, String prefix) {
        StringBuilder b = new StringBuilder();
        b.append("/* Generated from " + source + "; do not edit. */\n");
        b.append("#ifndef " + guard + "\n#define " + guard + "\n\n");
        for (Register r : all) {
            String n = prefix + r.name().toUpperCase(Locale.ROOT);
            b.append(String.format(Locale.ROOT, "/* %s (%s) */%n#define %s 0x%03Xu%n", r.description().replace("*/", "* /"),
                    r.access(), n, r.offset()));
            if (r.access() == Access.RW) b.append(String.format(Locale.ROOT, "#define %s_RESET 0x%Xu%n", n, r.reset()));
        }
        b.append("\n#endif\n");
        return b.toString();
    }

    /** The Java constants class. */
    public static String javaConstants() {
        return javaConstants(ALL, "org.homanic.rtl.classifier", "ClassifierRegs", "the classifier's", "ClassifierRegisters");
    }

    /** The Java constants class {@code pkg.cls} of the map {@code all}, declared in class {@code source}. */
    public static String javaConstants(List<Register> all, String pkg, String cls, String whose, String source) {
        StringBuilder b = new StringBuilder();
        b.append("package " + pkg + ";\n\n");
        b.append("/** Register offsets of " + whose + " AXI4-Lite block. Generated from {@link " + source + "}; do not edit. */\n");
        b.append("public final class " + cls + " {\n    private " + cls + "() {}\n\n");
        for (Register r : all) {
            String n = r.name().toUpperCase(Locale.ROOT);
            b.append(String.format(Locale.ROOT, "    /** %s (%s). */%n    public static final int %s = 0x%03X;%n",
                    r.description().replace("*/", "* /"), r.access(), n, r.offset()));
        }
        b.append("}\n");
        return b.toString();
    }

    /** Writes the generated C header and Java constants under the repository root {@code args[0]}. */
    public static void main(String[] args) throws java.io.IOException {
        java.nio.file.Path root = java.nio.file.Path.of(args.length > 0 ? args[0] : ".");
        java.nio.file.Files.writeString(root.resolve(C_HEADER), cHeader());
        java.nio.file.Files.writeString(root.resolve(JAVA_CONSTANTS), javaConstants());
    }

    public static final String C_HEADER = "rtl-gen/src/main/c/homa_classifier_regs.h";
    public static final String JAVA_CONSTANTS = "rtl-gen/src/main/java/org/homanic/rtl/classifier/ClassifierRegs.java";
}
