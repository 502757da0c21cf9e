package org.homanic.hdl;

import java.math.BigInteger;

/**
 * A constant. {@code value} is the bit pattern (always non-negative, below 2^width); a
 * {@code symbol}, when present, is emitted as a localparam name instead of a number (FSM states).
 */
public final class ConstNode extends Node {
    private final BigInteger value;
    private final String symbol;

    ConstNode(BigInteger pattern, int width, boolean signed, String symbol) {
        super(width, signed);
        if (pattern.signum() < 0 || pattern.bitLength() > width) {
            throw new IllegalArgumentException("constant pattern " + pattern + " does not fit " + width + " bits");
        }
        this.value = pattern;
        this.symbol = symbol;
    }

    /** The constant for {@code value} in {@code width} bits, two's complement when negative. */
    static ConstNode of(BigInteger value, int width, boolean signed, SourceLocation at) {
        BigInteger min = signed ? BigInteger.ONE.shiftLeft(width - 1).negate() : BigInteger.ZERO;
        BigInteger max = (signed ? BigInteger.ONE.shiftLeft(width - 1) : BigInteger.ONE.shiftLeft(width))
                .subtract(BigInteger.ONE);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new HdlException(at, "constant " + value + " does not fit in " + width + " bits"
                    + (signed ? " signed" : " unsigned"));
        }
        BigInteger pattern = value.signum() < 0 ? value.add(BigInteger.ONE.shiftLeft(width)) : value;
        return new ConstNode(pattern, width, signed, null);
    }

    /** The bit pattern, 0 &lt;= pattern &lt; 2^width. */
    public BigInteger pattern() {
        return value;
    }

    /** The value the pattern stands for: negative for signed constants with the top bit set. */
    public BigInteger value() {
        return signed() && value.testBit(width() - 1) ? value.subtract(BigInteger.ONE.shiftLeft(width())) : value;
    }

    public String symbol() {
        return symbol;
    }

    /** Bits needed to hold {@code value} (at least 1), as unsigned or two's complement. */
    static int minWidth(BigInteger value, boolean signed) {
        if (signed) {
            return value.bitLength() + 1;
        }
        if (value.signum() < 0) {
            throw new HdlException(SourceLocation.here(), "negative constant " + value + " needs a signed type (use slit)");
        }
        return Math.max(1, value.bitLength());
    }
}
