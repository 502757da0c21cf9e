package org.homanic.hdl;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A hardware module. Subclass it; the constructor (and field initializers) describe the
 * hardware, top to bottom: ports, state, logic. Constructor arguments are the parameters.
 *
 * <pre>{@code
 * class Counter extends Module {
 *     final Bool en = input(Bool());
 *     final UInt count;
 *     final Bool wrap = output(Bool());
 *
 *     Counter(int width) {
 *         count = output(UInt(width));
 *         UInt value = reg("value", UInt(width), 0);
 *         comb(wrap, FALSE);
 *         when(en, () -> {
 *             sync(value, value.add(1));
 *             comb(wrap, value.andR());
 *         });
 *         comb(count, value);
 *     }
 * }
 * }</pre>
 *
 * Statements say their domain: {@code comb(target, value)} is combinational,
 * {@code sync(target, value)} is clocked by the default domain, {@code sync(domain, …)} by
 * another. Inside {@code when}/{@code switchOn} the last assignment wins, as in Chisel.
 * Ports, fields, sub-modules and memories held in fields take their Java field names.
 */
public abstract class Module {
    private final SourceLocation location = SourceLocation.here();
    private final List<Signal> signals = new ArrayList<>();
    private final List<Module> children = new ArrayList<>();
    private final Map<String, ClockDomain> domains = new LinkedHashMap<>();
    /** For a sub-module: which domain of the parent drives each of its domains. */
    private final Map<String, ClockDomain> parentDomains = new LinkedHashMap<>();
    private final List<Mem> memories = new ArrayList<>();
    private final List<Fsm<?>> fsms = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final List<Node> unused = new ArrayList<>();
    private final Stmt.Block body = new Stmt.Block();
    private final Deque<Stmt.Block> open = new ArrayDeque<>(List.of(body));
    private Module parent;
    private String instanceName;

    protected Module() {}

    /** The Verilog module name; the class name unless overridden. */
    public String moduleName() {
        String simple = getClass().getSimpleName();
        return simple.isEmpty() ? "Module" : simple;
    }

    // ---- ports and storage --------------------------------------------------------------------

    /** Declares {@code type} (a fresh value, bundle or vector) as input port(s) named after its field. */
    protected final <T extends Data> T input(T type) {
        return declare(type, null, Signal.Kind.INPUT, Signal.Kind.OUTPUT);
    }

    protected final <T extends Data> T input(String name, T type) {
        return declare(type, name, Signal.Kind.INPUT, Signal.Kind.OUTPUT);
    }

    /** Declares output port(s); {@link Flip} fields of a bundle become inputs. */
    protected final <T extends Data> T output(T type) {
        return declare(type, null, Signal.Kind.OUTPUT, Signal.Kind.INPUT);
    }

    protected final <T extends Data> T output(String name, T type) {
        return declare(type, name, Signal.Kind.OUTPUT, Signal.Kind.INPUT);
    }

    /** A combinational signal: driven by {@code comb} statements only. */
    protected final <T extends Data> T wire(String name, T type) {
        return declare(type, name, Signal.Kind.WIRE, Signal.Kind.WIRE);
    }

    protected final <T extends Data> T wire(T type) {
        return declare(type, null, Signal.Kind.WIRE, Signal.Kind.WIRE);
    }

    /** A register without reset: driven by {@code sync} statements only; holds its value otherwise. */
    protected final <T extends Data> T reg(String name, T type) {
        return declare(type, name, Signal.Kind.REG, Signal.Kind.REG);
    }

    protected final <T extends Data> T reg(T type) {
        return declare(type, null, Signal.Kind.REG, Signal.Kind.REG);
    }

    /** A register with a synchronous reset value. */
    protected final <T extends Bits> T reg(String name, T type, long reset) {
        T r = declare(type, name, Signal.Kind.REG, Signal.Kind.REG);
        resetTo(r, reset);
        return r;
    }

    /** Gives a register (or an output driven by {@code sync}) a synchronous reset value. */
    protected final void resetTo(Bits register, long value) {
        Signal s = ownSignal(register, "resetTo");
        s.setReset(ConstNode.of(BigInteger.valueOf(value), s.width(), s.signed(), SourceLocation.here()));
    }

