package org.homanic.hdl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The elaboration checks that refuse to emit a broken design: signals used where they are not
 * visible, multiple drivers, undriven signals and outputs, inferred latches, combinational
 * loops and clock domain crossings without a synchronizer. Each error names the signal and the
 * Java line. Modules are checked children first, so a parent sees its instances' summaries.
 */
final class Checks {

    /** What a parent needs to know of an instance: combinational paths and the domains of outputs. */
    record Summary(Map<Signal, Set<Signal>> combPaths, Map<Signal, Map<String, Signal>> outputDomains) {}

    private final Map<Module, Summary> summaries = new IdentityHashMap<>();

    Summary summary(Module m) {
        return summaries.get(m);
    }

    void check(Module m, Netlist net) {
        if (m instanceof BlackBox) {
            checkBlackBox(m, net);
            return;
        }
        checkVisibility(m, net);
        checkDrivers(m);
        checkLatches(m, net);
        Map<Signal, Set<Signal>> deps = combDependencies(m, net);
        checkLoops(m, net, deps);
        Map<Signal, Map<String, Signal>> domains = checkDomains(m, net, deps);
        summaries.put(m, new Summary(combPaths(m, deps), domains));
    }

    private void checkBlackBox(Module m, Netlist net) {
        if (!net.assignments.isEmpty()) {
            throw new HdlException(net.assignments.getFirst().location(),
                    "black box " + m.moduleName() + " cannot contain logic");
        }
        Map<Signal, Set<Signal>> paths = new LinkedHashMap<>();
        Map<Signal, Map<String, Signal>> domains = new LinkedHashMap<>();
        for (Signal p : m.ports()) {
            if (p.kind() == Signal.Kind.OUTPUT) {
                paths.put(p, Set.of());
                domains.put(p, Map.of(p.domainName(), p));
            }
        }
        summaries.put(m, new Summary(paths, domains));
    }

    // ---- visibility ------------------------------------------------------------------------------

    private static void checkVisibility(Module m, Netlist net) {
        for (Netlist.Assignment a : net.assignments) {
            for (Node r : a.reads()) {
                Netlist.forEachSignal(r, s -> {
                    if (s.owner() == m || (s.isPort() && s.owner().parent() == m)) {
                        return;
                    }
                    String why = s.isPort() && s.owner().parent() == null
                            ? "it is a port of a " + s.owner().moduleName() + " that was never added with instance()"
                            : "signals are visible only in their own module and, for ports, its parent";
                    throw new HdlException(a.location(), "module " + m.moduleName() + " reads " + s.describe()
                            + ", which it cannot see: " + why);
                });
            }
        }
        for (Node u : m.unusedValues()) {
            Netlist.forEachSignal(u, s -> {
                if (s.owner() != m && !(s.isPort() && s.owner().parent() == m)) {
                    throw new HdlException(s.location(), "unused() names " + s.describe() + " outside " + m.moduleName());
                }
            });
        }
    }

    // ---- drivers -------------------------------------------------------------------------------

    private static void checkDrivers(Module m) {
        List<Signal> candidates = new ArrayList<>(m.signals());
        for (Module child : m.children()) {
            for (Signal p : child.ports()) {
                if (p.kind() == Signal.Kind.INPUT && p.role() == Signal.Role.DATA) {
                    candidates.add(p);
                }
            }
        }
        for (Signal s : candidates) {
            if (s.kind() == Signal.Kind.INPUT && s.owner() == m) {
                continue;
            }
            List<Signal.Driver> drivers = s.drivers();
            if (drivers.isEmpty()) {
                String what = s.owner() != m
                        ? s.describe() + " (instance '" + s.owner().instanceName() + "') is not connected"
                        : s.kind() == Signal.Kind.OUTPUT ? s.describe() + " is never driven"
                        : s.describe() + " is declared but never driven";
                throw new HdlException(s.location(), what);
            }
            Signal.Driver first = drivers.getFirst();
            for (Signal.Driver d : drivers) {
                if (d.module() != first.module()) {
                    throw new HdlException(d.location(), s.describe() + " is driven from two modules ("
                            + first.module().moduleName() + " at " + first.location() + ")");
                }
                if ((d.domain() == null) != (first.domain() == null)) {
                    Signal.Driver comb = d.domain() == null ? d : first;
                    Signal.Driver sync = d.domain() == null ? first : d;
                    throw new HdlException(d.location(), s.describe() + " has multiple drivers: combinational at "
                            + comb.location() + " and clocked by " + sync.domain() + " at " + sync.location());
                }
                if (d.domain() != null && d.domain() != first.domain()) {
                    throw new HdlException(d.location(), s.describe() + " has multiple drivers: clocked by "
                            + first.domain() + " at " + first.location() + " and by " + d.domain());
                }
            }
        }
    }

