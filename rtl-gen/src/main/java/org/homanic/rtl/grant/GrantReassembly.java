package org.homanic.rtl.grant;

import org.homanic.hdl.Bool;
import org.homanic.hdl.Module;
import org.homanic.hdl.UInt;
import org.homanic.hdl.Vec;

import static org.homanic.hdl.Hdl.*;
import static org.homanic.rtl.grant.GrantSchedulerParams.LEN_BITS;

/**
 * The host's reassembly rule (protocol {@code rx.Reassembly}, HomaModule {@code homa_add_packet})
 * for one packet against one message's recvEnd and up to {@code gaps} gaps.
 * A packet is kept when it extends the message at recvEnd, starts beyond it (a new gap), or lies
 * in one gap touching its start, its end, or neither (splitting it); everything else is dropped
 * and changes nothing. A packet that would need one gap more than the table holds is
 * {@code refuse}d: the scheduler then ignores the whole event, as if the packet had been lost.
 * Two stages: the comparisons are registered, the outcome appears one cycle after the inputs.
 */
public final class GrantReassembly extends Module {
    public final UInt length = input(UInt(LEN_BITS));
    public final UInt recvEnd = input(UInt(LEN_BITS));
    public final UInt numGaps;
    public final Vec<UInt> gapStart;
    public final Vec<UInt> gapEnd;
    public final UInt offset = input(UInt(LEN_BITS));
    /** offset + payload length. */
    public final UInt pktEnd = input(UInt(LEN_BITS + 1));

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

        // Stage 1 (registered): every comparison against recvEnd and each gap, and the first gap hit.
        UInt e = pktEnd;
        Bool[] hit = new Bool[gaps];
        Bool earlier = FALSE;
        Bool[] firstNow = new Bool[gaps];
        for (int i = 0; i < gaps; i++) {
            hit[i] = numGaps.gt(i).and(e.gt(gapStart.get(i).extend(LEN_BITS + 1))).and(offset.lt(gapEnd.get(i)));
            firstNow[i] = hit[i].and(earlier.not());
            earlier = earlier.or(hit[i]);
        }
        UInt s = reg("s", UInt(LEN_BITS));
        sync(s, offset);
        UInt eR = reg("e", UInt(LEN_BITS));
        sync(eR, e.resize(LEN_BITS));        // a kept packet ends within the message (< 2^20)
        UInt recvEndR = reg("recv_end", UInt(LEN_BITS));
        sync(recvEndR, recvEnd);
        UInt numGapsR = reg("num_gaps", UInt(nw));
        sync(numGapsR, numGaps);
        Bool outOfRange = flag("out_of_range", offset.ge(length).or(e.gt(length.extend(LEN_BITS + 1))));
        Bool inOrder = flag("in_order", offset.eq(recvEnd));
        Bool beyond = flag("beyond", offset.gt(recvEnd));
        Bool full = flag("gaps_full", numGaps.eq(gaps));
        Bool anyHit = flag("any_hit", earlier);
        Bool[] first = new Bool[gaps];
        UInt[] gs = new UInt[gaps];
        UInt[] ge = new UInt[gaps];
        Bool[] sLeStart = new Bool[gaps];
        Bool[] sLtStart = new Bool[gaps];
        Bool[] eGtEnd = new Bool[gaps];
        Bool[] eGeEnd = new Bool[gaps];
        for (int i = 0; i < gaps; i++) {
            first[i] = flag("first_hit_" + i, firstNow[i]);
            gs[i] = reg("gap_start_" + i, UInt(LEN_BITS));
            sync(gs[i], gapStart.get(i));
            ge[i] = reg("gap_end_" + i, UInt(LEN_BITS));
            sync(ge[i], gapEnd.get(i));
            sLeStart[i] = flag("s_le_start_" + i, offset.le(gapStart.get(i)));
            sLtStart[i] = flag("s_lt_start_" + i, offset.lt(gapStart.get(i)));
            eGtEnd[i] = flag("e_gt_end_" + i, e.gt(gapEnd.get(i).extend(LEN_BITS + 1)));
            eGeEnd[i] = flag("e_ge_end_" + i, e.ge(gapEnd.get(i).extend(LEN_BITS + 1)));
        }

        // Stage 2: the outcome for the first gap hit.
        Bool startCaseAcc = FALSE;
        Bool sLtAcc = FALSE;
        Bool endPastAcc = FALSE;
        Bool reachesAcc = FALSE;
        UInt g1 = lit(0, LEN_BITS);
        for (int i = 0; i < gaps; i++) {
            startCaseAcc = startCaseAcc.or(first[i].and(sLeStart[i]));
            sLtAcc = sLtAcc.or(first[i].and(sLtStart[i]));
            endPastAcc = endPastAcc.or(first[i].and(eGtEnd[i]));
            reachesAcc = reachesAcc.or(first[i].and(eGeEnd[i]));
            g1 = g1.or(mux(first[i], ge[i], lit(0, LEN_BITS)));
        }
        UInt hitEnd = let("hit_end", g1);
        UInt e20 = eR;
        Bool startCase = let("start_case", startCaseAcc);
        Bool endPast = endPastAcc;
        Bool overlap = let("overlap", mux(startCase, sLtAcc.or(endPast), endPast));
        Bool reachesEnd = let("reaches_end", reachesAcc);
        UInt recvEndS = recvEndR;
        UInt numGapsS = numGapsR;
        comb(keep, FALSE);
        comb(refuse, FALSE);
        comb(recvEndOut, recvEndS);
        comb(numGapsOut, numGapsS);
        for (int i = 0; i < gaps; i++) {
            comb(gapStartOut.get(i), gs[i]);
            comb(gapEndOut.get(i), ge[i]);
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
                comb(numGapsOut, numGapsS.add(1));
                for (int i = 0; i < gaps; i++) {
                    int k = i;
                    when(numGapsS.eq(k), () -> {
                        comb(gapStartOut.get(k), recvEndS);
                        comb(gapEndOut.get(k), s);
                    });
                }
            });
        }).elseWhen(anyHit.not().or(overlap), () -> {
            // dropped: duplicate, or overlaps a gap edge
        }).elseWhen(startCase.and(reachesEnd), () -> {
            // The gap is filled exactly: remove it, moving the later ones down.
            comb(keep, TRUE);
            comb(numGapsOut, numGapsS.sub(1));
            Bool atOrAfter = FALSE;
            for (int i = 0; i < gaps - 1; i++) {
                atOrAfter = atOrAfter.or(first[i]);
                int k = i;
                when(atOrAfter, () -> {
                    comb(gapStartOut.get(k), gs[k + 1]);
                    comb(gapEndOut.get(k), ge[k + 1]);
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
                comb(numGapsOut, numGapsS.add(1));
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
                            comb(gapStartOut.get(k), gs[k - 1]);
                            comb(gapEndOut.get(k), ge[k - 1]);
                        });
                    }
                }
            });
        });
    }

    private Bool flag(String name, Bool value) {
        Bool r = reg(name, Bool());
        sync(r, value);
        return r;
    }
}