    /** Names an intermediate value: {@code value} on a wire called {@code name}. */
    @SuppressWarnings("unchecked")
    protected final <T extends Bits> T let(String name, T value) {
        T w = (T) declare(value.cloneType(), name, Signal.Kind.WIRE, Signal.Kind.WIRE);
        comb(w, value);
        return w;
    }

    private <T extends Data> T declare(T type, String name, Signal.Kind kind, Signal.Kind flippedKind) {
        SourceLocation at = SourceLocation.here();
        for (Data.Leaf leaf : type.leaves()) {
            Bits bits = leaf.bits();
            if (bits.isBound()) {
                throw new HdlException(at, "this " + bits + " is already hardware; pass a fresh type such as "
                        + "UInt(8) or new MyBundle() to declare a port, wire or register");
            }
            String leafName = name == null ? null : Data.join(name, leaf.path());
            Signal s = new Signal(leaf.flipped() ? flippedKind : kind, bits.width(), bits.signed(), this, leafName, at);
            signals.add(s);
            bits.bind(s);
        }
        return type;
    }

    /** Puts a signal in a clock domain other than the default; for inputs this drives the CDC check. */
    protected final void inDomain(ClockDomain domain, Data... values) {
        for (Data d : values) {
            for (Data.Leaf leaf : d.leaves()) {
                ownSignal(leaf.bits(), "inDomain").setDomainName(domain.name());
            }
        }
    }

    /**
     * Declares inputs that may change at any time, in any domain (they come from another clock
     * or from outside); only a {@link #synchronizer synchronizer} register may sample them.
     */
    protected final void asynchronous(Data... values) {
        for (Data d : values) {
            for (Data.Leaf leaf : d.leaves()) {
                ownSignal(leaf.bits(), "asynchronous").setDomainName(Signal.ASYNCHRONOUS);
            }
        }
    }

    /** Values the design reads on purpose nowhere (keeps the Verilog lint-clean and says so). */
    protected final void unused(Data... values) {
        for (Data d : values) {
            for (Data.Leaf leaf : d.leaves()) {
                unused.add(leaf.bits().node());
            }
        }
    }

    // ---- statements -----------------------------------------------------------------------------

    /** Combinational assignment: {@code target = value}. */
    protected final void comb(Data target, Data value) {
        assign(target, value, null, SourceLocation.here());
    }

    protected final void comb(Bits target, long value) {
        assign(target, constantFor(target, value), null, SourceLocation.here());
    }

    /** Registered assignment in the default domain: {@code target <= value} at the next clock edge. */
    protected final void sync(Data target, Data value) {
        assign(target, value, domain(), SourceLocation.here());
    }

    protected final void sync(Bits target, long value) {
        assign(target, constantFor(target, value), domain(), SourceLocation.here());
    }

    /** Registered assignment in {@code domain}. */
    protected final void sync(ClockDomain domain, Data target, Data value) {
        assign(target, value, checkOwnDomain(domain), SourceLocation.here());
    }

    protected final void sync(ClockDomain domain, Bits target, long value) {
        assign(target, constantFor(target, value), checkOwnDomain(domain), SourceLocation.here());
    }

    /** Combinational assignment to a dynamically indexed element. */
    protected final <T extends Data> void comb(Vec.Element<T> target, T value) {
        assignElement(target, value, null);
    }

    /** Registered assignment to a dynamically indexed element. */
    protected final <T extends Data> void sync(Vec.Element<T> target, T value) {
        assignElement(target, value, domain());
    }

    /**
     * Connects two values of the same shape: forward fields flow from {@code source} to
     * {@code sink}, {@link Flip} fields (such as a stream's ready) flow back.
     */
    public final void connect(Data sink, Data source) {
        SourceLocation at = SourceLocation.here();
        List<Data.Leaf> to = sink.leaves();
        List<Data.Leaf> from = source.leaves();
        checkSameShape(to, from, at);
        for (int i = 0; i < to.size(); i++) {
            if (to.get(i).flipped()) {
                assignBits(from.get(i).bits(), to.get(i).bits(), null, at);
            } else {
                assignBits(to.get(i).bits(), from.get(i).bits(), null, at);
            }
        }
    }