    // ---- latches -------------------------------------------------------------------------------

    private static void checkLatches(Module m, Netlist net) {
        for (Map.Entry<Signal, List<Netlist.Assignment>> e : net.bySignal.entrySet()) {
            Signal s = e.getKey();
            if (e.getValue().getFirst().domain() != null) {
                continue;
            }
            if (!covers(m.body(), s)) {
                throw new HdlException(e.getValue().getFirst().location(), "latch inferred: combinational "
                        + s.describe() + " is not assigned on every path; give it a default value first");
            }
        }
    }

    /** True when every path through {@code block} assigns {@code s}. */
    static boolean covers(Stmt.Block block, Signal s) {
        for (Stmt st : block.statements()) {
            boolean all = switch (st) {
                case Stmt.Assign a -> a.target() == s;
                case Stmt.MemWrite w -> false;
                case Stmt.When w -> {
                    if (w.otherwise() == null || !covers(w.otherwise(), s)) {
                        yield false;
                    }
                    boolean each = true;
                    for (Stmt.When.Branch b : w.branches()) {
                        each &= covers(b.body(), s);
                    }
                    yield each;
                }
                case Stmt.Switch sw -> {
                    int values = 0;
                    boolean each = true;
                    for (Stmt.Switch.Case c : sw.cases()) {
                        each &= covers(c.body(), s);
                        values += c.values().size();
                    }
                    boolean complete = sw.otherwise() != null
                            ? covers(sw.otherwise(), s)
                            : sw.subject().width() < 31 && values == (1 << sw.subject().width());
                    yield each && complete;
                }
            };
            if (all) {
                return true;
            }
        }
        return false;
    }

    // ---- combinational loops -------------------------------------------------------------------

    /** For each combinational net of {@code m} (and each instance output): the nets it reads directly. */
    private Map<Signal, Set<Signal>> combDependencies(Module m, Netlist net) {
        Map<Signal, Set<Signal>> deps = new LinkedHashMap<>();
        for (Map.Entry<Signal, List<Netlist.Assignment>> e : net.bySignal.entrySet()) {
            if (e.getValue().getFirst().domain() != null) {
                continue;
            }
            Set<Signal> reads = new LinkedHashSet<>();
            for (Netlist.Assignment a : e.getValue()) {
                for (Node r : a.reads()) {
                    Netlist.forEachSignal(r, reads::add);
                }
            }
            deps.put(e.getKey(), reads);
        }
        for (Module child : m.children()) {
            summaries.get(child).combPaths().forEach((out, ins) -> deps.put(out, new LinkedHashSet<>(ins)));
        }
        return deps;
    }

    private static void checkLoops(Module m, Netlist net, Map<Signal, Set<Signal>> deps) {
        Map<Signal, Integer> state = new HashMap<>();
        for (Signal start : deps.keySet()) {
            List<Signal> path = new ArrayList<>();
            findLoop(start, deps, state, path, net);
        }
    }

    private static void findLoop(Signal s, Map<Signal, Set<Signal>> deps, Map<Signal, Integer> state,
                                 List<Signal> path, Netlist net) {
        Integer st = state.get(s);
        if (st != null && st == 2) {
            return;
        }
        if (st != null && st == 1) {
            List<String> names = new ArrayList<>();
            for (Signal p : path.subList(path.indexOf(s), path.size())) {
                names.add(p.name());
            }
            names.add(s.name());
            List<Netlist.Assignment> as = net.bySignal.get(s);
            SourceLocation at = as != null ? as.getFirst().location() : s.location();
            throw new HdlException(at, "combinational loop through " + String.join(" -> ", names)
                    + " in module " + net.module.moduleName());
        }
        Set<Signal> next = deps.get(s);
        if (next == null) {
            return;
        }
        state.put(s, 1);
        path.add(s);
        for (Signal n : next) {
            findLoop(n, deps, state, path, net);
        }
        path.removeLast();
        state.put(s, 2);
    }

    /** For each output of {@code m}: the inputs it depends on without a register in between. */
    private static Map<Signal, Set<Signal>> combPaths(Module m, Map<Signal, Set<Signal>> deps) {
        Map<Signal, Set<Signal>> paths = new LinkedHashMap<>();
        for (Signal p : m.ports()) {
            if (p.kind() != Signal.Kind.OUTPUT) {
                continue;
            }
            Set<Signal> inputs = new LinkedHashSet<>();
            reachInputs(p, m, deps, inputs, new LinkedHashSet<>());
            paths.put(p, inputs);
        }
        return paths;
    }

