package org.homanic.rtl.grant;

import org.homanic.hdl.Bool;
import org.homanic.hdl.Module;
import org.homanic.hdl.UInt;
import org.homanic.hdl.Vec;

import static org.homanic.hdl.Hdl.*;

/**
 * The divisions the policy needs, computed continuously by one restoring divider (one quotient
 * bit per cycle): the dynamic window max_incoming / (n + 1) for n = 0..8 active messages, and
 * the FIFO grant interval fifo_grant_increment × 8 × 10^6 / (link_mbps × min(fraction, 500))
 * nanoseconds (0 when either knob is 0), as {@code GrantConfig.fifoIntervalNanos}. One pass
 * over the ten divisions takes 450 cycles; {@code ready} rises after the first pass.
 */
public final class GrantDivider extends Module {
    static final int NUM_BITS = 44;
    static final int DEN_BITS = 30;

    public final UInt maxIncoming = input(UInt(32));
    public final UInt fifoFraction = input(UInt(10));
    public final UInt fifoIncrement = input(UInt(GrantSchedulerParams.LEN_BITS));
    public final UInt linkMbps = input(UInt(20));

    public final Vec<UInt> windows = output(new Vec<>(9, i -> UInt(32)));
    public final UInt fifoInterval = output(UInt(NUM_BITS));
    public final Bool ready = output(Bool());

    public GrantDivider() {
        UInt job = reg("job", UInt(4), 0);
        UInt bit = reg("bit_count", UInt(6), 0);
        Bool running = reg("running", Bool(), 0);
        Bool done = reg("done", Bool(), 0);
        UInt num = reg("num", UInt(NUM_BITS));
        UInt den = reg("den", UInt(DEN_BITS));
        UInt rem = reg("rem", UInt(DEN_BITS));
        UInt quo = reg("quo", UInt(NUM_BITS - 1));
        Vec<UInt> win = reg("win", new Vec<>(9, i -> UInt(32)));
        UInt interval = reg("interval", UInt(NUM_BITS));

        UInt fraction = let("fraction", mux(fifoFraction.gt(500), lit(500, 10), fifoFraction));
        UInt fifoNum = let("fifo_num", fifoIncrement.mul(lit(8_000_000, 23)).resize(NUM_BITS));
        UInt fifoDen = let("fifo_den", linkMbps.mul(fraction).resize(DEN_BITS));
        Bool isFifo = let("is_fifo", job.eq(9));
        Bool fifoOff = let("fifo_off", fraction.eq(0).or(fifoIncrement.eq(0)).or(linkMbps.eq(0)));

        UInt shifted = let("shifted", cat(rem, num.bit(NUM_BITS - 1)));
        UInt diff = let("diff", shifted.subWithBorrow(den.extend(DEN_BITS + 1)));
        Bool fits = let("fits", diff.msb().not());
        UInt newQuo = let("new_quo", cat(quo, fits));
        unused(diff.bit(DEN_BITS)); // a remainder stays below the 30-bit divisor
        when(running.not(), () -> {
            sync(num, mux(isFifo, fifoNum, maxIncoming.extend(NUM_BITS)));
            sync(den, mux(isFifo, fifoDen, job.add(1).extend(DEN_BITS)));
            sync(rem, 0);
            sync(quo, 0);
            sync(bit, NUM_BITS);
            sync(running, TRUE);
        }).otherwise(() -> {
            sync(rem, mux(fits, diff.resize(DEN_BITS), shifted.resize(DEN_BITS)));
            sync(quo, newQuo.bits(NUM_BITS - 2, 0));
            sync(num, num.shl(1).resize(NUM_BITS));
            sync(bit, bit.sub(1));
            when(bit.eq(1), () -> {
                UInt q = newQuo;
                sync(running, FALSE);
                when(isFifo, () -> {
                    sync(interval, mux(fifoOff, lit(0, NUM_BITS), q));
                    sync(job, 0);
                    sync(done, TRUE);
                }).otherwise(() -> {
                    sync(win.at(job), q.resize(32));
                    sync(job, job.add(1));
                });
            });
        });
        comb(windows, win);
        comb(fifoInterval, interval);
        comb(ready, done);
    }
}
