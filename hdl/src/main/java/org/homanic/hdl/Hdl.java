package org.homanic.hdl;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Types, constants and free-standing operators. Meant for {@code import static
 * org.homanic.hdl.Hdl.*;} so that a module reads {@code UInt(8)}, {@code lit(3)},
 * {@code mux(c, a, b)}.
 */
public final class Hdl {
    private Hdl() {}

    /** An unsigned type of {@code width} bits. */
    @SuppressWarnings("MethodName")
    public static UInt UInt(int width) {
        return new UInt(width);
    }

    /** A signed type of {@code width} bits. */
    @SuppressWarnings("MethodName")
    public static SInt SInt(int width) {
        return new SInt(width);
    }

    /** A one-bit type. */
    @SuppressWarnings("MethodName")
    public static Bool Bool() {
        return new Bool();
    }

    /** An unsigned constant as wide as it needs to be. */
    public static UInt lit(long value) {
        BigInteger v = BigInteger.valueOf(value);
        return new UInt(ConstNode.of(v, ConstNode.minWidth(v, false), false, SourceLocation.here()));
    }

    /** An unsigned constant of {@code width} bits; an error if it does not fit. */
    public static UInt lit(long value, int width) {
        return lit(BigInteger.valueOf(value), width);
    }

    public static UInt lit(BigInteger value, int width) {
        return new UInt(ConstNode.of(value, width, false, SourceLocation.here()));
    }

    /** A signed constant of {@code width} bits. */
    public static SInt slit(long value, int width) {
        return new SInt(ConstNode.of(BigInteger.valueOf(value), width, true, SourceLocation.here()));
    }

    public static Bool bool(boolean value) {
        return new Bool(ConstNode.of(value ? BigInteger.ONE : BigInteger.ZERO, 1, false, SourceLocation.here()));
    }

    public static final Bool TRUE = bool(true);
    public static final Bool FALSE = bool(false);

    /** Concatenation, the first argument in the most significant bits. */
    public static UInt cat(Bits... parts) {
        if (parts.length == 0) {
            throw new HdlException(SourceLocation.here(), "cat() needs at least one value");
        }
        if (parts.length == 1) {
            return parts[0] instanceof UInt u ? u : ((SInt) parts[0]).asUInt();
        }
        List<Node> nodes = new ArrayList<>(parts.length);
        int width = 0;
        for (Bits p : parts) {
            nodes.add(p.node());
            width += p.width();
        }
        return new UInt(new OpNode(Op.CAT, width, false, nodes, SourceLocation.here()));
    }

    /** {@code cond ? whenTrue : whenFalse}, as wide as the wider input. */
    public static UInt mux(Bool cond, UInt whenTrue, UInt whenFalse) {
        return new UInt(muxNode(cond, whenTrue, whenFalse));
    }

    public static SInt mux(Bool cond, SInt whenTrue, SInt whenFalse) {
        return new SInt(muxNode(cond, whenTrue, whenFalse));
    }

    public static Bool mux(Bool cond, Bool whenTrue, Bool whenFalse) {
        return new Bool(muxNode(cond, whenTrue, whenFalse));
    }

    public static UInt mux(Bool cond, UInt whenTrue, long whenFalse) {
        return mux(cond, whenTrue, lit(whenFalse));
    }

    private static Node muxNode(Bool cond, Bits a, Bits b) {
        a.requireSameKind(b, "mux");
        return new OpNode(Op.MUX, Math.max(a.width(), b.width()), a.signed(),
                List.of(cond.node(), a.node(), b.node()), SourceLocation.here());
    }

    /** Bits needed to index {@code n} things: clog2(1) = 0, clog2(5) = 3. */
    public static int clog2(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("clog2 of " + n);
        }
        return 64 - Long.numberOfLeadingZeros(n - 1);
    }

    /** Bits needed to hold an index below {@code n}: at least 1. */
    public static int indexWidth(long n) {
        return Math.max(1, clog2(n));
    }
}
