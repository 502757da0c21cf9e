package org.homanic.hdl.examples;

import org.homanic.hdl.Axis;
import org.homanic.hdl.Module;
import org.homanic.hdl.Stream;
import org.homanic.hdl.lib.Fifo;
import org.homanic.hdl.lib.RegSlice;

/**
 * An AXI-Stream pipeline of real size: register slice, FIFO in block RAM, register slice.
 * With 512-bit data it holds several thousand flops, and it moves one beat per cycle.
 */
public final class AxisPipeline extends Module {
    public final Axis s_axis;
    public final Axis m_axis;

    public AxisPipeline(int dataWidth, int userWidth, int fifoDepth) {
        param("DATA_WIDTH", dataWidth);
        param("USER_WIDTH", userWidth);
        param("FIFO_DEPTH", fifoDepth);
        s_axis = input("s_axis", new Axis(dataWidth, userWidth));
        m_axis = output("m_axis", new Axis(dataWidth, userWidth));

        Stream<Axis.Beat> staged = RegSlice.after(s_axis.asStream());
        Stream<Axis.Beat> queued = Fifo.after(staged, fifoDepth);
        connect(m_axis.asStream(), RegSlice.after(queued));
    }
}
