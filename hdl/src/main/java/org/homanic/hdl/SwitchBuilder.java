package org.homanic.hdl;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The items of a {@code switchOn}: {@code is(value, body)} for each case, {@code otherwise(body)} last. */
public final class SwitchBuilder {
    private final Module module;
    private final Stmt.Switch sw;
    private final int width;
    private final Set<BigInteger> seen = new HashSet<>();

    SwitchBuilder(Module module, Stmt.Switch sw, int width) {
        this.module = module;
        this.sw = sw;
        this.width = width;
    }

    /** Runs {@code body} when the subject equals any of {@code values}. */
    public SwitchBuilder is(long value, Runnable body) {
        return is(new long[] {value}, body);
    }

    public SwitchBuilder is(long[] values, Runnable body) {
        SourceLocation at = SourceLocation.here();
        List<ConstNode> consts = new ArrayList<>();
        for (long v : values) {
            consts.add(ConstNode.of(BigInteger.valueOf(v), width, false, at));
        }
        return add(consts, body, at);
    }

    /** Runs {@code body} when the subject equals a constant such as an FSM state. */
    public SwitchBuilder is(UInt constant, Runnable body) {
        SourceLocation at = SourceLocation.here();
        if (!(constant.node() instanceof ConstNode c)) {
            throw new HdlException(at, "is() needs a constant, not " + constant);
        }
        if (c.width() > width) {
            throw new HdlException(at, "case value is " + c.width() + " bits wide, the subject only " + width);
        }
        ConstNode fitted = c.width() == width ? c : new ConstNode(c.pattern(), width, false, c.symbol());
        return add(List.of(fitted), body, at);
    }

    private SwitchBuilder add(List<ConstNode> values, Runnable body, SourceLocation at) {
        if (sw.otherwise() != null) {
            throw new HdlException(at, "is() after otherwise()");
        }
        for (ConstNode c : values) {
            if (!seen.add(c.pattern())) {
                throw new HdlException(at, "case value " + c.pattern() + " appears twice");
            }
        }
        Stmt.Block b = new Stmt.Block();
        sw.cases().add(new Stmt.Switch.Case(values, b));
        module.inBlock(b, body);
        return this;
    }

    public void otherwise(Runnable body) {
        SourceLocation at = SourceLocation.here();
        if (sw.otherwise() != null) {
            throw new HdlException(at, "otherwise() given twice");
        }
        Stmt.Block b = new Stmt.Block();
        sw.setOtherwise(b);
        module.inBlock(b, body);
    }
}
