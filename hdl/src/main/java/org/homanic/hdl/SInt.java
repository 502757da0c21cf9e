package org.homanic.hdl;

import java.util.List;

/** A two's complement signed value; the width rules are those of {@link UInt}. */
public final class SInt extends Bits {

    SInt(int width) {
        super(width);
    }

    SInt(Node node) {
        super(node);
        if (!node.signed()) {
            throw new IllegalStateException("SInt over an unsigned node");
        }
    }

    @Override
    public boolean signed() {
        return true;
    }

    @Override
    SInt wrap(Node n) {
        return new SInt(n);
    }

    @Override
    public SInt cloneType() {
        return new SInt(width());
    }

    private Node operand(SInt other, String op) {
        requireSameKind(other, op);
        return other.node();
    }

    public SInt add(SInt b) { return new SInt(sameWidth(Op.ADD, operand(b, "add"))); }
    public SInt add(long b) { return new SInt(sameWidth(Op.ADD, constant(b))); }
    public SInt addWithCarry(SInt b) { return new SInt(carryWidth(Op.ADD, operand(b, "addWithCarry"))); }
    public SInt sub(SInt b) { return new SInt(sameWidth(Op.SUB, operand(b, "sub"))); }
    public SInt sub(long b) { return new SInt(sameWidth(Op.SUB, constant(b))); }
    public SInt subWithBorrow(SInt b) { return new SInt(carryWidth(Op.SUB, operand(b, "subWithBorrow"))); }
    public SInt mul(SInt b) { return new SInt(product(operand(b, "mul"))); }
    public SInt mul(long b) { return new SInt(product(constant(b))); }
    public SInt negate() {
        Node zero = ConstNode.of(java.math.BigInteger.ZERO, width(), true, SourceLocation.here());
        return new SInt(new OpNode(Op.SUB, width(), true, List.of(zero, node()), SourceLocation.here()));
    }

    public SInt and(SInt b) { return new SInt(sameWidth(Op.AND, operand(b, "and"))); }
    public SInt or(SInt b) { return new SInt(sameWidth(Op.OR, operand(b, "or"))); }
    public SInt xor(SInt b) { return new SInt(sameWidth(Op.XOR, operand(b, "xor"))); }
    public SInt not() { return new SInt(new OpNode(Op.NOT, width(), true, List.of(node()), SourceLocation.here())); }

    public Bool eq(SInt b) { return compare(Op.EQ, operand(b, "eq")); }
    public Bool eq(long b) { return compare(Op.EQ, constant(b)); }
    public Bool ne(SInt b) { return compare(Op.NE, operand(b, "ne")); }
    public Bool ne(long b) { return compare(Op.NE, constant(b)); }
    public Bool lt(SInt b) { return compare(Op.LT, operand(b, "lt")); }
    public Bool lt(long b) { return compare(Op.LT, constant(b)); }
    public Bool le(SInt b) { return compare(Op.LE, operand(b, "le")); }
    public Bool le(long b) { return compare(Op.LE, constant(b)); }
    public Bool gt(SInt b) { return compare(Op.GT, operand(b, "gt")); }
    public Bool gt(long b) { return compare(Op.GT, constant(b)); }
    public Bool ge(SInt b) { return compare(Op.GE, operand(b, "ge")); }
    public Bool ge(long b) { return compare(Op.GE, constant(b)); }

    public SInt shl(int amount) { return new SInt(shiftLeft(amount)); }
    /** Arithmetic shift right by a constant: drops the low bits, keeps the sign. */
    public SInt shr(int amount) { return new SInt(shiftRight(amount)); }
    public SInt shl(UInt amount) { return new SInt(shiftBy(Op.SHL, amount)); }
    /** Arithmetic shift right by a signal. */
    public SInt shr(UInt amount) { return new SInt(shiftBy(Op.SHR, amount)); }

    /** Explicitly set the width: truncates to the low bits or sign-extends. */
    public SInt resize(int width) { return new SInt(resized(width)); }

    public SInt extend(int width) {
        if (width < width()) {
            throw new HdlException(SourceLocation.here(), "extend(" + width + ") would truncate " + this
                    + "; use resize() to drop bits on purpose");
        }
        return resize(width);
    }

    public UInt asUInt() { return new UInt(reinterpret(false)); }
}
