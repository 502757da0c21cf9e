package org.homanic.host.datapath;

import org.homanic.host.timer.Clock;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;

/**
 * A network inside one JVM joining several {@link InMemoryDatapath}s, with seeded faults (loss,
 * duplication, reordering, truncation, delay) and the ability to cut a host off. Deliveries are
 * ordered by (arrival time, send order), so with a {@link org.homanic.host.timer.VirtualClock}
 * the same seed gives the same packet sequence. Thread-safe; packets are copied at send.
 */
public final class InMemoryNetwork {

    /** Counts of what the network did to packets; read with {@link #stats()}. */
    public record Stats(long sent, long delivered, long lost, long duplicated, long reordered, long truncated,
                        long truncatedDropped, long cutOff) {}

    /** A packet on its way, with the priority level it was sent at (delivered with it, as the IP TOS byte is). */
    private record InFlight(long deliverAt, long order, long from, byte[] bytes, int sentLength, int level) {}

    private final Clock clock;
    private final long seed;
    private final Random random;
    private volatile FaultModel faults;
    private final int mtu;
    private final Map<Long, InMemoryDatapath> hosts = new HashMap<>();
    private final Map<Long, PriorityQueue<InFlight>> inboxes = new HashMap<>();
    private final Map<Long, ArrayDeque<long[]>> unreachable = new HashMap<>();
    private final Set<Long> isolated = new HashSet<>();
    private long nextHost = 1;
    private long order;
    private long sent, delivered, lost, duplicated, reordered, truncated, truncatedDropped, cutOff;

    public InMemoryNetwork(Clock clock, FaultModel faults, long seed, int mtu) {
        this.clock = clock;
        this.faults = faults;
        this.seed = seed;
        this.random = new Random(seed);
        this.mtu = mtu;
    }

    public long seed() { return seed; }
    public Clock clock() { return clock; }
    public void faults(FaultModel model) { this.faults = model; }

    /** A new host on this network with the given capabilities. */
    public synchronized InMemoryDatapath attach(Set<Capability> capabilities) {
        long address = nextHost++;
        InMemoryDatapath datapath = new InMemoryDatapath(this, address, mtu, capabilities);
        hosts.put(address, datapath);
        inboxes.put(address, new PriorityQueue<>((a, b) -> a.deliverAt != b.deliverAt
                ? Long.compare(a.deliverAt, b.deliverAt) : Long.compare(a.order, b.order)));
        unreachable.put(address, new ArrayDeque<>());
        return datapath;
    }

    public InMemoryDatapath attach() {
        return attach(Set.of());
    }

    /** Cuts {@code host} off (both directions) or reconnects it. Packets already in flight still arrive. */
    public synchronized void isolate(long host, boolean cut) {
        if (cut) isolated.add(host); else isolated.remove(host);
    }

    public synchronized Stats stats() {
        return new Stats(sent, delivered, lost, duplicated, reordered, truncated, truncatedDropped, cutOff);
    }

    synchronized void detach(long address) {
        hosts.remove(address);
        inboxes.remove(address);
        unreachable.remove(address);
    }

    synchronized void send(long from, PacketBatch batch) {
        FaultModel f = faults;
        long now = clock.nanoTime();
        for (int i = 0; i < batch.size(); i++) {
            sent++;
            long to = batch.peer(i);
            PriorityQueue<InFlight> inbox = inboxes.get(to);
            if (inbox == null) {
                ArrayDeque<long[]> notices = unreachable.get(from);
                if (notices != null) notices.add(new long[] {to, destinationPort(batch, i)});
                continue;
            }
            if (isolated.contains(from) || isolated.contains(to)) {
                cutOff++;
                continue;
            }
            if (random.nextDouble() < f.loss()) {
                lost++;
                continue;
            }
            int length = batch.length(i);
            if (length > 0 && random.nextDouble() < f.truncation()) {
                truncated++;
                length = random.nextInt(length);
            }
            byte[] bytes = batch.segment(i).asSlice(0, length).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
            int copies = random.nextDouble() < f.duplication() ? 2 : 1;
            if (copies == 2) duplicated++;
            for (int c = 0; c < copies; c++) {
                long at = now + f.delayNanos();
                if (f.maxJitterNanos() > 0 && random.nextDouble() < f.reordering()) {
                    reordered++;
                    at += 1 + (long) (random.nextDouble() * f.maxJitterNanos());
                }
                inbox.add(new InFlight(at, order++, from, bytes, batch.length(i), batch.priority(i)));
            }
        }
        batch.clear();
    }

    synchronized int poll(long host, PacketBatch batch) {
        PriorityQueue<InFlight> inbox = inboxes.get(host);
        if (inbox == null) return 0;
        long now = clock.nanoTime();
        int added = 0;
        while (!batch.isFull() && !inbox.isEmpty() && inbox.peek().deliverAt <= now) {
            InFlight p = inbox.poll();
            if (p.bytes.length > batch.slotCapacity()) continue; // larger than this host's MTU: lost on the wire
            if (p.bytes.length != p.sentLength) {
                truncatedDropped++; // the length check below Homa (IP/UDP) refuses a cut packet
                continue;
            }
            java.lang.foreign.MemorySegment.copy(p.bytes, 0, batch.next(), java.lang.foreign.ValueLayout.JAVA_BYTE, 0, p.bytes.length);
            batch.commit(p.bytes.length, p.from, p.level);
            delivered++;
            added++;
        }
        return added;
    }

    /** Earliest pending delivery time to {@code host}, or Long.MAX_VALUE when nothing is in flight. */
    synchronized long nextDelivery(long host) {
        PriorityQueue<InFlight> inbox = inboxes.get(host);
        return inbox == null || inbox.isEmpty() ? Long.MAX_VALUE : inbox.peek().deliverAt;
    }

    synchronized int pollUnreachable(long host, long[] peers, int[] ports) {
        ArrayDeque<long[]> notices = unreachable.get(host);
        int n = 0;
        while (notices != null && n < peers.length && !notices.isEmpty()) {
            long[] notice = notices.poll();
            peers[n] = notice[0];
            ports[n] = (int) notice[1];
            n++;
        }
        return n;
    }

    synchronized void reportPortUnreachable(long from, long peer, int port) {
        ArrayDeque<long[]> notices = unreachable.get(peer);
        if (notices != null && !isolated.contains(peer) && !isolated.contains(from)) notices.add(new long[] {from, port});
    }

    private static int destinationPort(PacketBatch batch, int i) {
        // The Homa dport is bytes 2..3 of every packet; read directly so the network needs no parser.
        if (batch.length(i) < 4) return 0;
        java.lang.foreign.MemorySegment s = batch.segment(i);
        return ((s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 2) & 0xFF) << 8) | (s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 3) & 0xFF);
    }
}