    private static void reachInputs(Signal s, Module m, Map<Signal, Set<Signal>> deps, Set<Signal> inputs,
                                    Set<Signal> seen) {
        if (!seen.add(s)) {
            return;
        }
        if (s.owner() == m && s.kind() == Signal.Kind.INPUT) {
            inputs.add(s);
            return;
        }
        for (Signal d : deps.getOrDefault(s, Set.of())) {
            reachInputs(d, m, deps, inputs, seen);
        }
    }

    // ---- clock domains -------------------------------------------------------------------------

    /**
     * Works out which clock domains each signal's value comes from (with one example source
     * each), and refuses a register that samples another domain unless it is a synchronizer.
     */
    private Map<Signal, Map<String, Signal>> checkDomains(Module m, Netlist net, Map<Signal, Set<Signal>> deps) {
        Map<Signal, Map<String, Signal>> memo = new IdentityHashMap<>();
        Map<Mem, String> memDomains = new IdentityHashMap<>();
        for (Mem mem : m.memories()) {
            if (mem.writeDomain() != null) {
                memDomains.put(mem, mem.writeDomain().name());
            }
        }
        for (Netlist.Assignment a : net.assignments) {
            Signal target = a.target();
            String expected;
            if (a.domain() != null) {
                if (target != null && target.isSynchronizer()) {
                    continue;
                }
                expected = a.domain().name();
            } else if (target != null && target.kind() == Signal.Kind.INPUT && target.owner() != m) {
                ClockDomain d = target.owner().parentDomains().get(target.domainName());
                if (d == null) {
                    continue;
                }
                expected = d.name();
            } else {
                continue;
            }
            for (Node r : a.reads()) {
                Map<String, Signal> from = new LinkedHashMap<>();
                Netlist.forEachSource(r, s -> from.putAll(domainsOf(s, m, net, deps, memo, memDomains)),
                        mem -> {
                            String d = memDomains.get(mem);
                            if (d != null) {
                                from.putIfAbsent(d, null);
                            }
                        });
                for (Map.Entry<String, Signal> e : from.entrySet()) {
                    if (!e.getKey().equals(expected)) {
                        String what = target == null ? "a write of memory '" + ((Stmt.MemWrite) a.stmt()).mem().name() + "'"
                                : target.describe();
                        String source = e.getValue() == null ? "a memory" : e.getValue().describe();
                        throw new HdlException(a.location(), "clock domain crossing: " + what + " (domain '" + expected
                                + "') uses " + source + " from domain '" + e.getKey()
                                + "' without a synchronizer; pass it through lib.Synchronizer");
                    }
                }
            }
        }
        Map<Signal, Map<String, Signal>> all = new LinkedHashMap<>();
        for (Signal p : m.ports()) {
            if (p.kind() == Signal.Kind.OUTPUT) {
                all.put(p, domainsOf(p, m, net, deps, memo, memDomains));
            }
        }
        return all;
    }

    private Map<String, Signal> domainsOf(Signal s, Module m, Netlist net, Map<Signal, Set<Signal>> deps,
                                          Map<Signal, Map<String, Signal>> memo, Map<Mem, String> memDomains) {
        Map<String, Signal> known = memo.get(s);
        if (known != null) {
            return known;
        }
        Map<String, Signal> result = new LinkedHashMap<>();
        memo.put(s, result);
        if (s.role() == Signal.Role.CLOCK) {
            return result;
        }
        if (s.owner() == m && s.kind() == Signal.Kind.INPUT) {
            result.put(s.domainName(), s);
            return result;
        }
        if (s.owner() != m) {
            Summary child = summaries.get(s.owner());
            if (s.kind() == Signal.Kind.OUTPUT && child != null) {
                for (Map.Entry<String, Signal> e : child.outputDomains().getOrDefault(s, Map.of()).entrySet()) {
                    ClockDomain d = s.owner().parentDomains().get(e.getKey());
                    result.putIfAbsent(d == null ? e.getKey() : d.name(), s);
                }
                return result;
            }
        }
        List<Netlist.Assignment> as = net.bySignal.get(s);
        if (as == null) {
            return result;
        }
        if (as.getFirst().domain() != null) {
            result.put(as.getFirst().domain().name(), s);
            return result;
        }
        for (Netlist.Assignment a : as) {
            for (Node r : a.reads()) {
                Netlist.forEachSource(r, src -> domainsOf(src, m, net, deps, memo, memDomains)
                        .forEach(result::putIfAbsent), mem -> {
                    String d = memDomains.get(mem);
                    if (d != null) {
                        result.putIfAbsent(d, null);
                    }
                });
            }
        }
        return result;
    }
}