    private <T extends Data> void assignElement(Vec.Element<T> target, T value, ClockDomain domain) {
        SourceLocation at = SourceLocation.here();
        Vec<T> vec = target.vec();
        Stmt.Switch sw = new Stmt.Switch(target.index().node(), at);
        current().add(sw);
        for (int i = 0; i < vec.size(); i++) {
            if (BigInteger.valueOf(i).bitLength() > target.index().width()) {
                break;
            }
            Stmt.Block b = new Stmt.Block();
            sw.cases().add(new Stmt.Switch.Case(
                    List.of(ConstNode.of(BigInteger.valueOf(i), target.index().width(), false, at)), b));
            T element = vec.get(i);
            inBlock(b, () -> assign(element, value, domain, at));
        }
    }

    private void assign(Data target, Data value, ClockDomain domain, SourceLocation at) {
        List<Data.Leaf> to = target.leaves();
        List<Data.Leaf> from = value.leaves();
        checkSameShape(to, from, at);
        for (int i = 0; i < to.size(); i++) {
            assignBits(to.get(i).bits(), from.get(i).bits(), domain, at);
        }
    }

    private void assignBits(Bits target, Bits value, ClockDomain domain, SourceLocation at) {
        Signal s = target.signal();
        if (s == null) {
            throw new HdlException(at, "cannot assign to a computed value (" + target
                    + "); assign to a port, wire or register");
        }
        checkDrivable(s, domain, at);
        if (value.signed() != target.signed()) {
            throw new HdlException(at, "assigning " + (value.signed() ? "signed" : "unsigned") + " " + value
                    + " to " + (target.signed() ? "signed" : "unsigned") + " " + s.describe()
                    + "; convert with asSInt() or asUInt()");
        }
        if (value.width() > target.width()) {
            throw new HdlException(at, "assigning a " + value.width() + "-bit value to " + s.width() + "-bit "
                    + s.describe() + " would silently truncate it; use resize(" + s.width() + ") to drop bits");
        }
        Node v = value.node();
        if (v.width() < s.width()) {
            v = new OpNode(Op.EXTEND, s.width(), s.signed(), List.of(v), at);
        }
        current().add(new Stmt.Assign(s, v, domain, at));
        s.addDriver(new Signal.Driver(this, domain, at));
    }

    private void checkDrivable(Signal s, ClockDomain domain, SourceLocation at) {
        boolean own = s.owner() == this;
        boolean childInput = s.owner().parent == this && s.kind() == Signal.Kind.INPUT;
        if (own && s.kind() == Signal.Kind.INPUT) {
            throw new HdlException(at, "module " + moduleName() + " drives its own " + s.describe()
                    + "; inputs are driven by the parent");
        }
        if (!own && !childInput) {
            String why = s.owner().parent == this ? "an output is driven by its own module"
                    : "it is not a port of this module or of one of its instances";
            throw new HdlException(at, "module " + moduleName() + " cannot drive " + s.describe() + ": " + why);
        }
        if (s.kind() == Signal.Kind.WIRE && domain != null) {
            throw new HdlException(at, s.describe() + " is a wire and cannot be assigned in a clock domain; "
                    + "declare it with reg()");
        }
        if (s.kind() == Signal.Kind.REG && domain == null) {
            throw new HdlException(at, s.describe() + " is a register and cannot be assigned combinationally; "
                    + "use sync() or declare it with wire()");
        }
    }

    private static void checkSameShape(List<Data.Leaf> a, List<Data.Leaf> b, SourceLocation at) {
        boolean same = a.size() == b.size();
        for (int i = 0; same && i < a.size(); i++) {
            same = a.get(i).flipped() == b.get(i).flipped();
        }
        if (!same) {
            throw new HdlException(at, "the two sides have different shapes (" + a.size() + " and " + b.size()
                    + " fields)");
        }
    }

