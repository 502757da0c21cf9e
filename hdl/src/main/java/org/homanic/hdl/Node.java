package org.homanic.hdl;

/**
 * A value in the design graph: a constant, an operator applied to other nodes, a memory
 * read, or a named signal. Nodes are immutable except for a signal's drivers. User code sees
 * them only through the typed values {@link UInt}, {@link SInt} and {@link Bool}.
 */
public abstract sealed class Node permits ConstNode, OpNode, Signal, MemReadNode {
    private final int width;
    private final boolean signed;

    Node(int width, boolean signed) {
        if (width < 1) {
            throw new HdlException(SourceLocation.here(), "a value must be at least 1 bit wide, not " + width);
        }
        this.width = width;
        this.signed = signed;
    }

    public int width() {
        return width;
    }

    public boolean signed() {
        return signed;
    }
}
