package org.homanic.protocol.rx;

import org.homanic.protocol.rx.Reassembly.Gap;
import org.homanic.protocol.rx.Reassembly.Outcome;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Random packets against an oracle that tracks every byte: the outcome, the gaps (maximal runs
 * of missing bytes below recvEnd) and the bytes remaining must match the rules of spec 1.4 as
 * the oracle applies them, byte by byte.
 */
class ReassemblyRandomTest {

    /** The rules restated over a byte map. */
    private static final class Oracle {
        final boolean[] got;
        long recvEnd;

        Oracle(int length) {
            got = new boolean[length];
        }

        Outcome add(int start, int count) {
            int end = start + count;
            if (start >= got.length) return Outcome.DROP_OFFSET_OUT_OF_RANGE;
            if (end > got.length) return Outcome.DROP_PAST_END;
            if (start == recvEnd) return mark(start, end, Outcome.IN_ORDER);
            if (start > recvEnd) return mark(start, end, Outcome.NEW_GAP);
            // Only gaps count: a packet that starts in received data and runs past recvEnd
            // without touching a gap is a duplicate, as in HomaModule's homa_add_packet.
            int firstMissing = -1;
            for (int p = start; p < Math.min(end, recvEnd); p++) {
                if (!got[p]) {
                    firstMissing = p;
                    break;
                }
            }
            if (firstMissing < 0) return Outcome.DROP_DUPLICATE;
            int gs = firstMissing, ge = firstMissing;
            while (gs > 0 && !got[gs - 1]) gs--;
            while (ge < recvEnd && !got[ge]) ge++;
            if (start < gs) return Outcome.DROP_OVERLAPS_GAP_START;
            if (end > ge) return Outcome.DROP_OVERLAPS_GAP_END;
            Outcome o = start == gs && end == ge ? Outcome.GAP_CLOSED
                    : start == gs ? Outcome.GAP_START_FILLED : end == ge ? Outcome.GAP_END_FILLED : Outcome.GAP_SPLIT;
            return mark(start, end, o);
        }

        private Outcome mark(int start, int end, Outcome o) {
            for (int p = start; p < end; p++) got[p] = true;
            recvEnd = Math.max(recvEnd, end);
            return o;
        }

        List<Gap> gaps() {
            List<Gap> out = new ArrayList<>();
            for (int p = 0; p < recvEnd; p++) {
                if (got[p]) continue;
                int q = p;
                while (q < recvEnd && !got[q]) q++;
                out.add(new Gap(p, q));
                p = q;
            }
            return out;
        }

        long missing() {
            long n = 0;
            for (boolean b : got) if (!b) n++;
            return n;
        }
    }

    @Test
    void randomPacketsFollowTheRulesByteForByte() {
        long seed = 31337;
        System.out.println("ReassemblyRandomTest seed " + seed);
        Random random = new Random(seed);
        for (int trial = 0; trial < 300; trial++) {
            int length = 1 + random.nextInt(6000);
            boolean grid = trial % 2 == 0; // half the trials use MTU-aligned packets, shuffled, with duplicates
            int mtu = 1 + random.nextInt(700);
            Reassembly r = new Reassembly(length);
            Oracle o = new Oracle(length);
            for (int k = 0; k < 400; k++) {
                int start, count;
                if (grid) {
                    start = random.nextInt((length + mtu - 1) / mtu + 1) * mtu;
                    count = Math.max(1, Math.min(mtu, length - start));
                } else {
                    start = random.nextInt(length + 50);
                    count = 1 + random.nextInt(800);
                }
                Outcome expected = o.add(start, count);
                assertEquals(expected == Outcome.NEW_GAP || expected == Outcome.GAP_SPLIT, r.wouldOpenGap(start, count),
                        "wouldOpenGap, trial " + trial + " packet " + k + " [" + start + ", " + (start + count) + ")");
                assertEquals(expected, r.add(start, count), "trial " + trial + " packet " + k + " [" + start + ", " + (start + count) + ")");
                assertEquals(o.gaps(), r.gaps(), "trial " + trial + " packet " + k);
                assertEquals(o.gaps().size(), r.gapCount());
                assertEquals(o.missing(), r.bytesRemaining());
                assertEquals(o.recvEnd, r.recvEnd());
            }
        }
    }
}
