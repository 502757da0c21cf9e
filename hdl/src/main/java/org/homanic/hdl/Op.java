package org.homanic.hdl;

/** The operators of the design graph. Width rules live in {@link Bits}; Verilog forms in the emitter. */
public enum Op {
    ADD, SUB, MUL,
    AND, OR, XOR, NOT,
    EQ, NE, LT, LE, GT, GE,
    /** Shift by a constant: params[0] is the amount. Left grows the width; right drops the low bits. */
    SHL_CONST, SHR_CONST,
    /** Shift by a signal: the width stays; arithmetic right shift for signed values. */
    SHL, SHR,
    /** Concatenation, first operand in the most significant bits. */
    CAT,
    /** params[0] copies of the operand. */
    REPLICATE,
    /** Bits params[0] (high) down to params[1] (low) of the operand. */
    SLICE,
    /** One bit selected by a signal: operand 0 is the value, operand 1 the index. */
    BIT_DYN,
    /** operand 0 ? operand 1 : operand 2. */
    MUX,
    /** Element operand[0] of operands 1..n (an out-of-range index gives element 0). */
    INDEX,
    AND_REDUCE, OR_REDUCE, XOR_REDUCE,
    /** Zero or sign extension to the node's width. */
    EXTEND,
    /** The same bits seen with another signedness. */
    REINTERPRET
}
