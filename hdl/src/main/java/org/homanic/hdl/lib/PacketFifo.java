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

import java.util.function.Function;
import java.util.function.Supplier;

import static org.homanic.hdl.Hdl.*;

/**
 * A packet FIFO for a source that cannot be stalled (a MAC's receive side): {@code in.ready} is
 * always high, and a packet is either stored whole or dropped whole. A packet is dropped when
 * it does not fit (counted by a pulse on {@code droppedFull}) or when {@code bad} is high with
 * its last word (pulse on {@code droppedBad}). The output shows only complete packets, so the
 * reader never waits in the middle of one.
 */
public final class PacketFifo<T extends Data> extends Module {
    public final Stream<T> in;
    /** Sampled with the last word of each packet: high discards the packet (bad frame). */
    public final Bool bad;
    public final Stream<T> out;
    public final Bool droppedFull;
    public final Bool droppedBad;
    /** Words stored, committed or not. */
    public final UInt level;

    /** {@code depth}: a power of two, at least 2; {@code last} tells the last word of a packet. */
    public PacketFifo(Supplier<T> payloadType, int depth, Function<T, Bool> last) {
        if (depth < 2 || Integer.bitCount(depth) != 1) {
            throw new HdlException(SourceLocation.here(), "packet FIFO depth must be a power of two >= 2, not " + depth);
        }
        param("DEPTH", depth);
        int aw = clog2(depth);
        in = input(new Stream<>(payloadType));
        bad = input(Bool());
        out = output(new Stream<>(payloadType));
        droppedFull = output(Bool());
        droppedBad = output(Bool());
        level = output(UInt(aw + 1));

        int width = payloadType.get().width();
        param("WIDTH", width);
        Mem mem = mem("mem", width, depth);
        UInt wrPtr = reg("wr_ptr", UInt(aw + 1), 0);
        UInt commitPtr = reg("commit_ptr", UInt(aw + 1), 0);
        UInt rdPtr = reg("rd_ptr", UInt(aw + 1), 0);
        Bool dropping = reg("dropping", Bool(), 0);
        Bool full = let("full", wrPtr.eq(rdPtr.xor(lit(depth, aw + 1))));
        Bool inLast = let("in_last", last.apply(in.payload));

        comb(in.ready, TRUE);
        comb(level, wrPtr.sub(rdPtr));
        comb(droppedFull, FALSE);
        comb(droppedBad, FALSE);
        when(in.valid, () -> {
            when(dropping.or(full), () -> {
                // No room for this word: forget the packet so far and skip to its end.
                sync(wrPtr, commitPtr);
                sync(dropping, inLast.not());
                comb(droppedFull, inLast);
            }).otherwise(() -> {
                mem.write(wrPtr.bits(aw - 1, 0), in.payload.asBits());
                sync(wrPtr, wrPtr.add(1));
                when(inLast, () -> {
                    when(bad, () -> {
                        sync(wrPtr, commitPtr);
                        comb(droppedBad, TRUE);
                    }).otherwise(() -> sync(commitPtr, wrPtr.add(1)));
                });
            });
        });

        Bool outValid = reg("out_valid_reg", Bool(), 0);
        Bool available = let("available", rdPtr.ne(commitPtr));
        Bool load = let("load", available.and(outValid.not().or(out.ready)));
        UInt word = mem.readSync("out_word", rdPtr.bits(aw - 1, 0), load);
        when(load, () -> {
            sync(rdPtr, rdPtr.add(1));
            sync(outValid, TRUE);
        }).elseWhen(out.ready, () -> sync(outValid, FALSE));
        comb(out.valid, outValid);
        comb(out.payload, Bundle.unpack(payloadType.get(), word));
    }
}
