package org.homanic.hdl;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Writes one module as Verilog-2005: ports, declarations, named intermediates, continuous
 * assignments, one {@code always @(*)} block per group of related combinational signals, one
 * {@code always @(posedge clk)} block per clock domain (reset last, so it wins), instances.
 * Every operand is brought to its exact width, so the text is free of Verilator width warnings.
 */
final class VerilogEmitter {
    /** Stands for the module name until the design decides it (identical bodies share one module). */
    static final String NAME = "\u0000MODULE\u0000";
    private static final int MAX_INLINE = 72;
    private static final String IND = "    ";

    private final Module m;
    private final Netlist net;
    private final Map<Module, String> moduleNames;
    private final Map<Node, Integer> uses = new IdentityHashMap<>();
    private final Map<Node, String> temps = new IdentityHashMap<>();
    private final List<String> tempLines = new ArrayList<>();
    private final Set<String> unusedSink = new LinkedHashSet<>();
    private final Set<Signal> procedural = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Signal> readHere = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    /** Reads of one vector by one index: emitted together as one case statement. */
    private final Map<Node, List<OpNode>> indexGroups = new IdentityHashMap<>();
    private final Set<Signal> resetsUsed = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private int tempCounter;

    VerilogEmitter(Module m, Netlist net, Map<Module, String> moduleNames) {
        this.m = m;
        this.net = net;
        this.moduleNames = moduleNames;
    }

    String emit() {
        countUses();
        List<String> logic = new ArrayList<>();
        Set<Signal> assigned = continuousAssignments(logic);
        combBlocks(assigned, logic);
        syncBlocks(logic);
        List<String> instances = instances();
        // A domain whose registers all lack a reset value leaves its reset input unread.
        for (ClockDomain d : m.domains().values()) {
            if (!resetsUsed.contains(d.reset())) {
                unusedSink.add(d.reset().name());
            }
        }
        for (Node u : m.unusedValues()) {
            unusedSink.add(expr(u));
        }
        // Outputs of instances that nothing here reads are left unconnected on purpose.
        for (Module child : m.children()) {
            for (Signal p : child.ports()) {
                if (p.kind() == Signal.Kind.OUTPUT && !readHere.contains(p)) {
                    unusedSink.add(local(p));
                }
            }
        }

        StringBuilder out = new StringBuilder();
        header(out);
        out.append("module ").append(NAME).append(" (\n");
        ports(out);
        out.append(");\n");
        declarations(out);
        section(out, "Named intermediate values", tempLines);
        section(out, "Logic", logic);
        section(out, "Instances", instances);
        if (!unusedSink.isEmpty()) {
            out.append("\n").append(IND).append("// Bits this module reads on purpose nowhere (keeps lint quiet).\n");
            out.append(IND).append("wire _unused = &{1'b0, ").append(String.join(", ", unusedSink)).append(", 1'b0};\n");
        }
        out.append("\nendmodule\n\n`resetall\n");
        return out.toString();
    }

    // ---- layout --------------------------------------------------------------------------------

    private void header(StringBuilder out) {
        out.append("// ").append(NAME).append(": generated from ").append(m.getClass().getName())
                .append(" by the homa-nic hdl. Do not edit; change the Java source.\n");
        if (!m.parameters().isEmpty()) {
            out.append("// Parameters:\n");
            m.parameters().forEach((k, v) -> out.append("//   ").append(k).append(" = ").append(v).append('\n'));
        }
        if (!m.domains().isEmpty()) {
            out.append("// Clock domains (synchronous, active-high reset):");
            m.domains().values().forEach(d -> out.append(' ').append(d.name()).append(" (")
                    .append(d.clock().name()).append(", ").append(d.reset().name()).append(')'));
            out.append('\n');
        }
        out.append("`resetall\n`default_nettype none\n\n");
    }

