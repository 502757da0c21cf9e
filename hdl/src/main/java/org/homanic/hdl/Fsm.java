package org.homanic.hdl;

import java.math.BigInteger;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * A finite-state machine over the constants of an enum. The state register has the FSM's
 * name; each state is a localparam {@code <NAME>_<STATE>} in the Verilog.
 *
 * <pre>{@code
 * enum State { IDLE, BUSY }
 * Fsm<State> fsm = fsm("state", State.IDLE);
 * fsm.on(State.IDLE, () -> when(start, () -> fsm.goTo(State.BUSY)));
 * fsm.on(State.BUSY, () -> when(done, () -> fsm.goTo(State.IDLE)));
 * comb(busy, fsm.is(State.BUSY));
 * }</pre>
 */
public final class Fsm<S extends Enum<S>> {
    private final Module module;
    private final String name;
    private final UInt state;
    private final Map<S, ConstNode> codes;
    private Stmt.Switch openSwitch;

    Fsm(Module module, String name, S initial) {
        if (name == null || name.isEmpty()) {
            throw new HdlException(SourceLocation.here(), "a state machine needs a name");
        }
        this.module = module;
        this.name = name;
        Class<S> type = initial.getDeclaringClass();
        S[] states = type.getEnumConstants();
        int width = Hdl.indexWidth(states.length);
        this.codes = new EnumMap<>(type);
        for (S s : states) {
            codes.put(s, new ConstNode(BigInteger.valueOf(s.ordinal()), width, false, symbol(s)));
        }
        this.state = module.reg(name, Hdl.UInt(width), initial.ordinal());
    }

    private String symbol(S s) {
        return (name + "_" + s.name()).toUpperCase(Locale.ROOT);
    }

    public String name() {
        return name;
    }

    /** The state register. */
    public UInt state() {
        return state;
    }

    /** The encoding of {@code s}, emitted as its localparam. */
    public UInt code(S s) {
        return new UInt(codes.get(s));
    }

    public Map<S, ConstNode> codes() {
        return codes;
    }

    /** True while in state {@code s}. */
    public Bool is(S s) {
        return state.eq(code(s));
    }

    /** Moves to {@code s} at the next clock edge (under the enclosing conditions). */
    public void goTo(S s) {
        module.sync(state, code(s));
    }

    /** The logic of state {@code s}; consecutive {@code on} calls form one case statement. */
    public void on(S s, Runnable body) {
        SourceLocation at = SourceLocation.here();
        Stmt.Block container = module.current();
        if (openSwitch == null || container.last() != openSwitch) {
            openSwitch = new Stmt.Switch(state.node(), at);
            container.add(openSwitch);
        }
        for (Stmt.Switch.Case c : openSwitch.cases()) {
            if (c.values().getFirst() == codes.get(s)) {
                throw new HdlException(at, "state " + s + " of '" + name + "' already has logic here");
            }
        }
        Stmt.Block b = new Stmt.Block();
        openSwitch.cases().add(new Stmt.Switch.Case(java.util.List.of(codes.get(s)), b));
        module.inBlock(b, body);
    }
}
