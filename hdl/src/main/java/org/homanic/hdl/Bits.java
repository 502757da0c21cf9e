package org.homanic.hdl;

import java.math.BigInteger;
import java.util.List;

/**
 * A value of a fixed number of bits: the base of {@link UInt}, {@link SInt} and {@link Bool}.
 * A freshly made value such as {@code UInt(8)} is only a type; declaring it as a port, wire or
 * register (or computing it from other values) gives it hardware behind it.
 */
public abstract sealed class Bits implements Data permits UInt, SInt {
    private final int width;
    private Node node;

    Bits(int width) {
        if (width < 1) {
            throw new HdlException(SourceLocation.here(), "a value must be at least 1 bit wide, not " + width);
        }
        this.width = width;
    }

    Bits(Node node) {
        this(node.width());
        this.node = node;
    }

    @Override
    public final int width() {
        return width;
    }

    public abstract boolean signed();

    /** A new value of the same kind backed by {@code n}. */
    abstract Bits wrap(Node n);

    /** An unbound value of the same kind and width (a type, for declaring storage). */
    public abstract Bits cloneType();

    /** The hardware behind this value; an error if it is still only a type. */
    public final Node node() {
        if (node == null) {
            throw new HdlException(SourceLocation.here(),
                    "a " + width + "-bit value is used before it is declared as a port, wire or register");
        }
        return node;
    }

    public final boolean isBound() {
        return node != null;
    }

    final void bind(Node n) {
        if (node != null) {
            throw new HdlException(SourceLocation.here(), "this value is already declared as " + describe(node)
                    + "; create a new type for each declaration");
        }
        if (n.width() != width || n.signed() != signed()) {
            throw new IllegalStateException("binding a " + n.width() + "-bit node to a " + width + "-bit value");
        }
        node = n;
    }

    /** The signal behind this value, or null when it is computed. */
    public final Signal signal() {
        return node instanceof Signal s ? s : null;
    }

    @Override
    public final void collectLeaves(List<Leaf> out, boolean flipped, String path) {
        out.add(new Leaf(this, flipped, path));
    }

    // ---- shared operator machinery: width rules are written here once -------------------------

    final Node constant(long value) {
        BigInteger v = BigInteger.valueOf(value);
        return ConstNode.of(v, ConstNode.minWidth(v, signed()), signed(), SourceLocation.here());
    }

    final void requireSameKind(Bits other, String op) {
        if (other.signed() != signed()) {
            throw new HdlException(SourceLocation.here(), "'" + op + "' mixes signed and unsigned values ("
                    + this + ", " + other + "); convert one with asSInt() or asUInt()");
        }
    }

    final Node arith(Op op, Node b, int width) {
        return new OpNode(op, width, signed(), List.of(node(), b), SourceLocation.here());
    }

    final Node sameWidth(Op op, Node b) {
        return arith(op, b, Math.max(width, b.width()));
    }

    final Node carryWidth(Op op, Node b) {
        return arith(op, b, Math.max(width, b.width()) + 1);
    }

    final Node product(Node b) {
        return arith(Op.MUL, b, width + b.width());
    }

    final Bool compare(Op op, Node b) {
        return new Bool(new OpNode(op, 1, false, List.of(node(), b), SourceLocation.here()));
    }

    final Node shiftLeft(int amount) {
        checkShift(amount);
        return new OpNode(Op.SHL_CONST, width + amount, signed(), List.of(node()), SourceLocation.here(), amount);
    }

    final Node shiftRight(int amount) {
        checkShift(amount);
        if (amount >= width) {
            throw new HdlException(SourceLocation.here(), "shifting a " + width + "-bit value right by " + amount
                    + " leaves no bits");
        }
        return new OpNode(Op.SHR_CONST, width - amount, signed(), List.of(node()), SourceLocation.here(), amount);
    }

    final Node shiftBy(Op op, UInt amount) {
        return new OpNode(op, width, signed(), List.of(node(), amount.node()), SourceLocation.here());
    }

    private static void checkShift(int amount) {
        if (amount < 0) {
            throw new HdlException(SourceLocation.here(), "negative shift amount " + amount);
        }
    }

    /** Bit {@code index}, 0 being the least significant. */
    public final Bool bit(int index) {
        checkRange(index, index);
        return new Bool(new OpNode(Op.SLICE, 1, false, List.of(node()), SourceLocation.here(), index, index));
    }

    /** The bit chosen by a signal; an index past the top gives 0. */
    public final Bool bit(UInt index) {
        return new Bool(new OpNode(Op.BIT_DYN, 1, false, List.of(node(), index.node()), SourceLocation.here()));
    }

    /** The most significant bit. */
    public final Bool msb() {
        return bit(width - 1);
    }

    /** Bits {@code hi} down to {@code lo} as an unsigned value. */
    public final UInt bits(int hi, int lo) {
        checkRange(hi, lo);
        return new UInt(new OpNode(Op.SLICE, hi - lo + 1, false, List.of(node()), SourceLocation.here(), hi, lo));
    }

    private void checkRange(int hi, int lo) {
        if (lo < 0 || hi < lo || hi >= width) {
            throw new HdlException(SourceLocation.here(), "bit range [" + hi + ":" + lo + "] is outside a "
                    + width + "-bit value");
        }
    }

    /** {@code count} copies side by side. */
    public final UInt replicate(int count) {
        if (count < 1) {
            throw new HdlException(SourceLocation.here(), "replicate needs a count of at least 1, not " + count);
        }
        return new UInt(new OpNode(Op.REPLICATE, width * count, false, List.of(node()), SourceLocation.here(), count));
    }

    public final Bool andR() {
        return reduce(Op.AND_REDUCE);
    }

    public final Bool orR() {
        return reduce(Op.OR_REDUCE);
    }

    public final Bool xorR() {
        return reduce(Op.XOR_REDUCE);
    }

    private Bool reduce(Op op) {
        return new Bool(new OpNode(op, 1, false, List.of(node()), SourceLocation.here()));
    }

    /** Explicit change of width: truncates (keeping the low bits) or extends (by sign for SInt). */
    final Node resized(int newWidth) {
        if (newWidth == width) {
            return node();
        }
        if (newWidth < width) {
            return new OpNode(Op.SLICE, newWidth, signed(), List.of(node()), SourceLocation.here(), newWidth - 1, 0);
        }
        return new OpNode(Op.EXTEND, newWidth, signed(), List.of(node()), SourceLocation.here());
    }

    final Node reinterpret(boolean asSigned) {
        return asSigned == signed() ? node()
                : new OpNode(Op.REINTERPRET, width, asSigned, List.of(node()), SourceLocation.here());
    }

    private static String describe(Node n) {
        return n instanceof Signal s ? s.describe() : "a computed value";
    }

    @Override
    public String toString() {
        String kind = this instanceof Bool ? "Bool" : signed() ? "SInt(" + width + ")" : "UInt(" + width + ")";
        if (node instanceof Signal s && s.hasName()) {
            return kind + " " + s.name();
        }
        return kind;
    }
}
