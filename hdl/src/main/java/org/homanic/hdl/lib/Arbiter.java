package org.homanic.hdl.lib;

import org.homanic.hdl.Bool;
import org.homanic.hdl.Data;
import org.homanic.hdl.HdlException;
import org.homanic.hdl.Module;
import org.homanic.hdl.SourceLocation;
import org.homanic.hdl.Stream;
import org.homanic.hdl.UInt;
import org.homanic.hdl.Vec;

import java.util.function.Function;
import java.util.function.Supplier;

import static org.homanic.hdl.Hdl.*;

/**
 * Merges several valid/ready streams into one. {@link Policy#PRIORITY}: the lowest-numbered
 * valid input wins; {@link Policy#ROUND_ROBIN}: the first valid input after the last one
 * served. With a {@code last} function the arbiter never interleaves packets: once it starts
 * a packet it stays on that input until the word for which {@code last} is true.
 * The choice is combinational (add a {@link RegSlice} after it for timing).
 */
public final class Arbiter<T extends Data> extends Module {
    public enum Policy { PRIORITY, ROUND_ROBIN }

    public final Vec<Stream<T>> in;
    public final Stream<T> out;
    /** The input being served this cycle. */
    public final UInt grant;

    public Arbiter(Supplier<T> payloadType, int inputs, Policy policy, Function<T, Bool> last) {
        if (inputs < 2) {
            throw new HdlException(SourceLocation.here(), "an arbiter needs at least 2 inputs, not " + inputs);
        }
        param("INPUTS", inputs);
        param("POLICY", policy.name());
        param("PACKETS", last != null);
        int iw = indexWidth(inputs);
        in = input(new Vec<>(inputs, i -> new Stream<>(payloadType)));
        out = output(new Stream<>(payloadType));
        grant = output(UInt(iw));

        UInt choice = wire("choice", UInt(iw));
        comb(choice, 0);
        for (int i = inputs - 1; i >= 0; i--) {
            int index = i;
            when(in.get(i).valid, () -> comb(choice, index));
        }
        if (policy == Policy.ROUND_ROBIN) {
            UInt previous = reg("previous_grant", UInt(iw), inputs - 1);
            // Input 0 is never "after" the previous grant; it wins through the plain priority above.
            for (int i = inputs - 1; i >= 1; i--) {
                int index = i;
                when(in.get(i).valid.and(previous.lt(index)), () -> comb(choice, index));
            }
            when(out.fire(), () -> sync(previous, grant));
        }

        if (last != null) {
            Bool inPacket = reg("in_packet", Bool(), 0);
            UInt packetInput = reg("packet_input", UInt(iw), 0);
            comb(grant, mux(inPacket, packetInput, choice));
            when(out.fire(), () -> {
                sync(inPacket, last.apply(out.payload).not());
                sync(packetInput, grant);
            });
        } else {
            comb(grant, choice);
        }

        Stream<T> selected = in.read(grant);
        comb(out.valid, selected.valid);
        comb(out.payload, selected.payload);
        for (int i = 0; i < inputs; i++) {
            comb(in.get(i).ready, out.ready.and(grant.eq(i)));
        }
    }
}
