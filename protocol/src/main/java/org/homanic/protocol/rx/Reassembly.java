package org.homanic.protocol.rx;

import java.util.ArrayList;
import java.util.List;

/**
 * Which DATA packets of one incoming message are kept (HomaModule {@code homa_add_packet},
 * spec 1.4). State: {@code recvEnd} (everything below it has arrived except the gaps) and the
 * list of gaps, oldest first. A packet is kept when it extends the message at recvEnd, starts
 * beyond recvEnd (opening a gap), or lies inside one gap touching its start, its end, or
 * neither (splitting it). Everything else is dropped with a reason.
 */
public final class Reassembly {

    /** What happened to one packet. */
    public enum Outcome {
        IN_ORDER(true), NEW_GAP(true), GAP_START_FILLED(true), GAP_END_FILLED(true), GAP_SPLIT(true), GAP_CLOSED(true),
        /** Offset at or past the message length. */
        DROP_OFFSET_OUT_OF_RANGE(false),
        /** Offset + length past the message length. */
        DROP_PAST_END(false),
        /** Starts before a gap and ends inside it. */
        DROP_OVERLAPS_GAP_START(false),
        /** Starts inside a gap and ends after it. */
        DROP_OVERLAPS_GAP_END(false),
        /** Every byte of it had already arrived. */
        DROP_DUPLICATE(false);

        private final boolean kept;

        Outcome(boolean kept) {
            this.kept = kept;
        }

        public boolean kept() {
            return kept;
        }
    }

    /** A missing range [start, end). */
    public record Gap(long start, long end) {}

    private final long length;
    private long recvEnd;
    private long bytesRemaining;
    /**
     * The gaps as two parallel arrays sorted by position (gaps never overlap), so the gap a
     * packet belongs to is found by binary search: a message whose packets arrive shuffled
     * has hundreds of gaps at once.
     */
    private long[] gapStart = new long[4];
    private long[] gapEnd = new long[4];
    private int gapCount;

    public Reassembly(long messageLength) {
        if (messageLength < 0) throw new IllegalArgumentException("message length " + messageLength);
        this.length = messageLength;
        this.bytesRemaining = messageLength;
    }

    /** Offers the packet carrying message bytes [offset, offset + payloadLength). */
    public Outcome add(long offset, long payloadLength) {
        if (payloadLength < 0) throw new IllegalArgumentException("negative payload length");
        long start = offset;
        long end = offset + payloadLength;
        if (start >= length) return Outcome.DROP_OFFSET_OUT_OF_RANGE;
        if (end > length) return Outcome.DROP_PAST_END;
        if (start == recvEnd) {
            recvEnd = end;
            return keep(payloadLength, Outcome.IN_ORDER);
        }
        if (start > recvEnd) {
            insertGap(gapCount, recvEnd, start);
            recvEnd = end;
            return keep(payloadLength, Outcome.NEW_GAP);
        }
        // The only gap the packet can touch is the first one ending after its start; if that
        // one begins at or after the packet's end, every byte of the packet has arrived.
        int i = firstGapEndingAfter(start);
        if (i == gapCount || end <= gapStart[i]) return Outcome.DROP_DUPLICATE;
        if (start <= gapStart[i]) {
            if (start < gapStart[i]) return Outcome.DROP_OVERLAPS_GAP_START;
            if (end > gapEnd[i]) return Outcome.DROP_OVERLAPS_GAP_END;
            gapStart[i] = end;
            if (gapStart[i] >= gapEnd[i]) {
                removeGap(i);
                return keep(payloadLength, Outcome.GAP_CLOSED);
            }
            return keep(payloadLength, Outcome.GAP_START_FILLED);
        }
        // start > gap start: the packet cannot cover the whole gap.
        if (end >= gapEnd[i]) {
            if (end > gapEnd[i]) return Outcome.DROP_OVERLAPS_GAP_END;
            gapEnd[i] = start;
            return keep(payloadLength, Outcome.GAP_END_FILLED);
        }
        long oldStart = gapStart[i];
        gapStart[i] = end;
        insertGap(i, oldStart, start);
        return keep(payloadLength, Outcome.GAP_SPLIT);
    }

    /**
     * Would {@link #add} of this packet open a new gap or split one ({@link Outcome#NEW_GAP} or
     * {@link Outcome#GAP_SPLIT})? Changes nothing: a receiver with a bounded number of gaps (the
     * NIC's grant scheduler keeps two per message) asks before it accepts the packet.
     */
    public boolean wouldOpenGap(long offset, long payloadLength) {
        long start = offset;
        long end = offset + payloadLength;
        if (start >= length || end > length || start == recvEnd) return false;
        if (start > recvEnd) return true;
        int i = firstGapEndingAfter(start);
        return i < gapCount && start > gapStart[i] && end < gapEnd[i];
    }

    private int firstGapEndingAfter(long position) {
        int lo = 0, hi = gapCount;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (gapEnd[mid] > position) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    private void insertGap(int at, long start, long end) {
        if (gapCount == gapStart.length) {
            gapStart = java.util.Arrays.copyOf(gapStart, gapCount * 2);
            gapEnd = java.util.Arrays.copyOf(gapEnd, gapCount * 2);
        }
        System.arraycopy(gapStart, at, gapStart, at + 1, gapCount - at);
        System.arraycopy(gapEnd, at, gapEnd, at + 1, gapCount - at);
        gapStart[at] = start;
        gapEnd[at] = end;
        gapCount++;
    }

    private void removeGap(int at) {
        System.arraycopy(gapStart, at + 1, gapStart, at, gapCount - at - 1);
        System.arraycopy(gapEnd, at + 1, gapEnd, at, gapCount - at - 1);
        gapCount--;
    }

    private Outcome keep(long payloadLength, Outcome outcome) {
        bytesRemaining -= payloadLength;
        return outcome;
    }

    public long length() { return length; }
    /** End of the highest byte range received so far. */
    public long recvEnd() { return recvEnd; }
    /** Bytes not yet received (what the grant scheduler ranks by). */
    public long bytesRemaining() { return bytesRemaining; }
    public boolean complete() { return bytesRemaining == 0; }

    /** The current gaps, lowest first. */
    public List<Gap> gaps() {
        List<Gap> out = new ArrayList<>(gapCount);
        for (int i = 0; i < gapCount; i++) out.add(new Gap(gapStart[i], gapEnd[i]));
        return List.copyOf(out);
    }

    /** Number of gaps (without building the list). */
    public int gapCount() { return gapCount; }
}
