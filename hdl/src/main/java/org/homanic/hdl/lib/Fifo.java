package org.homanic.hdl.lib;

import org.homanic.hdl.Bool;
import org.homanic.hdl.Bundle;
import org.homanic.hdl.Data;
import org.homanic.hdl.HdlException;
import org.homanic.hdl.Mem;
import org.homanic.hdl.Module;
import org.homanic.hdl.SourceLocation;
import org.homanic.hdl.Stream;
import org.homanic.hdl.UInt;

import java.util.function.Supplier;

import static org.homanic.hdl.Hdl.*;

/**
 * A first-in first-out queue for a valid/ready stream, stored in a memory with synchronous
 * read (block RAM on FPGAs). Accepts and delivers one word per cycle; a word written into an
 * empty FIFO appears at the output two cycles later. {@code in.ready} is low only when full.
 */
public final class Fifo<T extends Data> extends Module {
    public final Stream<T> in;
    public final Stream<T> out;
    /** Words stored (excluding the one waiting at the output). */
    public final UInt level;

    /** {@code depth}: a power of two, at least 2. */
    public Fifo(Supplier<T> payloadType, int depth) {
        if (depth < 2 || Integer.bitCount(depth) != 1) {
            throw new HdlException(SourceLocation.here(), "FIFO depth must be a power of two >= 2, not " + depth);
        }
        param("DEPTH", depth);
        int aw = clog2(depth);
        in = input(new Stream<>(payloadType));
        out = output(new Stream<>(payloadType));
        level = output(UInt(aw + 1));

        int width = payloadType.get().width();
        param("WIDTH", width);
        Mem mem = mem("mem", width, depth);
        // One extra pointer bit tells full (same slot, different lap) from empty (same slot, same lap).
        UInt wrPtr = reg("wr_ptr", UInt(aw + 1), 0);
        UInt rdPtr = reg("rd_ptr", UInt(aw + 1), 0);
        Bool empty = let("empty", wrPtr.eq(rdPtr));
        Bool full = let("full", wrPtr.eq(rdPtr.xor(lit(depth, aw + 1))));
        Bool outValid = reg("out_valid_reg", Bool(), 0);

        comb(in.ready, full.not());
        comb(level, wrPtr.sub(rdPtr));
        when(in.fire(), () -> {
            mem.write(wrPtr.bits(aw - 1, 0), in.payload.asBits());
            sync(wrPtr, wrPtr.add(1));
        });

        Bool load = let("load", empty.not().and(outValid.not().or(out.ready)));
        UInt word = mem.readSync("out_word", rdPtr.bits(aw - 1, 0), load);
        when(load, () -> {
            sync(rdPtr, rdPtr.add(1));
            sync(outValid, TRUE);
        }).elseWhen(out.ready, () -> sync(outValid, FALSE));

        comb(out.valid, outValid);
        comb(out.payload, Bundle.unpack(payloadType.get(), word));
    }

    /** Adds a FIFO after {@code source} (in the module that owns it) and returns its output. */
    public static <T extends Data> Stream<T> after(Stream<T> source, int depth) {
        Module context = Module.contextOf(source);
        Fifo<T> fifo = context.instance(new Fifo<>(source.payloadType(), depth));
        context.connect(fifo.in, source);
        return fifo.out;
    }
}
