package org.homanic.hdl;

import java.util.ArrayList;
import java.util.List;

/**
 * A named piece of state or wiring owned by one module: a port, a wire (driven by
 * combinational statements) or a register (driven by statements of one clock domain).
 */
public final class Signal extends Node {

    public enum Kind { INPUT, OUTPUT, WIRE, REG }

    /** The domain label of an input that belongs to no clock domain (see {@code Module.asynchronous}). */
    public static final String ASYNCHRONOUS = "(asynchronous)";

    /** What a port carries besides data: the clock and reset of a domain are ports too. */
    public enum Role { DATA, CLOCK, RESET }

    /** One statement that drives this signal: from which module, in which domain (null = comb). */
    public record Driver(Module module, ClockDomain domain, SourceLocation location) {}

    private final Kind kind;
    private final Module owner;
    private final SourceLocation location;
    private final List<Driver> drivers = new ArrayList<>();
    private Role role = Role.DATA;
    private String name;
    private boolean explicitName;
    private ConstNode reset;
    private String domainName = ClockDomain.DEFAULT;
    private boolean synchronizer;

    Signal(Kind kind, int width, boolean signed, Module owner, String name, SourceLocation location) {
        super(width, signed);
        this.kind = kind;
        this.owner = owner;
        this.location = location;
        this.name = name;
        this.explicitName = name != null;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isPort() {
        return kind == Kind.INPUT || kind == Kind.OUTPUT;
    }

    public Module owner() {
        return owner;
    }

    public SourceLocation location() {
        return location;
    }

    public String name() {
        return name;
    }

    public boolean hasName() {
        return name != null;
    }

    /** Gives the signal a name unless the designer already chose one. */
    void suggestName(String suggested) {
        if (!explicitName && name == null) {
            name = suggested;
        }
    }

    void setName(String explicit) {
        this.name = explicit;
        this.explicitName = true;
    }

    public Role role() {
        return role;
    }

    void setRole(Role role) {
        this.role = role;
    }

    /** The synchronous reset value, or null for a register without reset. */
    public ConstNode reset() {
        return reset;
    }

    void setReset(ConstNode reset) {
        this.reset = reset;
    }

    /** For an input: the clock domain (of its own module) whose logic produces it. */
    public String domainName() {
        return domainName;
    }

    void setDomainName(String domainName) {
        this.domainName = domainName;
    }

    /** True for the first flop of a synchronizer: it may sample a signal of another domain. */
    public boolean isSynchronizer() {
        return synchronizer;
    }

    void markSynchronizer() {
        this.synchronizer = true;
    }

    public List<Driver> drivers() {
        return drivers;
    }

    void addDriver(Driver driver) {
        drivers.add(driver);
    }

    /** This signal as a value for expressions and assignments (a port of an instance, for example). */
    public Bits value() {
        return signed() ? new SInt(this) : new UInt(this);
    }

    /** A description for error messages: "register 'count' of Counter". */
    public String describe() {
        String what = switch (kind) {
            case INPUT -> "input";
            case OUTPUT -> "output";
            case WIRE -> "wire";
            case REG -> "register";
        };
        String shown = name != null ? name : Namer.fieldNameOf(this);
        return what + " '" + (shown == null ? "<unnamed>" : shown) + "' of " + owner.moduleName();
    }

    @Override
    public String toString() {
        return describe();
    }
}