    private Bits constantFor(Bits target, long value) {
        Node c = ConstNode.of(BigInteger.valueOf(value), target.width(), target.signed(), SourceLocation.here());
        return target.wrap(c);
    }

    // ---- conditionals -------------------------------------------------------------------------

    /** {@code if (cond)}: statements in {@code body} apply only when {@code cond} is true. */
    protected final WhenChain when(Bool cond, Runnable body) {
        Stmt.When w = new Stmt.When(SourceLocation.here());
        Stmt.Block b = new Stmt.Block();
        w.branches().add(new Stmt.When.Branch(cond.node(), b));
        Stmt.Block container = current();
        container.add(w);
        inBlock(b, body);
        return new WhenChain(this, w, container);
    }

    /** {@code case (subject)}: add items with {@link SwitchBuilder#is} and a default with {@code otherwise}. */
    protected final void switchOn(Bits subject, Consumer<SwitchBuilder> cases) {
        Stmt.Switch sw = new Stmt.Switch(subject.node(), SourceLocation.here());
        Stmt.Block container = current();
        container.add(sw);
        cases.accept(new SwitchBuilder(this, sw, subject.width()));
    }

    final void inBlock(Stmt.Block block, Runnable body) {
        open.push(block);
        try {
            body.run();
        } finally {
            open.pop();
        }
    }

    final Stmt.Block current() {
        return open.peek();
    }

    // ---- clock domains ------------------------------------------------------------------------

    /** The default domain, with ports {@code clk} and {@code rst}. */
    protected final ClockDomain domain() {
        return domain(ClockDomain.DEFAULT);
    }

    /** The domain {@code name}, with ports {@code <name>_clk} and {@code <name>_rst}, made on first use. */
    protected final ClockDomain domain(String name) {
        return domains.computeIfAbsent(name, n -> {
            SourceLocation at = SourceLocation.here();
            Signal clk = new Signal(Signal.Kind.INPUT, 1, false, this, ClockDomain.clockName(n), at);
            Signal rst = new Signal(Signal.Kind.INPUT, 1, false, this, ClockDomain.resetName(n), at);
            clk.setRole(Signal.Role.CLOCK);
            rst.setRole(Signal.Role.RESET);
            clk.setDomainName(n);
            rst.setDomainName(n);
            signals.add(clk);
            signals.add(rst);
            return new ClockDomain(n, this, clk, rst);
        });
    }

    private ClockDomain checkOwnDomain(ClockDomain d) {
        if (d.owner() != this) {
            throw new HdlException(SourceLocation.here(), d + " belongs to module " + d.owner().moduleName()
                    + ", not " + moduleName());
        }
        return d;
    }

    /** Marks a register as the first flop of a synchronizer: it may sample another domain. */
    protected final void synchronizer(Bits register) {
        ownSignal(register, "synchronizer").markSynchronizer();
    }

    // ---- hierarchy ----------------------------------------------------------------------------

    /** Adds {@code child} as a sub-module, named after the field that holds it. Its domains follow ours by name. */
    public final <M extends Module> M instance(M child) {
        return instance(null, child);
    }

    public final <M extends Module> M instance(String name, M instance) {
        SourceLocation at = SourceLocation.here();
        Module child = instance;
        if (child == this) {
            throw new HdlException(at, "module " + moduleName() + " cannot contain itself");
        }
        if (child.parent != null) {
            throw new HdlException(at, "this " + child.moduleName() + " is already an instance in "
                    + child.parent.moduleName() + "; create a new one for each instance");
        }
        child.parent = this;
        child.instanceName = name;
        children.add(child);
        for (String d : child.domains.keySet()) {
            child.parentDomains.put(d, domain(d));
        }
        return instance;
    }

    /** Clocks domain {@code childDomain} of an instance from {@code ours} instead of our domain of the same name. */
    protected final void connectDomain(Module child, String childDomain, ClockDomain ours) {
        SourceLocation at = SourceLocation.here();
        if (child.parent != this) {
            throw new HdlException(at, child.moduleName() + " is not an instance of " + moduleName());
        }
        if (!child.domains.containsKey(childDomain)) {
            throw new HdlException(at, child.moduleName() + " has no clock domain '" + childDomain + "'");
        }
        child.parentDomains.put(childDomain, checkOwnDomain(ours));
    }