    private void ports(StringBuilder out) {
        List<Signal> ports = m.ports();
        List<String[]> rows = new ArrayList<>();
        for (Signal p : ports) {
            String dir = p.kind() == Signal.Kind.INPUT ? "input " : "output";
            String type = p.kind() == Signal.Kind.OUTPUT && procedural.contains(p) ? "reg " : "wire";
            rows.add(new String[] {dir + " " + type + (p.signed() ? " signed" : ""), range(p.width()), p.name()});
        }
        int w0 = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        int w1 = rows.stream().mapToInt(r -> r[1].length()).max().orElse(0);
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            out.append(IND).append(pad(r[0], w0)).append(' ').append(pad(r[1], w1)).append(' ').append(r[2])
                    .append(i + 1 < rows.size() ? ",\n" : "\n");
        }
    }

    private void declarations(StringBuilder out) {
        List<String> lines = new ArrayList<>();
        for (Fsm<?> f : m.fsms()) {
            for (ConstNode c : f.codes().values()) {
                lines.add("localparam " + range(c.width()) + (c.width() > 1 ? " " : "") + c.symbol() + " = "
                        + number(c.pattern(), c.width()) + ";");
            }
        }
        for (Signal s : m.signals()) {
            if (!s.isPort()) {
                lines.add(declare(procedural.contains(s) || s.kind() == Signal.Kind.REG ? "reg" : "wire", s, s.name()));
            }
        }
        for (Module child : m.children()) {
            for (Signal p : child.ports()) {
                if (p.role() == Signal.Role.DATA) {
                    lines.add(declare(procedural.contains(p) ? "reg" : "wire", p, local(p)));
                }
            }
        }
        for (Mem mem : m.memories()) {
            lines.add("reg " + range(mem.width()) + (mem.width() > 1 ? " " : "") + mem.name() + " [0:"
                    + (mem.depth() - 1) + "];");
        }
        section(out, null, lines);
        for (Mem mem : m.memories()) {
            BigInteger[] init = mem.init();
            if (init != null) {
                out.append("\n").append(IND).append("initial begin\n");
                for (int i = 0; i < init.length; i++) {
                    out.append(IND).append(IND).append(mem.name()).append('[').append(i).append("] = ")
                            .append(number(init[i], mem.width())).append(";\n");
                }
                out.append(IND).append("end\n");
            }
        }
    }

    private static String declare(String kind, Signal s, String name) {
        return kind + (s.signed() ? " signed" : "") + (s.width() > 1 ? " " + range(s.width()) : "") + " " + name + ";";
    }

    private static void section(StringBuilder out, String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        out.append('\n');
        if (title != null) {
            out.append(IND).append("// ").append(title).append('\n');
        }
        for (String l : lines) {
            for (String part : l.split("\n", -1)) {
                out.append(part.isEmpty() ? "" : IND + part).append('\n');
            }
        }
    }

    // ---- statements ----------------------------------------------------------------------------

    /** Signals with one unconditional combinational assignment become {@code assign} statements. */
    private Set<Signal> continuousAssignments(List<String> logic) {
        Set<Signal> done = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Stmt s : m.body().statements()) {
            if (s instanceof Stmt.Assign a && a.domain() == null && net.bySignal.get(a.target()).size() == 1) {
                logic.add("assign " + local(a.target()) + " = " + top(a.value()) + ";");
                done.add(a.target());
            }
        }
        return done;
    }

    /** Groups the remaining combinational signals by the top-level statements that drive them together. */
    private void combBlocks(Set<Signal> assigned, List<String> logic) {
        List<Stmt> tops = m.body().statements();
        Map<Signal, Integer> group = new IdentityHashMap<>();
        int[] parent = new int[tops.size()];
        for (int i = 0; i < tops.size(); i++) {
            parent[i] = i;
            for (Signal s : driven(tops.get(i), true)) {
                if (assigned.contains(s)) {
                    continue;
                }
                Integer other = group.putIfAbsent(s, i);
                if (other != null) {
                    parent[find(parent, i)] = find(parent, other);
                }
            }
        }
        Map<Integer, Set<Signal>> groups = new LinkedHashMap<>();
        for (int i = 0; i < tops.size(); i++) {
            for (Signal s : driven(tops.get(i), true)) {
                if (!assigned.contains(s)) {
                    groups.computeIfAbsent(find(parent, i), k -> new LinkedHashSet<>()).add(s);
                }
            }
        }
        for (Set<Signal> signals : groups.values()) {
            procedural.addAll(signals);
            StringBuilder b = new StringBuilder("always @(*) begin\n");
            block(b, m.body(), st -> st instanceof Stmt.Assign a && a.domain() == null && signals.contains(a.target()),
                    1, "=");
            b.append("end");
            logic.add(b.toString());
        }
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private void syncBlocks(List<String> logic) {
        Set<ClockDomain> used = new LinkedHashSet<>();
        for (Netlist.Assignment a : net.assignments) {
            if (a.domain() != null) {
                used.add(a.domain());
            }
        }
        for (ClockDomain d : m.domains().values()) {
            if (!used.contains(d)) {
                continue;
            }
            StringBuilder b = new StringBuilder("always @(posedge " + d.clock().name() + ") begin\n");
            Predicate<Stmt> mine = st -> st instanceof Stmt.Assign a ? a.domain() == d
                    : st instanceof Stmt.MemWrite w && w.domain() == d;
            block(b, m.body(), mine, 1, "<=");
            List<Signal> resettable = new ArrayList<>();
            for (Map.Entry<Signal, List<Netlist.Assignment>> e : net.bySignal.entrySet()) {
                if (e.getValue().getFirst().domain() == d) {
                    procedural.add(e.getKey());
                    if (e.getKey().reset() != null) {
                        resettable.add(e.getKey());
                    }
                }
            }
            if (!resettable.isEmpty()) {
                resetsUsed.add(d.reset());
                b.append(IND).append("if (").append(d.reset().name()).append(") begin\n");
                for (Signal s : resettable) {
                    b.append(IND).append(IND).append(local(s)).append(" <= ").append(constant(s.reset(), s.width()))
                            .append(";\n");
                }
                b.append(IND).append("end\n");
            }
            b.append("end");
            logic.add(b.toString());
        }
    }

    /** Emits the statements of {@code block} that {@code include} selects, keeping the conditionals around them. */
    private void block(StringBuilder b, Stmt.Block block, Predicate<Stmt> include, int depth, String op) {
        String ind = IND.repeat(depth);
        for (Stmt st : block.statements()) {
            if (!touches(st, include)) {
                continue;
            }
            switch (st) {
                case Stmt.Assign a -> b.append(ind).append(local(a.target())).append(' ').append(op).append(' ')
                        .append(top(a.value())).append(";\n");
                case Stmt.MemWrite w -> b.append(ind).append(w.mem().name()).append('[').append(top(w.address()))
                        .append("] <= ").append(top(w.data())).append(";\n");
                case Stmt.When w -> {
                    for (int i = 0; i < w.branches().size(); i++) {
                        Stmt.When.Branch br = w.branches().get(i);
                        b.append(i == 0 ? ind + "if (" : " else if (").append(top(br.condition())).append(") begin\n");
                        block(b, br.body(), include, depth + 1, op);
                        b.append(ind).append("end");
                    }
                    if (w.otherwise() != null && touchesAny(w.otherwise(), include)) {
                        b.append(" else begin\n");
                        block(b, w.otherwise(), include, depth + 1, op);
                        b.append(ind).append("end");
                    }
                    b.append('\n');
                }
                case Stmt.Switch sw -> {
                    b.append(ind).append("case (").append(top(sw.subject())).append(")\n");
                    for (Stmt.Switch.Case c : sw.cases()) {
                        List<String> values = new ArrayList<>();
                        for (ConstNode v : c.values()) {
                            values.add(constant(v, sw.subject().width()));
                        }
                        b.append(ind).append(IND).append(String.join(", ", values)).append(": begin\n");
                        block(b, c.body(), include, depth + 2, op);
                        b.append(ind).append(IND).append("end\n");
                    }
                    b.append(ind).append(IND).append("default: begin\n");
                    if (sw.otherwise() != null) {
                        block(b, sw.otherwise(), include, depth + 2, op);
                    }
                    b.append(ind).append(IND).append("end\n");
                    b.append(ind).append("endcase\n");
                }
            }
        }
    }

    private static boolean touchesAny(Stmt.Block block, Predicate<Stmt> include) {
        for (Stmt st : block.statements()) {
            if (touches(st, include)) {
                return true;
            }
        }
        return false;
    }

    private static boolean touches(Stmt st, Predicate<Stmt> include) {
        return switch (st) {
            case Stmt.Assign a -> include.test(a);
            case Stmt.MemWrite w -> include.test(w);
            case Stmt.When w -> w.branches().stream().anyMatch(b -> touchesAny(b.body(), include))
                    || (w.otherwise() != null && touchesAny(w.otherwise(), include));
            case Stmt.Switch sw -> sw.cases().stream().anyMatch(c -> touchesAny(c.body(), include))
                    || (sw.otherwise() != null && touchesAny(sw.otherwise(), include));
        };
    }

    /** Signals assigned anywhere inside {@code st}, combinational ones only when {@code comb}. */
    private static List<Signal> driven(Stmt st, boolean comb) {
        List<Signal> out = new ArrayList<>();
        collectDriven(st, comb, out);
        return out;
    }

    private static void collectDriven(Stmt st, boolean comb, List<Signal> out) {
        switch (st) {
            case Stmt.Assign a -> {
                if ((a.domain() == null) == comb) {
                    out.add(a.target());
                }
            }
            case Stmt.MemWrite w -> { }
            case Stmt.When w -> {
                w.branches().forEach(b -> b.body().statements().forEach(s -> collectDriven(s, comb, out)));
                if (w.otherwise() != null) {
                    w.otherwise().statements().forEach(s -> collectDriven(s, comb, out));
                }
            }
            case Stmt.Switch sw -> {
                sw.cases().forEach(c -> c.body().statements().forEach(s -> collectDriven(s, comb, out)));
                if (sw.otherwise() != null) {
                    sw.otherwise().statements().forEach(s -> collectDriven(s, comb, out));
                }
            }
        }
    }

    private List<String> instances() {
        List<String> out = new ArrayList<>();
        for (Module child : m.children()) {
            StringBuilder b = new StringBuilder(moduleNames.get(child));
            if (child instanceof BlackBox bb && !bb.verilogParameters().isEmpty()) {
                List<String> ps = new ArrayList<>();
                bb.verilogParameters().forEach((k, v) -> ps.add("." + k + "(" + (v instanceof String s
                        ? "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : v) + ")"));
                b.append(" #(\n").append(IND).append(String.join(",\n" + IND, ps)).append("\n)");
            }
            b.append(' ').append(child.instanceName()).append(" (\n");
            List<Signal> ports = child.ports();
            for (int i = 0; i < ports.size(); i++) {
                Signal p = ports.get(i);
                b.append(IND).append('.').append(p.name()).append('(').append(connection(child, p)).append(')')
                        .append(i + 1 < ports.size() ? ",\n" : "\n");
            }
            b.append(");");
            out.add(b.toString());
        }
        return out;
    }

    private String connection(Module child, Signal p) {
        if (p.role() == Signal.Role.DATA) {
            return local(p);
        }
        ClockDomain d = child.parentDomains().get(p.domainName());
        if (p.role() == Signal.Role.CLOCK) {
            return d.clock().name();
        }
        resetsUsed.add(d.reset());
        return d.reset().name();
    }

    // ---- expressions ---------------------------------------------------------------------------

    /** The name a signal has in this module: its own name, or {@code <instance>_<port>} for an instance's port. */
    private String local(Signal s) {
        return s.owner() == m ? s.name() : s.owner().instanceName() + "_" + s.name();
    }

    /** Counts how often each value is used, once per place it appears in the written statements. */
    private void countUses() {
        Set<Node> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        countBlock(m.body(), seen);
        for (Node u : m.unusedValues()) {
            count(u, seen);
        }
    }

    private void countBlock(Stmt.Block block, Set<Node> seen) {
        for (Stmt st : block.statements()) {
            switch (st) {
                case Stmt.Assign a -> count(a.value(), seen);
                case Stmt.MemWrite w -> {
                    count(w.address(), seen);
                    count(w.data(), seen);
                }
                case Stmt.When w -> {
                    for (Stmt.When.Branch b : w.branches()) {
                        count(b.condition(), seen);
                        countBlock(b.body(), seen);
                    }
                    if (w.otherwise() != null) {
                        countBlock(w.otherwise(), seen);
                    }
                }
                case Stmt.Switch sw -> {
                    count(sw.subject(), seen);
                    for (Stmt.Switch.Case c : sw.cases()) {
                        countBlock(c.body(), seen);
                    }
                    if (sw.otherwise() != null) {
                        countBlock(sw.otherwise(), seen);
                    }
                }
            }
        }
    }

    private void count(Node n, Set<Node> seen) {
        if (uses.merge(n, 1, Integer::sum) > 1 || !seen.add(n)) {
            return;
        }
        if (n instanceof OpNode op && op.op() == Op.INDEX) {
            indexGroups.computeIfAbsent(op.arg(0), k -> new ArrayList<>()).add(op);
        }
        if (n instanceof Signal s) {
            readHere.add(s);
        }
        if (n instanceof OpNode op) {
            for (Node a : op.args()) {
                count(a, seen);
            }
        } else if (n instanceof MemReadNode r) {
            count(r.address(), seen);
        }
    }

    /** An expression at statement level: without the outer parentheses. */
    private String top(Node n) {
        return strip(expr(n));
    }

    private static boolean balanced(String s) {
        int depth = 0;
        for (char c : s.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    /** Verilog text whose self-determined width is exactly {@code n.width()}. */
    private String expr(Node n) {
        return switch (n) {
            case Signal s -> local(s);
            case ConstNode c -> constant(c, c.width());
            case MemReadNode r -> r.mem().name() + "[" + top(r.address()) + "]";
            case OpNode op -> {
                String t = temps.get(op);
                if (t != null) {
                    yield t;
                }
                if (op.op() == Op.INDEX || uses.getOrDefault(op, 0) > 1) {
                    yield temp(op);
                }
                String inline = inline(op);
                yield inline.length() > MAX_INLINE ? temp(op, inline) : inline;
            }
        };
    }

    /** A name for {@code n}'s value, for operators that need one (slices, sign extension). */
    private String named(Node n) {
        if (n instanceof Signal s) {
            return local(s);
        }
        if (n instanceof OpNode op) {
            String t = temps.get(op);
            return t != null ? t : temp(op);
        }
        if (n instanceof MemReadNode r) {
            return tempOf(n, "mem_" + r.mem().name(), expr(n));
        }
        throw new IllegalStateException("constant needs no name");
    }

    private String temp(OpNode op) {
        return op.op() == Op.INDEX ? indexTemp(op) : temp(op, inline(op));
    }

    private String temp(OpNode op, String text) {
        return tempOf(op, op.op().name().toLowerCase(java.util.Locale.ROOT), text);
    }

    private String tempOf(Node n, String kind, String text) {
        String name = "_" + kind + "_" + tempCounter++;
        temps.put(n, name);
        tempLines.add("wire " + (n.width() > 1 ? range(n.width()) + " " : "") + name + " = " + strip(text) + ";");
        return name;
    }

    /** {@code e} without parentheses around the whole of it. */
    private static String strip(String e) {
        return e.startsWith("(") && e.endsWith(")") && balanced(e.substring(1, e.length() - 1))
                ? e.substring(1, e.length() - 1) : e;
    }

    /** Names every read selected by the same index as {@code op}, in one {@code always @(*) case}. */
    private String indexTemp(OpNode op) {
        Node index = op.arg(0);
        List<OpNode> group = indexGroups.getOrDefault(index, List.of(op)).stream()
                .filter(g -> g.args().size() == op.args().size() && !temps.containsKey(g)).toList();
        List<String> declarations = new ArrayList<>();
        for (OpNode g : group) {
            String name = "_index_" + tempCounter++;
            temps.put(g, name);
            declarations.add("reg " + (g.width() > 1 ? range(g.width()) + " " : "") + name + ";");
        }
        int n = op.args().size() - 1;
        StringBuilder b = new StringBuilder(String.join("\n", declarations)).append('\n');
        b.append("always @(*) begin\n").append(IND).append("case (").append(top(index)).append(")\n");
        for (int i = 0; i < n && BigInteger.valueOf(i).bitLength() <= index.width(); i++) {
            caseItem(b, number(BigInteger.valueOf(i), index.width()), group, i + 1);
        }
        caseItem(b, "default", group, 1);
        b.append(IND).append("endcase\nend");
        tempLines.add(b.toString());
        return temps.get(op);
    }

    private void caseItem(StringBuilder b, String label, List<OpNode> group, int element) {
        String ind = IND + IND;
        if (group.size() == 1) {
            b.append(ind).append(label).append(": ").append(temps.get(group.getFirst())).append(" = ")
                    .append(top(group.getFirst().arg(element))).append(";\n");
            return;
        }
        b.append(ind).append(label).append(": begin\n");
        for (OpNode g : group) {
            b.append(ind).append(IND).append(temps.get(g)).append(" = ").append(top(g.arg(element))).append(";\n");
        }
        b.append(ind).append("end\n");
    }

    private String inline(OpNode op) {
        int w = op.width();
        return switch (op.op()) {
            case ADD -> binary(op, "+", w);
            case SUB -> binary(op, "-", w);
            case MUL -> binary(op, "*", w);
            case AND -> binary(op, "&", w);
            case OR -> binary(op, "|", w);
            case XOR -> binary(op, "^", w);
            case NOT -> "(~" + expr(op.arg(0)) + ")";
            case EQ -> compare(op, "==");
            case NE -> compare(op, "!=");
            case LT -> compare(op, "<");
            case LE -> compare(op, "<=");
            case GT -> compare(op, ">");
            case GE -> compare(op, ">=");
            case SHL_CONST -> "{" + expr(op.arg(0)) + ", " + op.param(0) + "'d0}";
            case SHR_CONST -> slice(op.arg(0), op.arg(0).width() - 1, op.param(0));
            case SHL -> "(" + expr(op.arg(0)) + " << " + expr(op.arg(1)) + ")";
            case SHR -> op.signed() ? "($signed(" + expr(op.arg(0)) + ") >>> " + expr(op.arg(1)) + ")"
                    : "(" + expr(op.arg(0)) + " >> " + expr(op.arg(1)) + ")";
            case CAT -> {
                List<String> parts = new ArrayList<>();
                for (Node a : op.args()) {
                    parts.add(expr(a));
                }
                yield "{" + String.join(", ", parts) + "}";
            }
            case REPLICATE -> "{" + op.param(0) + "{" + expr(op.arg(0)) + "}}";
            case SLICE -> slice(op.arg(0), op.param(0), op.param(1));
            case BIT_DYN -> dynamicBit(op);
            case MUX -> "(" + expr(op.arg(0)) + " ? " + extend(op.arg(1), w, op.signed()) + " : "
                    + extend(op.arg(2), w, op.signed()) + ")";
            case INDEX -> throw new IllegalStateException("INDEX is always a named value");
            case AND_REDUCE -> "(&" + expr(op.arg(0)) + ")";
            case OR_REDUCE -> "(|" + expr(op.arg(0)) + ")";
            case XOR_REDUCE -> "(^" + expr(op.arg(0)) + ")";
            case EXTEND -> extend(op.arg(0), w, op.signed());
            case REINTERPRET -> expr(op.arg(0));
        };
    }

    private String binary(OpNode op, String symbol, int w) {
        return "(" + extend(op.arg(0), w, op.signed()) + " " + symbol + " " + extend(op.arg(1), w, op.signed()) + ")";
    }

    private String compare(OpNode op, String symbol) {
        Node a = op.arg(0);
        Node b = op.arg(1);
        int w = Math.max(a.width(), b.width());
        String x = extend(a, w, a.signed());
        String y = extend(b, w, b.signed());
        boolean ordered = !symbol.equals("==") && !symbol.equals("!=");
        if (a.signed() && ordered) {
            return "($signed(" + x + ") " + symbol + " $signed(" + y + "))";
        }
        return "(" + x + " " + symbol + " " + y + ")";
    }

    /** {@code n} brought to {@code w} bits: zero- or sign-extended (constants are simply rewritten). */
    private String extend(Node n, int w, boolean signed) {
        if (n.width() == w) {
            return expr(n);
        }
        if (n.width() > w) {
            throw new IllegalStateException("narrowing " + n.width() + " to " + w);
        }
        if (n instanceof ConstNode c) {
            BigInteger v = signed ? c.value() : c.pattern();
            return number(v.signum() < 0 ? v.add(BigInteger.ONE.shiftLeft(w)) : v, w);
        }
        int extra = w - n.width();
        if (!signed) {
            return "{" + extra + "'d0, " + expr(n) + "}";
        }
        String name = named(n);
        String sign = name + (n.width() > 1 ? "[" + (n.width() - 1) + "]" : "");
        return "{" + (extra > 1 ? "{" + extra + "{" + sign + "}}" : sign) + ", " + name + "}";
    }

    private String slice(Node n, int hi, int lo) {
        if (hi == n.width() - 1 && lo == 0) {
            return expr(n);
        }
        if (n instanceof ConstNode c) {
            BigInteger v = c.pattern().shiftRight(lo).and(BigInteger.ONE.shiftLeft(hi - lo + 1).subtract(BigInteger.ONE));
            return number(v, hi - lo + 1);
        }
        String name = named(n);
        if (n instanceof OpNode || n instanceof MemReadNode) {
            unusedSink.add(name);
        }
        return name + (hi == lo ? "[" + hi + "]" : "[" + hi + ":" + lo + "]");
    }

    private String dynamicBit(OpNode op) {
        Node value = op.arg(0);
        Node index = op.arg(1);
        String name = named(value);
        if (value instanceof OpNode || value instanceof MemReadNode) {
            unusedSink.add(name);
        }
        int needed = Hdl.indexWidth(value.width());
        if (index.width() <= needed) {
            return name + "[" + extend(index, needed, false) + "]";
        }
        String idx = named(index);
        unusedSink.add(idx);
        return "((" + idx + " < " + number(BigInteger.valueOf(value.width()), index.width()) + ") ? " + name + "["
                + idx + "[" + (needed - 1) + ":0]] : 1'b0)";
    }

    private String constant(ConstNode c, int width) {
        if (c.symbol() != null && c.width() == width) {
            return c.symbol();
        }
        return number(c.pattern(), width);
    }

    static String number(BigInteger pattern, int width) {
        if (width == 1) {
            return "1'b" + pattern;
        }
        if (width > 32) {
            return width + "'h" + pattern.toString(16);
        }
        return width + "'d" + pattern;
    }

    static String range(int width) {
        return width > 1 ? "[" + (width - 1) + ":0]" : "";
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }
}
