package org.homanic.hdl;

import java.util.List;

/** An operator applied to operands, with integer parameters for slices, shifts and replication. */
public final class OpNode extends Node {
    private final Op op;
    private final List<Node> args;
    private final int[] params;
    private final SourceLocation location;

    OpNode(Op op, int width, boolean signed, List<Node> args, SourceLocation location, int... params) {
        super(width, signed);
        this.op = op;
        this.args = List.copyOf(args);
        this.params = params.clone();
        this.location = location;
    }

    public Op op() {
        return op;
    }

    public List<Node> args() {
        return args;
    }

    public Node arg(int i) {
        return args.get(i);
    }

    public int param(int i) {
        return params[i];
    }

    public SourceLocation location() {
        return location;
    }
}
