package org.homanic.hdl.constructs;

import org.homanic.hdl.Bool;
import org.homanic.hdl.Module;
import org.homanic.hdl.SInt;
import org.homanic.hdl.UInt;

import static org.homanic.hdl.Hdl.*;

/** Every operator once, unsigned and signed, each on an output of its own. */
public final class Operators extends Module {
    final UInt a = input(UInt(8));
    final UInt b = input(UInt(4));
    final SInt s = input(SInt(8));
    final SInt t = input(SInt(5));
    final Bool c = input(Bool());

    final UInt sum = output(UInt(8));
    final UInt sumCarry = output(UInt(9));
    final UInt diff = output(UInt(8));
    final UInt diffBorrow = output(UInt(9));
    final UInt product = output(UInt(12));
    final SInt signedProduct = output(SInt(13));
    final SInt signedSum = output(SInt(9));
    final SInt negated = output(SInt(8));
    final UInt logic = output(UInt(8));
    final UInt compares = output(UInt(12));
    final UInt shiftedLeft = output(UInt(11));
    final UInt shiftedRight = output(UInt(5));
    final UInt shiftedBy = output(UInt(8));
    final UInt shiftedRightBy = output(UInt(8));
    final SInt arithmeticShift = output(SInt(8));
    final SInt arithmeticShiftConst = output(SInt(6));
    final UInt concatenated = output(UInt(12));
    final UInt sliced = output(UInt(4));
    final Bool dynamicBit = output(Bool());
    final Bool wideIndexBit = output(Bool());
    final UInt replicated = output(UInt(12));
    final UInt reductions = output(UInt(3));
    final UInt selected = output(UInt(8));
    final UInt resized = output(UInt(4));
    final SInt signExtended = output(SInt(12));

    public Operators() {
        comb(sum, a.add(b));
        comb(sumCarry, a.addWithCarry(b));
        comb(diff, a.sub(b));
        comb(diffBorrow, a.subWithBorrow(b));
        comb(product, a.mul(b));
        comb(signedProduct, s.mul(t));
        comb(signedSum, s.addWithCarry(t));
        comb(negated, s.negate());
        comb(logic, a.and(b).or(a.xor(lit(0x5a, 8))).xor(a.not()));
        comb(compares, cat(a.eq(b), a.ne(b), a.lt(b), a.le(b), a.gt(b), a.ge(b),
                s.eq(t), s.ne(t), s.lt(t), s.le(t), s.gt(t), s.ge(t)));
        comb(shiftedLeft, a.shl(3));
        comb(shiftedRight, a.shr(3));
        comb(shiftedBy, a.shl(b.bits(2, 0)));
        comb(shiftedRightBy, a.shr(b));
        comb(arithmeticShift, s.shr(b.bits(2, 0)));
        comb(arithmeticShiftConst, s.shr(2));
        comb(concatenated, cat(b, a));
        comb(sliced, a.add(b).bits(5, 2));
        comb(dynamicBit, a.bit(b.bits(2, 0)));
        comb(wideIndexBit, a.bit(b));
        comb(replicated, b.replicate(3));
        comb(reductions, cat(a.andR(), a.orR(), a.xorR()));
        comb(selected, mux(c, a, b));
        comb(resized, a.resize(4));
        comb(signExtended, t.extend(12));
    }
}
