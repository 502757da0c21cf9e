package org.homanic.hdl.lib;

import org.homanic.hdl.Bool;
import org.homanic.hdl.Data;
import org.homanic.hdl.Module;
import org.homanic.hdl.Stream;

import java.util.function.Supplier;

import static org.homanic.hdl.Hdl.*;

/**
 * A register slice for a valid/ready stream (a "skid buffer"): registers both the forward
 * path and {@code ready}, so no combinational path crosses it, and still moves one word every
 * cycle. When the output stalls, the word already in flight is caught in a second register.
 */
public final class RegSlice<T extends Data> extends Module {
    public final Stream<T> in;
    public final Stream<T> out;

    public RegSlice(Supplier<T> payloadType) {
        in = input(new Stream<>(payloadType));
        out = output(new Stream<>(payloadType));

        Bool outValid = reg("out_valid_reg", Bool(), 0);
        T outData = reg("out_data_reg", payloadType.get());
        Bool skidValid = reg("skid_valid_reg", Bool(), 0);
        T skidData = reg("skid_data_reg", payloadType.get());

        comb(in.ready, skidValid.not());
        comb(out.valid, outValid);
        comb(out.payload, outData);

        when(skidValid.not(), () -> {
            when(outValid.not().or(out.ready), () -> {
                sync(outValid, in.valid);
                sync(outData, in.payload);
            }).elseWhen(in.valid, () -> {
                // The output is stalled and a word arrives: hold it until the output moves.
                sync(skidValid, TRUE);
                sync(skidData, in.payload);
            });
        }).elseWhen(out.ready, () -> {
            sync(outData, skidData);
            sync(skidValid, FALSE);
        });
    }

    /** Adds a register slice after {@code source} (in the module that owns it) and returns its output. */
    public static <T extends Data> Stream<T> after(Stream<T> source) {
        Module context = Module.contextOf(source);
        RegSlice<T> slice = context.instance(new RegSlice<>(source.payloadType()));
        context.connect(slice.in, source);
        return slice.out;
    }
}
