package org.homanic.hdl.constructs;

import org.homanic.hdl.Bool;
import org.homanic.hdl.HdlException;
import org.homanic.hdl.Module;
import org.homanic.hdl.SInt;
import org.homanic.hdl.UInt;
import org.homanic.hdl.support.Scratch;
import org.junit.jupiter.api.Test;

import static org.homanic.hdl.Hdl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The width of every operator's result, computed by hand from the documented rules. */
class WidthRulesTest {
    private final Scratch m = new Scratch();
    private final UInt a = m.in("a", UInt(8));
    private final UInt b = m.in("b", UInt(4));
    private final SInt s = m.in("s", SInt(8));
    private final SInt t = m.in("t", SInt(5));
    private final Bool c = m.in("c", Bool());

    @Test
    void arithmetic() {
        assertEquals(8, a.add(b).width(), "add keeps the wider width");
        assertEquals(9, a.addWithCarry(b).width(), "add with carry is one wider");
        assertEquals(8, a.sub(b).width());
        assertEquals(9, a.subWithBorrow(b).width());
        assertEquals(12, a.mul(b).width(), "mul is the sum of widths");
        assertEquals(13, s.mul(t).width());
        assertEquals(8, a.add(1).width(), "a small constant takes the variable's width");
        assertEquals(9, a.add(300).width(), "a constant wider than the variable widens the result");
        assertEquals(9, s.addWithCarry(t).width());
        assertEquals(8, s.negate().width());
    }

    @Test
    void logicAndComparison() {
        assertEquals(8, a.and(b).width());
        assertEquals(8, a.or(b).width());
        assertEquals(8, a.xor(b).width());
        assertEquals(8, a.not().width());
        assertInstanceOf(Bool.class, a.eq(b));
        assertInstanceOf(Bool.class, s.lt(t));
        assertInstanceOf(Bool.class, c.and(c), "logic between Bools stays Bool");
        assertInstanceOf(Bool.class, a.andR());
        assertInstanceOf(Bool.class, a.orR());
        assertInstanceOf(Bool.class, a.xorR());
    }

    @Test
    void shiftsSelectsAndConcatenation() {
        assertEquals(11, a.shl(3).width(), "constant left shift grows");
        assertEquals(5, a.shr(3).width(), "constant right shift drops the low bits");
        assertEquals(8, a.shl(b).width(), "shift by a signal keeps the width");
        assertEquals(8, s.shr(b).width());
        assertEquals(12, cat(a, b).width());
        assertEquals(4, a.bits(5, 2).width());
        assertInstanceOf(Bool.class, a.bit(0));
        assertInstanceOf(Bool.class, a.bit(b.bits(2, 0)));
        assertEquals(24, a.replicate(3).width());
        assertEquals(8, mux(c, a, b).width(), "mux takes the wider input");
        assertEquals(4, a.resize(4).width());
        assertEquals(12, a.resize(12).width());
        assertEquals(12, s.extend(12).width());
        assertTrue(s.asUInt().width() == 8 && !s.asUInt().signed());
    }

    /** Assigns a 9-bit sum to an 8-bit output and remembers on which line. */
    static final class Truncating extends Module {
        static int line;
        final UInt a = input(UInt(8));
        final UInt narrow = output(UInt(8));

        Truncating() {
            line = Scratch.line(); comb(narrow, a.addWithCarry(1));
        }
    }

    @Test
    void truncatingAssignmentIsAnErrorAtTheUsersLine() {
        HdlException e = assertThrows(HdlException.class, Truncating::new);
        assertTrue(e.getMessage().contains("silently truncate"), e.getMessage());
        assertTrue(e.getMessage().contains("'narrow'"), e.getMessage());
        assertEquals("WidthRulesTest.java", e.location().file());
        assertEquals(Truncating.line, e.location().line());
    }

    @Test
    void misuseIsRefusedWithAClearMessage() {
        assertThrows(HdlException.class, () -> a.bits(8, 0), "range past the top");
        assertThrows(HdlException.class, () -> a.extend(4), "extend that would truncate");
        assertThrows(HdlException.class, () -> lit(256, 8), "constant that does not fit");
        assertThrows(HdlException.class, () -> a.shr(8), "right shift that leaves nothing");
        assertThrows(HdlException.class, () -> UInt(0), "zero width");
        assertThrows(HdlException.class, () -> m.in("again", a), "declaring hardware twice");
        assertThrows(HdlException.class, () -> a.asBool(), "asBool of 8 bits");
        // Mixing signed and unsigned operands does not compile: UInt.add takes a UInt.
        assertEquals(8, s.asUInt().add(a).width());
    }
}
