package org.homanic.hdl;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The flattened view of one module's statements that the checks and the emitter share: every
 * assignment with the conditions it sits under, and the signals each value reads.
 */
final class Netlist {

    /** One assignment (or memory write, target null) with the conditions that enclose it. */
    record Assignment(Signal target, Stmt stmt, ClockDomain domain, List<Node> reads, SourceLocation location) {}

    final Module module;
    final List<Assignment> assignments = new ArrayList<>();
    /** Assignments per driven signal, in statement order. */
    final Map<Signal, List<Assignment>> bySignal = new LinkedHashMap<>();

    Netlist(Module module) {
        this.module = module;
        collect(module.body(), List.of());
    }

    private void collect(Stmt.Block block, List<Node> conditions) {
        for (Stmt s : block.statements()) {
            switch (s) {
                case Stmt.Assign a -> add(a.target(), a, a.domain(), conditions, a.value());
                case Stmt.MemWrite w -> add(null, w, w.domain(), conditions, w.address(), w.data());
                case Stmt.When w -> {
                    List<Node> seen = new ArrayList<>(conditions);
                    for (Stmt.When.Branch b : w.branches()) {
                        seen.add(b.condition());
                        collect(b.body(), List.copyOf(seen));
                    }
                    if (w.otherwise() != null) {
                        collect(w.otherwise(), List.copyOf(seen));
                    }
                }
                case Stmt.Switch sw -> {
                    List<Node> inner = new ArrayList<>(conditions);
                    inner.add(sw.subject());
                    for (Stmt.Switch.Case c : sw.cases()) {
                        collect(c.body(), List.copyOf(inner));
                    }
                    if (sw.otherwise() != null) {
                        collect(sw.otherwise(), List.copyOf(inner));
                    }
                }
            }
        }
    }

    private void add(Signal target, Stmt stmt, ClockDomain domain, List<Node> conditions, Node... values) {
        List<Node> reads = new ArrayList<>(conditions);
        reads.addAll(List.of(values));
        Assignment a = new Assignment(target, stmt, domain, reads, stmt.location());
        assignments.add(a);
        if (target != null) {
            bySignal.computeIfAbsent(target, t -> new ArrayList<>()).add(a);
        }
    }

    /** Calls {@code action} for each distinct signal that {@code root} reads (not through memories' contents). */
    static void forEachSignal(Node root, Consumer<Signal> action) {
        walk(root, action, null, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /** Like {@link #forEachSignal}, and also reports each asynchronously read memory. */
    static void forEachSource(Node root, Consumer<Signal> signals, Consumer<Mem> memories) {
        walk(root, signals, memories, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static void walk(Node n, Consumer<Signal> action, Consumer<Mem> memories, Set<Node> seen) {
        if (!seen.add(n)) {
            return;
        }
        switch (n) {
            case Signal s -> action.accept(s);
            case OpNode op -> {
                for (Node a : op.args()) {
                    walk(a, action, memories, seen);
                }
            }
            case MemReadNode r -> {
                if (memories != null) {
                    memories.accept(r.mem());
                }
                walk(r.address(), action, memories, seen);
            }
            case ConstNode c -> { }
        }
    }
}
