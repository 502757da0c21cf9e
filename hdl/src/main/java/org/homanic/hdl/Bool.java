package org.homanic.hdl;

import java.util.List;

/** A single bit used as a condition; logic between Bools stays Bool. */
public final class Bool extends UInt {

    Bool() {
        super(1);
    }

    Bool(Node node) {
        super(node);
        if (node.width() != 1) {
            throw new IllegalStateException("Bool over a " + node.width() + "-bit node");
        }
    }

    @Override
    Bool wrap(Node n) {
        return new Bool(n);
    }

    @Override
    public Bool cloneType() {
        return new Bool();
    }

    public Bool and(Bool b) { return new Bool(sameWidth(Op.AND, b.node())); }
    public Bool or(Bool b) { return new Bool(sameWidth(Op.OR, b.node())); }
    public Bool xor(Bool b) { return new Bool(sameWidth(Op.XOR, b.node())); }

    @Override
    public Bool not() { return new Bool(new OpNode(Op.NOT, 1, false, List.of(node()), SourceLocation.here())); }
}
