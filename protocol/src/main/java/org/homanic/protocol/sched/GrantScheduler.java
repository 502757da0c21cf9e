package org.homanic.protocol.sched;

import org.homanic.protocol.rx.Reassembly;
import org.homanic.protocol.sched.Decision.Grant;
import org.homanic.protocol.sched.Decision.GrantReason;
import org.homanic.protocol.sched.Decision.Resend;
import org.homanic.protocol.wire.HomaConstants;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reference model of HomaModule's receiver-side grant scheduler ({@code homa_grant.c} after
 * the 2026-05-21 refactor; spec section 3), driven by events and deterministic: the same event
 * sequence always gives the same decisions. The RTL grant scheduler must produce the same
 * GRANTs for the same events.
 *
 * <p>Each {@code on...} call is one event at time {@code now} (nanoseconds, never decreasing)
 * and returns the packets it causes, in order. A DATA event is one batch of one packet; HomaModule
 * runs the scheduler once per batch of packets of one RPC, which {@link #onDataBatch} models.
 *
 * <p>Step numbers in comments refer to spec 3.3.
 */
public final class GrantScheduler {

    /** Per-message receiver state (homa_message_in). */
    private static final class Msg {
        final RpcKey key;
        final Peer peer;
        final Reassembly data;
        final long birth;
        final long sequence;
        long granted;
        long recIncoming;
        int activeIx = -1;
        boolean grantable;
        boolean managed;
        boolean hasBuffers;

        Msg(RpcKey key, Peer peer, long length, long birth, long sequence) {
            this.key = key;
            this.peer = peer;
            this.data = new Reassembly(length);
            this.birth = birth;
            this.sequence = sequence;
        }

        long length() { return data.length(); }
        long remaining() { return data.bytesRemaining(); }
        long received() { return data.length() - data.bytesRemaining(); }
    }

    private static final class Peer {
        final long id;
        int activeCount;
        /** Managed messages of this peer without an active slot. */
        final List<Msg> waiting = new ArrayList<>();

        Peer(long id) {
            this.id = id;
        }
    }

    /**
     * "Outranks": fewer unreceived bytes first; ties go to the older message (earlier birth,
     * then earlier first arrival for equal timestamps).
     */
    private static final Comparator<Msg> RANK = Comparator.comparingLong(Msg::remaining)
            .thenComparingLong(m -> m.birth).thenComparingLong(m -> m.sequence);

    private final GrantConfig config;
    private final Map<RpcKey, Msg> messages = new LinkedHashMap<>();
    private final Map<Long, Peer> peers = new HashMap<>();
    private final Msg[] active = new Msg[GrantConfig.MAX_GRANTS];
    private int needy;
    private int numActive;
    private long window;
    private long totalIncoming;
    private long now;
    private long nextFifo;
    private long nextSequence;
    private List<Decision> out = new ArrayList<>();

    public GrantScheduler(GrantConfig config) {
        this.config = config;
        recomputeWindow();
        // Zero-initialised like HomaModule's kzalloc'ed state: the first check finds a FIFO grant due.
        this.nextFifo = 0;
    }

    /** One DATA packet for one RPC (a batch of one). */
    public List<Decision> onData(long time, DataArrival packet) {
        return onDataBatch(time, List.of(packet));
    }

    /** Several DATA packets of the same RPC processed together, then one scheduler check. */
    public List<Decision> onDataBatch(long time, List<DataArrival> packets) {
        advanceTime(time);
        if (packets.isEmpty()) return List.of();
        RpcKey key = packets.getFirst().rpc();
        Msg m = messages.get(key);
        for (DataArrival p : packets) {
            if (!p.rpc().equals(key)) throw new IllegalArgumentException("a batch holds packets of one RPC");
            if (m == null) m = create(p);
            if (m.hasBuffers) m.data.add(p.offset(), p.payloadLength());
        }
        checkRpc(m);
        return drain();
    }

    /**
     * The receive buffer pool found room for a message that had none: RESEND(0, everything,
     * num_priorities − 2) restarts its sender, then the message becomes grantable.
     */
    public List<Decision> onBufferAvailable(long time, RpcKey key) {
        advanceTime(time);
        Msg m = require(key);
        if (!m.hasBuffers) {
            m.hasBuffers = true;
            out.add(new Resend(key, 0, HomaConstants.RESEND_ALL, config.numPriorities() - 2));
            checkRpc(m);
        }
        return drain();
    }

    /**
     * The RPC ended (message consumed, RPC aborted or timed out): forget it, as step 2. A later
     * DATA packet with the same key starts a new message.
     */
    public List<Decision> onRpcEnd(long time, RpcKey key) {
        advanceTime(time);
        Msg m = messages.remove(key);
        if (m != null) {
            unmanage(m);
            checkNeedy();
        }
        return drain();
    }

    /** Moves the clock (FIFO grants fall due with time but are only sent after a normal grant). */
    public void advanceTime(long time) {
        if (time < now) throw new IllegalArgumentException("time went backwards: " + time + " < " + now);
        now = time;
    }

    private Msg create(DataArrival p) {
        Peer peer = peers.computeIfAbsent(p.rpc().peer(), Peer::new);
        Msg m = new Msg(p.rpc(), peer, p.messageLength(), now, nextSequence++);
        m.granted = Math.min(p.incoming(), p.messageLength());
        m.grantable = p.incoming() < p.messageLength();
        m.hasBuffers = p.buffersAvailable();
        messages.put(p.rpc(), m);
        return m;
    }

    /** homa_grant_check_rpc. */
    private void checkRpc(Msg m) {
        if (!m.grantable) return;                                   // 1
        if (m.remaining() == 0) {                                   // 2
            unmanage(m);
            checkNeedy();
            return;
        }
        if (!m.managed) {                                           // 3
            if (!m.hasBuffers) {
                checkNeedy();
                return;
            }
            m.managed = true;
            activateOrWait(m);
        }
        updateIncoming(m);                                          // 4
        if (m.activeIx < 0 && best(m.peer.waiting) == m) {
            m.peer.waiting.remove(m);
            activateOrWait(m);
        }
        if (m.activeIx >= 0) trySend(m, true, GrantReason.WINDOW);  // 5
        checkNeedy();                                               // 6
    }

    /**
     * Step 3's victim rule: an empty slot if there is one; otherwise the lowest-ranked active
     * message among the peers holding the most slots (counting the newcomer for its own peer).
     * It is replaced when its peer holds more than one slot beyond what the newcomer's peer
     * would hold, or when the newcomer outranks it. The loser waits in its peer's list.
     */
    private void activateOrWait(Msg m) {
        for (int i = 0; i < config.maxOvercommit(); i++) {
            if (active[i] == null) {
                place(m, i);
                return;
            }
        }
        int most = -1;
        for (int i = 0; i < config.maxOvercommit(); i++) most = Math.max(most, slotsCounting(active[i].peer, m));
        Msg victim = null;
        for (int i = 0; i < config.maxOvercommit(); i++) {
            Msg a = active[i];
            if (slotsCounting(a.peer, m) == most && (victim == null || RANK.compare(a, victim) > 0)) victim = a;
        }
        boolean peerHogsSlots = victim.peer != m.peer && victim.peer.activeCount > m.peer.activeCount + 1;
        if (peerHogsSlots || RANK.compare(m, victim) < 0) {
            int ix = victim.activeIx;
            vacate(victim);
            victim.peer.waiting.add(victim);
            place(m, ix);
        } else {
            m.peer.waiting.add(m);
        }
    }

    private static int slotsCounting(Peer p, Msg newcomer) {
        return p.activeCount + (p == newcomer.peer ? 1 : 0);
    }

    private void place(Msg m, int ix) {
        active[ix] = m;
        m.activeIx = ix;
        m.peer.activeCount++;
        numActive++;
        needy &= ~(1 << ix);
        recomputeWindow();
    }

    private void vacate(Msg m) {
        int ix = m.activeIx;
        active[ix] = null;
        needy &= ~(1 << ix);
        m.activeIx = -1;
        m.peer.activeCount--;
        numActive--;
        recomputeWindow();
    }

    /** Step 2: leave the scheduler; a freed slot goes to the best message of the least-served peer. */
    private void unmanage(Msg m) {
        boolean wasManaged = m.managed;
        m.grantable = false;
        m.managed = false;
        if (!wasManaged) return;
        if (m.activeIx >= 0) {
            int ix = m.activeIx;
            vacate(m);
            promoteInto(ix);
        } else {
            m.peer.waiting.remove(m);
        }
        totalIncoming -= m.recIncoming;
        m.recIncoming = 0;
    }

    /**
     * Peers with waiting messages, in order of their best waiting message; the first with no
     * active slot wins at once, else the one with the fewest (earliest in that order on ties).
     */
    private void promoteInto(int ix) {
        List<Peer> candidates = new ArrayList<>();
        for (Peer p : peers.values()) if (!p.waiting.isEmpty()) candidates.add(p);
        if (candidates.isEmpty()) return;
        candidates.sort(Comparator.comparing(p -> best(p.waiting), RANK));
        Peer chosen = null;
        for (Peer p : candidates) {
            if (chosen == null || p.activeCount < chosen.activeCount) chosen = p;
            if (p.activeCount == 0) break;
        }
        Msg m = best(chosen.waiting);
        chosen.waiting.remove(m);
        place(m, ix);
        needy |= 1 << ix;
    }

    private void updateIncoming(Msg m) {
        long incoming = Math.max(0, m.granted - m.received());
        totalIncoming += incoming - m.recIncoming;
        m.recIncoming = incoming;
    }

    /** Step 5: grant up to received + window, within max_incoming. */
    private void trySend(Msg m, boolean deferToNeedy, GrantReason reason) {
        long want = m.received() + window - m.granted;
        if (want <= 0) return;
        want = Math.min(want, m.length() - m.granted);
        if (want <= 0) return;
        long headroom = config.maxIncoming() - totalIncoming;
        int bit = 1 << m.activeIx;
        if (headroom <= 0 || (deferToNeedy && (needy & ~bit) != 0)) {
            needy |= bit;
            return;
        }
        long grant = Math.min(want, headroom);
        if (grant < want) needy |= bit;
        else needy &= ~bit;
        m.granted += grant;
        m.recIncoming += grant;
        totalIncoming += grant;
        out.add(new Grant(m.key, m.granted, grantPriority(rank(m), numActive, config.maxSchedPrio()), reason));
        checkFifo();
    }

    /** Step 6: serve held-back slots, best first, while there is headroom. */
    private void checkNeedy() {
        while (totalIncoming < config.maxIncoming() && needy != 0) {
            Msg best = null;
            for (int i = 0; i < GrantConfig.MAX_GRANTS; i++) {
                if ((needy & (1 << i)) != 0 && (best == null || RANK.compare(active[i], best) < 0)) best = active[i];
            }
            needy &= ~(1 << best.activeIx);
            trySend(best, false, GrantReason.NEEDY);
        }
    }

    /** FIFO grant to the oldest managed message that is not fully granted and not unresponsive. */
    private void checkFifo() {
        long interval = config.fifoIntervalNanos();
        if (interval == 0 || now < nextFifo) return;
        nextFifo = now + interval;
        Msg oldest = null;
        for (Msg m : messages.values()) {
            if (!m.managed || m.granted >= m.length()) continue;
            if (m.recIncoming >= window + 2 * config.fifoGrantIncrement()) continue;
            if (oldest == null || m.birth < oldest.birth || (m.birth == oldest.birth && m.sequence < oldest.sequence)) oldest = m;
        }
        if (oldest == null) return;
        oldest.granted = Math.min(oldest.length(), oldest.granted + config.fifoGrantIncrement());
        updateIncoming(oldest);
        out.add(new Grant(oldest.key, oldest.granted, config.numPriorities() - 2, GrantReason.FIFO));
    }

    private int rank(Msg m) {
        int rank = 0;
        for (int i = 0; i < GrantConfig.MAX_GRANTS; i++) {
            if (active[i] != null && active[i] != m && RANK.compare(active[i], m) < 0) rank++;
        }
        return rank;
    }

    /**
     * homa_grant_priority: max_sched_prio − rank, lowered further by the number of unused
     * scheduled levels when fewer messages are active than there are levels; never below 0.
     */
    public static int grantPriority(int rank, int numActive, int maxSchedPrio) {
        int priority = maxSchedPrio - rank;
        int surplus = maxSchedPrio + 1 - numActive;
        if (surplus >= 0) priority -= surplus;
        return Math.max(0, priority);
    }

    private void recomputeWindow() {
        window = config.window() != 0 ? config.window() : config.maxIncoming() / (numActive + 1);
    }

    private static Msg best(List<Msg> list) {
        return list.stream().min(RANK).orElse(null);
    }

    private Msg require(RpcKey key) {
        Msg m = messages.get(key);
        if (m == null) throw new IllegalArgumentException("no incoming message " + key);
        return m;
    }

    private List<Decision> drain() {
        List<Decision> result = out;
        out = new ArrayList<>();
        return result;
    }

    /**
     * Checks the model's internal consistency and the per-peer rule; throws IllegalStateException
     * naming the first violation. Cheap enough to call after every event in randomized tests.
     */
    public void checkInvariants() {
        int counted = 0;
        Map<Peer, Integer> slotsPerPeer = new HashMap<>();
        for (int i = 0; i < GrantConfig.MAX_GRANTS; i++) {
            Msg a = active[i];
            if (a == null) {
                if ((needy & (1 << i)) != 0) throw new IllegalStateException("needy bit on empty slot " + i);
                continue;
            }
            if (i >= config.maxOvercommit()) throw new IllegalStateException("slot " + i + " beyond max_overcommit");
            if (a.activeIx != i || !a.managed) throw new IllegalStateException(a.key + " in slot " + i + " is inconsistent");
            counted++;
            slotsPerPeer.merge(a.peer, 1, Integer::sum);
        }
        if (counted != numActive) throw new IllegalStateException("numActive " + numActive + " but " + counted + " slots used");
        long total = 0;
        int waiting = 0;
        for (Msg m : messages.values()) {
            if (m.granted > m.length()) throw new IllegalStateException(m.key + " granted past its length");
            if (!m.managed) continue;
            total += m.recIncoming;
            // Equal after every update; a grant to a sender that already sent past its grant adds
            // to it (as HomaModule does) until the next update, so only the lower bound always holds.
            if (m.recIncoming < Math.max(0, m.granted - m.received())) throw new IllegalStateException(m.key + " stale incoming");
            if (m.activeIx < 0) {
                waiting++;
                if (!m.peer.waiting.contains(m)) throw new IllegalStateException(m.key + " managed but in no list");
            }
        }
        if (total != totalIncoming) throw new IllegalStateException("total_incoming " + totalIncoming + " != sum " + total);
        if (waiting > 0 && numActive < config.maxOvercommit()) throw new IllegalStateException("a slot is free while messages wait");
        for (Peer p : peers.values()) {
            if (p.activeCount != slotsPerPeer.getOrDefault(p, 0)) throw new IllegalStateException("peer " + p.id + " slot count");
            if (!p.waiting.isEmpty() && p.activeCount == 0) {
                for (int n : slotsPerPeer.values()) {
                    if (n > 1) throw new IllegalStateException("peer " + p.id + " has none of the slots while another holds " + n);
                }
            }
        }
    }

    // Observations for tests and for comparing against the RTL.

    public long window() { return window; }
    public int numActive() { return numActive; }
    public long totalIncoming() { return totalIncoming; }
    public long now() { return now; }
    public boolean isActive(RpcKey key) { return require(key).activeIx >= 0; }
    public boolean isNeedy(RpcKey key) {
        Msg m = require(key);
        return m.activeIx >= 0 && (needy & (1 << m.activeIx)) != 0;
    }
    public long granted(RpcKey key) { return require(key).granted; }
    public long bytesRemaining(RpcKey key) { return require(key).remaining(); }
    public GrantConfig config() { return config; }
}
