package org.homanic.hdl;

/** The rest of a {@code when}: {@code .elseWhen(cond, body)} and {@code .otherwise(body)}. */
public final class WhenChain {
    private final Module module;
    private final Stmt.When when;
    private final Stmt.Block container;

    WhenChain(Module module, Stmt.When when, Stmt.Block container) {
        this.module = module;
        this.when = when;
        this.container = container;
    }

    public WhenChain elseWhen(Bool cond, Runnable body) {
        checkOpen("elseWhen");
        Stmt.Block b = new Stmt.Block();
        when.branches().add(new Stmt.When.Branch(cond.node(), b));
        module.inBlock(b, body);
        return this;
    }

    public void otherwise(Runnable body) {
        checkOpen("otherwise");
        Stmt.Block b = new Stmt.Block();
        when.setOtherwise(b);
        module.inBlock(b, body);
    }

    /** A chain may only be continued right after it, so that statement order stays the written order. */
    private void checkOpen(String what) {
        SourceLocation at = SourceLocation.here();
        if (when.otherwise() != null) {
            throw new HdlException(at, what + "() after otherwise()");
        }
        if (module.current() != container || container.last() != when) {
            throw new HdlException(at, what + "() must directly follow its when() (at " + when.location()
                    + "), in the same block");
        }
    }
}
