package org.homanic.hdl.checks;

import org.homanic.hdl.Bool;
import org.homanic.hdl.ClockDomain;
import org.homanic.hdl.HdlException;
import org.homanic.hdl.Module;
import org.homanic.hdl.UInt;
import org.homanic.hdl.Verilog;
import org.homanic.hdl.lib.RegSlice;
import org.junit.jupiter.api.Test;

import java.util.function.Supplier;

import static org.homanic.hdl.Hdl.*;
import static org.homanic.hdl.support.Scratch.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One broken design per elaboration check: each must be refused before any Verilog is
 * written, with an error that names the signal and points at the Java line responsible.
 */
class ElaborationChecksTest {
    static int expectedLine;

    /** Elaborates (and emits) the design and returns the refusal. */
    private static HdlException refused(Supplier<Module> design, String... mustMention) {
        HdlException e = assertThrows(HdlException.class, () -> Verilog.emit(design.get()));
        for (String s : mustMention) {
            assertTrue(e.getMessage().contains(s), "error should mention '" + s + "': " + e.getMessage());
        }
        assertEquals("ElaborationChecksTest.java", e.location().file(), e.getMessage());
        assertEquals(expectedLine, e.location().line(), e.getMessage());
        return e;
    }

    static final class Loop extends Module {
        final UInt in = input(UInt(8));
        final UInt out = output(UInt(8));

        Loop() {
            UInt a = wire("a", UInt(8));
            UInt b = wire("b", UInt(8));
            expectedLine = line(); comb(a, b.add(in));
            comb(b, a);
            comb(out, b);
        }
    }

    @Test
    void combinationalLoop() {
        refused(Loop::new, "combinational loop", "a -> b -> a");
    }

    static final class CombAndSync extends Module {
        final UInt in = input(UInt(8));
        final UInt out = output(UInt(8));

        CombAndSync() {
            comb(out, in);
            expectedLine = line(); sync(out, in.add(1));
        }
    }

    @Test
    void multiplyDrivenCombinationalAndClocked() {
        refused(CombAndSync::new, "multiple drivers", "'out'", "combinational at ElaborationChecksTest.java:");
    }

    static final class TwoDomains extends Module {
        final UInt in = input(UInt(8));
        final UInt out = output(UInt(8));

        TwoDomains() {
            ClockDomain other = domain("other");
            UInt r = reg("r", UInt(8));
            sync(r, in);
            expectedLine = line(); sync(other, r, in);
            comb(out, r);
        }
    }

    @Test
    void multiplyDrivenFromTwoClockDomains() {
        refused(TwoDomains::new, "multiple drivers", "'r'", "domain 'other'");
    }

    static final class ReadNeverDriven extends Module {
        final UInt out = output(UInt(8));

        ReadNeverDriven() {
            expectedLine = line(); UInt floating = wire("floating", UInt(8));
            comb(out, floating);
        }
    }

    @Test
    void signalReadButNeverDriven() {
        refused(ReadNeverDriven::new, "wire 'floating'", "never driven");
    }

    static final class Latch extends Module {
        final Bool enable = input(Bool());
        final UInt in = input(UInt(8));
        final UInt out = output(UInt(8));

        Latch() {
            when(enable, () -> {
                expectedLine = line(); comb(out, in);
            });
        }
    }

    @Test
    void inferredLatch() {
        refused(Latch::new, "latch inferred", "'out'", "not assigned on every path");
    }

    static final class UndrivenOutput extends Module {
        final UInt in = input(UInt(8));
        final UInt used;
        final UInt forgotten;

        UndrivenOutput() {
            used = output(UInt(8));
            expectedLine = line(); forgotten = output(UInt(8));
            comb(used, in);
        }
    }

    @Test
    void outputLeftUndriven() {
        refused(UndrivenOutput::new, "output 'forgotten'", "never driven");
    }

    static final class Crossing extends Module {
        final Bool in = input(Bool());
        final Bool out = output(Bool());

        Crossing() {
            ClockDomain rx = domain("rx");
            inDomain(rx, in);
            Bool fast = reg("fast", Bool(), 0);
            sync(rx, fast, in.not());
            Bool slow = reg("slow", Bool(), 0);
            expectedLine = line(); sync(slow, fast);
            comb(out, slow);
        }
    }

    @Test
    void clockDomainCrossingWithoutSynchronizer() {
        refused(Crossing::new, "clock domain crossing", "'slow'", "'fast'", "domain 'rx'", "Synchronizer");
    }

    static final class UnconnectedInstance extends Module {
        final org.homanic.hdl.Stream<UInt> in = input(new org.homanic.hdl.Stream<>(() -> UInt(8)));
        final org.homanic.hdl.Stream<UInt> out = output(new org.homanic.hdl.Stream<>(() -> UInt(8)));

        UnconnectedInstance() {
            RegSlice<UInt> slice = instance("slice", new RegSlice<>(() -> UInt(8)));
            comb(slice.in.valid, in.valid);
            comb(in.ready, slice.in.ready);
            comb(slice.out.ready, out.ready);
            comb(out.valid, slice.out.valid);
            comb(out.payload, slice.out.payload);
            unused(in.payload);
        }
    }

    @Test
    void instanceInputLeftUnconnected() {
        HdlException e = assertThrows(HdlException.class, () -> Verilog.emit(new UnconnectedInstance()));
        assertTrue(e.getMessage().contains("input 'in_payload' of RegSlice (instance 'slice') is not connected"),
                e.getMessage());
    }

    static final class DrivesOwnInput extends Module {
        final UInt in = input(UInt(8));

        DrivesOwnInput() {
            expectedLine = line(); comb(in, lit(3, 8));
        }
    }

    @Test
    void drivingOwnInputIsRefusedAtOnce() {
        HdlException e = assertThrows(HdlException.class, DrivesOwnInput::new);
        assertTrue(e.getMessage().contains("drives its own input 'in'"), e.getMessage());
        assertEquals(expectedLine, e.location().line());
    }

    static final class RegisterAssignedCombinationally extends Module {
        final UInt in = input(UInt(8));

        RegisterAssignedCombinationally() {
            UInt r = reg("r", UInt(8));
            expectedLine = line(); comb(r, in);
        }
    }

    @Test
    void registerAssignedCombinationallyIsRefusedAtOnce() {
        HdlException e = assertThrows(HdlException.class, RegisterAssignedCombinationally::new);
        assertTrue(e.getMessage().contains("register 'r'"), e.getMessage());
        assertEquals(expectedLine, e.location().line());
    }

    static final class Inner extends Module {
        final UInt out = output(UInt(8));
        final UInt hidden = reg("hidden", UInt(8), 0);

        Inner() {
            sync(hidden, hidden.add(1));
            comb(out, hidden);
        }
    }

    static final class ReadsInsideInstance extends Module {
        final UInt out = output(UInt(8));

        ReadsInsideInstance() {
            Inner inner = instance("inner", new Inner());
            expectedLine = line(); comb(out, inner.hidden.add(inner.out));
        }
    }

    @Test
    void signalsInsideAnInstanceAreNotVisible() {
        refused(ReadsInsideInstance::new, "register 'hidden' of Inner", "cannot see");
    }

    static final class ForgotInstance extends Module {
        final UInt out = output(UInt(8));

        ForgotInstance() {
            Inner inner = new Inner();
            expectedLine = line(); comb(out, inner.out);
        }
    }

    @Test
    void portsOfAModuleNeverInstantiated() {
        refused(ForgotInstance::new, "never added with instance()");
    }
}
