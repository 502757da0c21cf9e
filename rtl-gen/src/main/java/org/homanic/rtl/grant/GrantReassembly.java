package org.homanic.rtl.grant;

import org.homanic.hdl.Bool;
import org.homanic.hdl.Module;
import org.homanic.hdl.UInt;
import org.homanic.hdl.Vec;

import static org.homanic.hdl.Hdl.*;
import static org.homanic.rtl.grant.GrantSchedulerParams.LEN_BITS;

/**
 * The host's reassembly rule (protocol {@code rx.Reassembly}, HomaModule {@code homa_add_packet})
 * for one packet against one message's recvEnd and up to {@code gaps} gaps, combinationally.
 * A packet is kept when it extends the message at recvEnd, starts beyond it (a new gap), or lies
 * in one gap touching its start, its end, or neither (splitting it); everything else is dropped
 * and changes nothing. A packet that would need one gap more than the table holds is
 * {@code refuse}d: the scheduler then ignores the whole event, as if the packet had been lost.
 */
public final class GrantReassembly extends Module {
    public final UInt length = input(UInt(LEN_BITS));
    public final UInt recvEnd = input(UInt(LEN_BITS));
    public final UInt numGaps;
    public final Vec<UInt> gapStart;
    public final Vec<UInt> gapEnd;
    public final UInt offset = input(UInt(LEN_BITS));
    public final UInt payload = input(UInt(16));

    /** The packet's bytes count (remaining −= payload). */
    public final Bool keep = output(Bool());
    /** The packet needs a gap the entry cannot hold. */
    public final Bool refuse = output(Bool());
    public final UInt recvEndOut = output(UInt(LEN_BITS));
    public final UInt numGapsOut;
    public final Vec<UInt> gapStartOut;
    public final Vec<UInt> gapEndOut;

    public GrantReassembly(int gaps) {
        param("GAPS", gaps);
        int nw = indexWidth(gaps + 1);
        numGaps = input(UInt(nw));
        gapStart = input(new Vec<>(gaps, i -> UInt(LEN_BITS)));
        gapEnd = input(new Vec<>(gaps, i -> UInt(LEN_BITS)));
        numGapsOut = output(UInt(nw));
        gapStartOut = output(new Vec<>(gaps, i -> UInt(LEN_BITS)));
        gapEndOut = output(new Vec<>(gaps, i -> UInt(LEN_BITS)));

        UInt s = offset;
        UInt e = let("pkt_end", offset.extend(LEN_BITS + 1).add(payload.extend(LEN_BITS + 1)));
        Bool outOfRange = let("out_of_range", s.ge(length).or(e.gt(length.extend(LEN_BITS + 1))));
        Bool inOrder = let("in_order", s.eq(recvEnd));
        Bool beyond = let("beyond", s.gt(recvEnd));
        Bool full = let("gaps_full", numGaps.eq(gaps));

        // The first gap the packet touches: e > gap start and s < gap end.
        Bool[] first = new Bool[gaps];
        Bool earlier = FALSE;
        for (int i = 0; i < gaps; i++) {
            Bool hit = numGaps.gt(i).and(e.gt(gapStart.get(i).extend(LEN_BITS + 1))).and(s.lt(gapEnd.get(i)));
            first[i] = let("first_hit_" + i, hit.and(earlier.not()));
            earlier = earlier.or(hit);
        }
        Bool anyHit = let("any_hit", earlier);
        UInt g0 = lit(0, LEN_BITS);
        UInt g1 = lit(0, LEN_BITS);
        for (int i = 0; i < gaps; i++) {
            g0 = g0.or(mux(first[i], gapStart.get(i), lit(0, LEN_BITS)));
            g1 = g1.or(mux(first[i], gapEnd.get(i), lit(0, LEN_BITS)));
        }
        UInt hitStart = let("hit_start", g0);
        UInt hitEnd = let("hit_end", g1);
        UInt e20 = e.resize(LEN_BITS);
        Bool startCase = let("start_case", s.le(hitStart));
        Bool endPast = e.gt(hitEnd.extend(LEN_BITS + 1));
        Bool overlap = let("overlap", mux(startCase, s.lt(hitStart).or(endPast), endPast));
        Bool reachesEnd = let("reaches_end", e.ge(hitEnd.extend(LEN_BITS + 1)));

        comb(keep, FALSE);
        comb(refuse, FALSE);
        comb(recvEndOut, recvEnd);
        comb(numGapsOut, numGaps);
        for (int i = 0; i < gaps; i++) {
            comb(gapStartOut.get(i), gapStart.get(i));
            comb(gapEndOut.get(i), gapEnd.get(i));
        }
        when(outOfRange, () -> {
            // dropped: offset or end past the message
        }).elseWhen(inOrder, () -> {
            comb(keep, TRUE);
            comb(recvEndOut, e20);
        }).elseWhen(beyond, () -> {
            when(full, () -> comb(refuse, TRUE)).otherwise(() -> {
                comb(keep, TRUE);
                comb(recvEndOut, e20);
                comb(numGapsOut, numGaps.add(1));
                for (int i = 0; i < gaps; i++) {
                    int k = i;
                    when(numGaps.eq(k), () -> {
                        comb(gapStartOut.get(k), recvEnd);
                        comb(gapEndOut.get(k), s);
                    });
                }
            });
        }).elseWhen(anyHit.not().or(overlap), () -> {
            // dropped: duplicate, or overlaps a gap edge
        }).elseWhen(startCase.and(reachesEnd), () -> {
            // The gap is filled exactly: remove it, moving the later ones down.
            comb(keep, TRUE);
            comb(numGapsOut, numGaps.sub(1));
            Bool atOrAfter = FALSE;
            for (int i = 0; i < gaps - 1; i++) {
                atOrAfter = atOrAfter.or(first[i]);
                int k = i;
                when(atOrAfter, () -> {
                    comb(gapStartOut.get(k), gapStart.get(k + 1));
                    comb(gapEndOut.get(k), gapEnd.get(k + 1));
                });
            }
        }).elseWhen(startCase, () -> {
            comb(keep, TRUE);
            for (int i = 0; i < gaps; i++) {
                int k = i;
                when(first[i], () -> comb(gapStartOut.get(k), e20));
            }
        }).elseWhen(reachesEnd, () -> {
            comb(keep, TRUE);
            for (int i = 0; i < gaps; i++) {
                int k = i;
                when(first[i], () -> comb(gapEndOut.get(k), s));
            }
        }).otherwise(() -> {
            // Strictly inside the gap: split it in two.
            when(full, () -> comb(refuse, TRUE)).otherwise(() -> {
                comb(keep, TRUE);
                comb(numGapsOut, numGaps.add(1));
                for (int i = 0; i < gaps; i++) {
                    int k = i;
                    Bool afterNext = FALSE;
                    for (int j = 0; j + 1 < i; j++) afterNext = afterNext.or(first[j]);
                    Bool shifted = afterNext;
                    var chain = when(first[k], () -> comb(gapEndOut.get(k), s));
                    if (k >= 1) {
                        chain = chain.elseWhen(first[k - 1], () -> {
                            comb(gapStartOut.get(k), e20);
                            comb(gapEndOut.get(k), hitEnd);
                        });
                    }
                    if (k >= 2) {
                        chain.elseWhen(shifted, () -> {
                            comb(gapStartOut.get(k), gapStart.get(k - 1));
                            comb(gapEndOut.get(k), gapEnd.get(k - 1));
                        });
                    }
                }
            });
        });
    }
}