    // ---- memories, state machines, parameters -------------------------------------------------

    /** A memory of {@code depth} words of {@code width} bits, initially undefined. */
    protected final Mem mem(String name, int width, int depth) {
        return mem(name, width, depth, null);
    }

    /** A memory initialized from {@code init} (one entry per word; missing words are 0). */
    protected final Mem mem(String name, int width, int depth, long[] init) {
        Mem m = new Mem(this, name, width, depth, init, SourceLocation.here());
        memories.add(m);
        return m;
    }

    /** A state machine whose state register is {@code name}, starting (and reset) in {@code initial}. */
    protected final <S extends Enum<S>> Fsm<S> fsm(String name, S initial) {
        Fsm<S> f = new Fsm<>(this, name, initial);
        fsms.add(f);
        return f;
    }

    /** Records a parameter for the Verilog header and the manifest, and returns its value. */
    protected final int param(String name, int value) {
        parameters.put(name, value);
        return value;
    }

    protected final <V> V param(String name, V value) {
        parameters.put(name, value);
        return value;
    }

    // ---- internals used by the elaborator and emitter -----------------------------------------

    private Signal ownSignal(Bits bits, String what) {
        Signal s = bits.signal();
        if (s == null || s.owner() != this) {
            throw new HdlException(SourceLocation.here(), what + "() needs a signal of module " + moduleName());
        }
        return s;
    }

    Signal newSignal(Signal.Kind kind, int width, boolean signed, String name, SourceLocation at) {
        Signal s = new Signal(kind, width, signed, this, name, at);
        signals.add(s);
        return s;
    }

    void addStatement(Stmt s) {
        current().add(s);
    }

    /**
     * The module in which logic around {@code value} belongs: the owner of its signals, or the
     * parent when they are the outputs of an instance. Library helpers such as
     * {@code RegSlice.after(stream)} use it to place the hardware they add.
     */
    public static Module contextOf(Data value) {
        for (Data.Leaf leaf : value.leaves()) {
            Signal s = leaf.bits().signal();
            if (s != null) {
                Module m = s.owner();
                boolean instanceOutput = m.parent != null
                        && (s.kind() == Signal.Kind.OUTPUT) != leaf.flipped() && s.isPort();
                return instanceOutput ? m.parent : m;
            }
        }
        throw new HdlException(SourceLocation.here(), "cannot tell which module " + value + " belongs to");
    }

    public final SourceLocation location() {
        return location;
    }

    public final Module parent() {
        return parent;
    }

    public final String instanceName() {
        return instanceName;
    }

    void setInstanceName(String name) {
        instanceName = name;
    }

    public final List<Signal> signals() {
        return Collections.unmodifiableList(signals);
    }

    /** Ports in Verilog order: clocks and resets first, then the others as declared. */
    public final List<Signal> ports() {
        List<Signal> out = new ArrayList<>();
        signals.stream().filter(s -> s.isPort() && s.role() != Signal.Role.DATA).forEach(out::add);
        signals.stream().filter(s -> s.isPort() && s.role() == Signal.Role.DATA).forEach(out::add);
        return out;
    }

    public final List<Module> children() {
        return Collections.unmodifiableList(children);
    }

    public final Map<String, ClockDomain> domains() {
        return Collections.unmodifiableMap(domains);
    }

    public final Map<String, ClockDomain> parentDomains() {
        return Collections.unmodifiableMap(parentDomains);
    }

    public final List<Mem> memories() {
        return Collections.unmodifiableList(memories);
    }

    public final List<Fsm<?>> fsms() {
        return Collections.unmodifiableList(fsms);
    }

    public final Map<String, Object> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    public final List<Node> unusedValues() {
        return Collections.unmodifiableList(unused);
    }

    public final Stmt.Block body() {
        return body;
    }
}
