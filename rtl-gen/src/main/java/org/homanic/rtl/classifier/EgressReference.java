package org.homanic.rtl.classifier;

import org.homanic.protocol.prio.SenderPriorities;
import org.homanic.protocol.wire.Checksums;
import org.homanic.protocol.wire.DataView;
import org.homanic.protocol.wire.FrameParser;
import org.homanic.protocol.wire.HomaView;
import org.homanic.protocol.wire.NetHeaders;
import org.homanic.protocol.wire.PacketType;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Java reference of the egress classifier, built on {@link FrameParser} and
 * {@link SenderPriorities}: the level of each frame, the frame as it leaves (TOS / traffic class
 * and IPv4 checksum rewritten for Homa packets), the learned tables (same capacity and
 * round-robin replacement as the hardware) and the counters.
 */
public final class EgressReference {
    /** A learn event as the egress side receives it. */
    public record Learn(boolean grant, byte[] peer, long localId, int priority, long[] cutoffs) {
        /** Same content; for CUTOFFS only entries 1..7 and the peer count, for GRANTs not the cutoffs. */
        public boolean same(Learn o) {
            if (grant != o.grant || !Arrays.equals(peer, o.peer)) return false;
            if (grant) return localId == o.localId && priority == o.priority;
            return Arrays.equals(Arrays.copyOfRange(cutoffs, 1, 8), Arrays.copyOfRange(o.cutoffs, 1, 8));
        }

        @Override
        public String toString() {
            return (grant ? "grant id=" + localId + " prio=" + priority : "cutoffs " + Arrays.toString(cutoffs))
                    + " peer=" + java.util.HexFormat.of().formatHex(peer);
        }
    }

    /** {@code override}: -1 for none, else the level the host asks for. */
    public record Outcome(int level, byte[] bytes, boolean homa) {}

    private record CutEntry(byte[] peer, long[] cutoffs) {}
    private record GrantEntry(byte[] peer, long id, int priority) {}

    private final EgressClassifier.Params params;
    private final int[] priorityMap;
    private final int defaultLevel;
    private final long unschedBytes;
    private final List<CutEntry> cuts = new ArrayList<>();
    private final List<GrantEntry> grants = new ArrayList<>();
    private int cutNext, grantNext;
    private final FrameParser parser = new FrameParser();
    private final long[] counters = new long[EgressCounter.ALL.size()];

    public EgressReference(EgressClassifier.Params params, int[] priorityMap, int defaultLevel, long unschedBytes) {
        this.params = params;
        this.priorityMap = priorityMap.clone();
        this.defaultLevel = defaultLevel;
        this.unschedBytes = unschedBytes;
        for (int i = 0; i < params.peerEntries(); i++) cuts.add(null);
        for (int i = 0; i < params.grantEntries(); i++) grants.add(null);
    }

    public void learn(Learn l) {
        if (l.grant()) {
            for (int i = 0; i < grants.size(); i++) {
                GrantEntry e = grants.get(i);
                if (e != null && Arrays.equals(e.peer(), l.peer()) && e.id() == l.localId()) {
                    grants.set(i, new GrantEntry(l.peer(), l.localId(), l.priority()));
                    return;
                }
            }
            grants.set(grantNext, new GrantEntry(l.peer(), l.localId(), l.priority()));
            grantNext = (grantNext + 1) % grants.size();
        } else {
            for (int i = 0; i < cuts.size(); i++) {
                CutEntry e = cuts.get(i);
                if (e != null && Arrays.equals(e.peer(), l.peer())) {
                    cuts.set(i, new CutEntry(l.peer(), l.cutoffs()));
                    return;
                }
            }
            cuts.set(cutNext, new CutEntry(l.peer(), l.cutoffs()));
            cutNext = (cutNext + 1) % cuts.size();
        }
    }

    public Outcome classify(byte[] frame, int override) {
        counters[EgressCounter.FRAMES]++;
        if (override >= 0) counters[EgressCounter.OVERRIDES]++;
        byte[] out = frame.clone();
        MemorySegment seg = MemorySegment.ofArray(out);
        if (!parser.parseFrame(seg, 0, out.length)) {
            return new Outcome(override >= 0 ? override : defaultLevel, out, false);
        }
        counters[EgressCounter.HOMA]++;
        long ip = parser.ipOffset();
        byte[] peer = new byte[16];
        if (parser.ipVersion() == 4) {
            peer[10] = (byte) 0xFF;
            peer[11] = (byte) 0xFF;
            MemorySegment.copy(seg, ip + NetHeaders.IPV4.field("dst").offset(), MemorySegment.ofArray(peer), 12, 4);
        } else {
            MemorySegment.copy(seg, ip + NetHeaders.IPV6.field("dst").offset(), MemorySegment.ofArray(peer), 0, 16);
        }
        long id = new HomaView().wrap(seg, parser.homaOffset()).senderId();
        int level;
        if (override >= 0) {
            level = override;
        } else if (parser.type() != PacketType.DATA) {
            level = new SenderPriorities(8).controlLevel();
        } else {
            DataView d = new DataView().wrap(seg, parser.homaOffset());
            SenderPriorities sp = new SenderPriorities(8);
            CutEntry c = cuts.stream().filter(e -> e != null && Arrays.equals(e.peer(), peer)).findFirst().orElse(null);
            if (c != null) sp.onCutoffs(c.cutoffs(), 0);
            GrantEntry g = grants.stream().filter(e -> e != null && Arrays.equals(e.peer(), peer) && e.id() == id)
                    .findFirst().orElse(null);
            boolean unscheduled = d.offset() < Math.min(unschedBytes, d.messageLength());
            if (unscheduled && c == null) counters[EgressCounter.FALLBACK_CUTOFFS]++;
            if (!unscheduled && g == null) counters[EgressCounter.FALLBACK_GRANT]++;
            level = sp.dataLevel(d.offset(), d.messageLength(), unschedBytes, g == null ? 0 : g.priority());
        }
        int wire = SenderPriorities.wireValue(level, priorityMap);
        if (parser.ipVersion() == 4) {
            NetHeaders.IPV4.field("priority").set(seg, ip, wire);
            int hl = (int) NetHeaders.IPV4.field("ihl").get(seg, ip) * 4;
            NetHeaders.IPV4.field("header_checksum").set(seg, ip, 0);
            NetHeaders.IPV4.field("header_checksum").set(seg, ip, Checksums.checksum(seg, ip, hl));
        } else {
            NetHeaders.IPV6.field("priority").set(seg, ip, wire);
        }
        return new Outcome(level, out, true);
    }

    /** Counters as the reference sees them; {@code enqueued_*} and the drop counters are checked against the output. */
    public long[] counters() {
        return counters.clone();
    }

    public EgressClassifier.Params params() {
        return params;
    }
}
