package org.homanic.hdl.examples;

import org.homanic.hdl.Axis;
import org.homanic.hdl.Module;
import org.homanic.hdl.Vec;
import org.homanic.hdl.lib.Arbiter;
import org.homanic.hdl.lib.RegSlice;

/**
 * A parameterized strict-priority arbiter for AXI-Stream packets: input 0 is the most urgent,
 * a packet once started is finished before another input is served, and the output is
 * registered. The NIC's egress queues use the same arbiter.
 */
public final class PacketPriorityArbiter extends Module {
    public final Vec<Axis> s_axis;
    public final Axis m_axis;

    public PacketPriorityArbiter(int inputs, int dataWidth) {
        param("INPUTS", inputs);
        param("DATA_WIDTH", dataWidth);
        s_axis = input("s_axis", new Vec<>(inputs, i -> new Axis(dataWidth, 1)));
        m_axis = output("m_axis", new Axis(dataWidth, 1));

        Arbiter<Axis.Beat> arbiter = instance("arbiter", new Arbiter<>(() -> new Axis.Beat(dataWidth, 1), inputs,
                Arbiter.Policy.PRIORITY, beat -> beat.last));
        for (int i = 0; i < inputs; i++) {
            connect(arbiter.in.get(i), s_axis.get(i).asStream());
        }
        connect(m_axis.asStream(), RegSlice.after(arbiter.out));
    }
}
