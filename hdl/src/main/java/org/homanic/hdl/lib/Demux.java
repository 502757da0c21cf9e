package org.homanic.hdl.lib;

import org.homanic.hdl.Bool;
import org.homanic.hdl.Data;
import org.homanic.hdl.HdlException;
import org.homanic.hdl.Module;
import org.homanic.hdl.SourceLocation;
import org.homanic.hdl.Stream;
import org.homanic.hdl.UInt;
import org.homanic.hdl.Vec;

import java.util.function.Supplier;

import static org.homanic.hdl.Hdl.*;

/**
 * Steers each word of a stream to output {@code select}; {@code select} must be steady while
 * {@code in.valid} is high. A word whose {@code select} is past the last output is dropped
 * (accepted and counted in {@code dropped}), so a bad selector never wedges the stream.
 */
public final class Demux<T extends Data> extends Module {
    public final Stream<T> in;
    public final UInt select;
    public final Vec<Stream<T>> out;
    /** High for one cycle for each dropped word. */
    public final Bool dropped;

    public Demux(Supplier<T> payloadType, int outputs) {
        if (outputs < 2) {
            throw new HdlException(SourceLocation.here(), "a demux needs at least 2 outputs, not " + outputs);
        }
        param("OUTPUTS", outputs);
        in = input(new Stream<>(payloadType));
        select = input(UInt(indexWidth(outputs)));
        out = output(new Vec<>(outputs, i -> new Stream<>(payloadType)));
        dropped = output(Bool());

        Bool inRange = let("in_range", select.lt(outputs));
        for (int i = 0; i < outputs; i++) {
            comb(out.get(i).valid, in.valid.and(select.eq(i)));
            comb(out.get(i).payload, in.payload);
        }
        comb(in.ready, mux(inRange, out.read(select).ready, TRUE));
        comb(dropped, in.valid.and(inRange.not()));
    }
}
