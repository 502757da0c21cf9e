package org.homanic.hdl;

import java.util.List;

/**
 * An unsigned value. Width rules: {@code add}/{@code sub} keep the wider operand's width
 * (wrapping), {@code addWithCarry}/{@code subWithBorrow} are one bit wider, {@code mul} is the
 * sum of the widths, logic operators take the wider width, comparisons give a {@link Bool}.
 */
public sealed class UInt extends Bits permits Bool {

    UInt(int width) {
        super(width);
    }

    UInt(Node node) {
        super(node);
        if (node.signed()) {
            throw new IllegalStateException("UInt over a signed node");
        }
    }

    @Override
    public final boolean signed() {
        return false;
    }

    @Override
    UInt wrap(Node n) {
        return new UInt(n);
    }

    @Override
    public UInt cloneType() {
        return new UInt(width());
    }

    private Node operand(UInt other, String op) {
        requireSameKind(other, op);
        return other.node();
    }

    public UInt add(UInt b) { return new UInt(sameWidth(Op.ADD, operand(b, "add"))); }
    public UInt add(long b) { return new UInt(sameWidth(Op.ADD, constant(b))); }
    public UInt addWithCarry(UInt b) { return new UInt(carryWidth(Op.ADD, operand(b, "addWithCarry"))); }
    public UInt addWithCarry(long b) { return new UInt(carryWidth(Op.ADD, constant(b))); }
    public UInt sub(UInt b) { return new UInt(sameWidth(Op.SUB, operand(b, "sub"))); }
    public UInt sub(long b) { return new UInt(sameWidth(Op.SUB, constant(b))); }
    /** One bit wider than the operands; the top bit is set when b &gt; this (a borrow). */
    public UInt subWithBorrow(UInt b) { return new UInt(carryWidth(Op.SUB, operand(b, "subWithBorrow"))); }
    public UInt subWithBorrow(long b) { return new UInt(carryWidth(Op.SUB, constant(b))); }
    public UInt mul(UInt b) { return new UInt(product(operand(b, "mul"))); }
    public UInt mul(long b) { return new UInt(product(constant(b))); }

    public UInt and(UInt b) { return new UInt(sameWidth(Op.AND, operand(b, "and"))); }
    public UInt and(long b) { return new UInt(sameWidth(Op.AND, constant(b))); }
    public UInt or(UInt b) { return new UInt(sameWidth(Op.OR, operand(b, "or"))); }
    public UInt or(long b) { return new UInt(sameWidth(Op.OR, constant(b))); }
    public UInt xor(UInt b) { return new UInt(sameWidth(Op.XOR, operand(b, "xor"))); }
    public UInt xor(long b) { return new UInt(sameWidth(Op.XOR, constant(b))); }
    public UInt not() { return new UInt(new OpNode(Op.NOT, width(), false, List.of(node()), SourceLocation.here())); }

    public Bool eq(UInt b) { return compare(Op.EQ, operand(b, "eq")); }
    public Bool eq(long b) { return compare(Op.EQ, constant(b)); }
    public Bool ne(UInt b) { return compare(Op.NE, operand(b, "ne")); }
    public Bool ne(long b) { return compare(Op.NE, constant(b)); }
    public Bool lt(UInt b) { return compare(Op.LT, operand(b, "lt")); }
    public Bool lt(long b) { return compare(Op.LT, constant(b)); }
    public Bool le(UInt b) { return compare(Op.LE, operand(b, "le")); }
    public Bool le(long b) { return compare(Op.LE, constant(b)); }
    public Bool gt(UInt b) { return compare(Op.GT, operand(b, "gt")); }
    public Bool gt(long b) { return compare(Op.GT, constant(b)); }
    public Bool ge(UInt b) { return compare(Op.GE, operand(b, "ge")); }
    public Bool ge(long b) { return compare(Op.GE, constant(b)); }

    /** Shift left by a constant: the result is {@code amount} bits wider, nothing is lost. */
    public UInt shl(int amount) { return new UInt(shiftLeft(amount)); }
    /** Shift right by a constant: the low {@code amount} bits are dropped, the result is narrower. */
    public UInt shr(int amount) { return new UInt(shiftRight(amount)); }
    /** Shift left by a signal; the width stays, bits shifted out are lost. */
    public UInt shl(UInt amount) { return new UInt(shiftBy(Op.SHL, amount)); }
    /** Logical shift right by a signal; the width stays. */
    public UInt shr(UInt amount) { return new UInt(shiftBy(Op.SHR, amount)); }

    /** Explicitly set the width: truncates to the low bits or zero-extends. */
    public UInt resize(int width) { return new UInt(resized(width)); }

    /** Zero-extends to {@code width}; an error if that would drop bits. */
    public UInt extend(int width) {
        if (width < width()) {
            throw new HdlException(SourceLocation.here(), "extend(" + width + ") would truncate " + this
                    + "; use resize() to drop bits on purpose");
        }
        return resize(width);
    }

    public SInt asSInt() { return new SInt(reinterpret(true)); }

    /** This 1-bit value as a Bool. */
    public Bool asBool() {
        if (width() != 1) {
            throw new HdlException(SourceLocation.here(), "asBool() needs a 1-bit value, not " + this);
        }
        return this instanceof Bool b ? b : new Bool(node());
    }
}
