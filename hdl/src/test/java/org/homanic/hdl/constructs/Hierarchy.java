package org.homanic.hdl.constructs;

import org.homanic.hdl.Module;
import org.homanic.hdl.Stream;
import org.homanic.hdl.UInt;
import org.homanic.hdl.lib.RegSlice;

import static org.homanic.hdl.Hdl.*;

/** Four register slices of two widths: two distinct Verilog modules, four named instances. */
public final class Hierarchy extends Module {
    final Stream<UInt> narrowIn = input(new Stream<>(() -> UInt(8)));
    final Stream<UInt> narrowOut = output(new Stream<>(() -> UInt(8)));
    final Stream<UInt> wideIn = input(new Stream<>(() -> UInt(32)));
    final Stream<UInt> wideOut = output(new Stream<>(() -> UInt(32)));
    final RegSlice<UInt> first = instance(new RegSlice<>(() -> UInt(8)));
    final RegSlice<UInt> second = instance(new RegSlice<>(() -> UInt(8)));
    final RegSlice<UInt> priority = instance(new RegSlice<>(() -> UInt(32)));

    public Hierarchy() {
        connect(first.in, narrowIn);
        connect(second.in, first.out);
        connect(narrowOut, second.out);
        connect(priority.in, wideIn);
        connect(wideOut, RegSlice.after(priority.out));
    }
}
