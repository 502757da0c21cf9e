package org.homanic.testbench;

import java.util.Optional;

/**
 * The ports of one AXI-Stream interface of a design, found by a name prefix: {@code prefix +}
 * {@code tdata}, {@code tvalid} (required), {@code tready}, {@code tkeep}, {@code tlast}
 * (optional; a missing tready means the side never pushes back, a missing tlast means every beat
 * is a frame, a missing tkeep means every byte lane is valid).
 */
public record AxiStreamPorts(Port tdata, Port tvalid, Optional<Port> tready, Optional<Port> tkeep, Optional<Port> tlast) {

    public AxiStreamPorts {
        if (tdata.width() % 8 != 0) throw new IllegalArgumentException(tdata.name() + " is not a whole number of bytes");
        if (tdata.width() / 8 > 64) throw new IllegalArgumentException(tdata.name() + " has more than 64 byte lanes");
        tkeep.ifPresent(k -> {
            if (k.width() != tdata.width() / 8) throw new IllegalArgumentException(k.name() + " must have one bit per byte lane");
        });
    }

    /** The interface whose ports are called {@code prefix + "tdata"} and so on, e.g. prefix {@code "s_axis_"}. */
    public static AxiStreamPorts of(Simulator sim, String prefix) {
        return new AxiStreamPorts(sim.port(prefix + "tdata"), sim.port(prefix + "tvalid"),
                sim.findPort(prefix + "tready"), sim.findPort(prefix + "tkeep"), sim.findPort(prefix + "tlast"));
    }

    /** Bytes per beat. */
    public int lanes() {
        return tdata.width() / 8;
    }
}
