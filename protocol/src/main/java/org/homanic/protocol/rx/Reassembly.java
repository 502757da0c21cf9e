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
    private final List<long[]> gaps = new ArrayList<>();

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
            gaps.add(new long[] {recvEnd, start});
            recvEnd = end;
            return keep(payloadLength, Outcome.NEW_GAP);
        }
        for (int i = 0; i < gaps.size(); i++) {
            long[] gap = gaps.get(i);
            if (start <= gap[0]) {
                if (end <= gap[0]) continue;
                if (start < gap[0]) return Outcome.DROP_OVERLAPS_GAP_START;
                if (end > gap[1]) return Outcome.DROP_OVERLAPS_GAP_END;
                gap[0] = end;
                if (gap[0] >= gap[1]) {
                    gaps.remove(i);
                    return keep(payloadLength, Outcome.GAP_CLOSED);
                }
                return keep(payloadLength, Outcome.GAP_START_FILLED);
            }
            // start > gap start: the packet cannot cover the whole gap.
            if (end >= gap[1]) {
                if (start >= gap[1]) continue;
                if (end > gap[1]) return Outcome.DROP_OVERLAPS_GAP_END;
                gap[1] = start;
                return keep(payloadLength, Outcome.GAP_END_FILLED);
            }
            gaps.add(i, new long[] {gap[0], start});
            gap[0] = end;
            return keep(payloadLength, Outcome.GAP_SPLIT);
        }
        return Outcome.DROP_DUPLICATE;
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
        return gaps.stream().map(g -> new Gap(g[0], g[1])).toList();
    }
}
