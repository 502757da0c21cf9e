package org.homanic.protocol.sched;

import org.homanic.protocol.sched.Decision.Grant;
import org.homanic.protocol.sched.Decision.Resend;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random traffic against the scheduler: senders that obey the grants, duplicates, aborts and
 * late buffers. After every event the model's invariants hold (including the per-peer rule),
 * GRANT offsets only grow and never pass the message end; at the end every message that was
 * not aborted has been fully granted and received (no starvation, no lost headroom).
 * Seeds are printed; -Dhoma.seed=N replays one.
 */
class GrantSchedulerRandomTest {
    private static final int MTU_PAYLOAD = 1400;

    /** The sender side of one message, as far as the receiver's scheduler is concerned. */
    private static final class Sender {
        final RpcKey key;
        final long length;
        final long unscheduled;
        final boolean buffersAtStart;
        long granted;
        long sent;
        boolean aborted;
        boolean restarted;

        Sender(RpcKey key, long length, long unscheduled, boolean buffersAtStart) {
            this.key = key;
            this.length = length;
            this.unscheduled = unscheduled;
            this.buffersAtStart = buffersAtStart;
            this.granted = unscheduled;
        }
    }

    @Test
    void randomTrafficKeepsTheInvariantsAndCompletesEveryMessage() {
        String fixed = System.getProperty("homa.seed");
        long first = fixed != null ? Long.parseLong(fixed) : 1;
        int runs = fixed != null ? 1 : 40;
        for (long seed = first; seed < first + runs; seed++) {
            System.out.println("grant scheduler random traffic, seed " + seed);
            run(seed);
        }
    }

    private static void run(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        GrantConfig cfg = new GrantConfig(1 + rnd.nextInt(8), 50_000 + rnd.nextInt(400_000), rnd.nextBoolean() ? 0 : 10_000 + rnd.nextInt(60_000),
                rnd.nextInt(4) == 0 ? 0 : 50, 50_000, 25_000, 8, 3);
        GrantScheduler s = new GrantScheduler(cfg);
        Map<RpcKey, Sender> senders = new LinkedHashMap<>();
        Map<RpcKey, Long> lastGrant = new HashMap<>();
        List<Sender> withoutBuffers = new ArrayList<>();
        Map<String, Integer> counts = new TreeMap<>();
        long now = 0;
        int created = 0;
        for (int step = 0; step < 4000 || hasWork(senders) || !withoutBuffers.isEmpty(); step++) {
            if (step > 200_000) fail("seed " + seed + ": traffic did not finish; config " + cfg);
            now += rnd.nextInt(20_000);
            List<Decision> out;
            int choice = rnd.nextInt(100);
            List<Sender> ready = senders.values().stream().filter(x -> !x.aborted && x.sent < Math.min(x.granted, x.length)).toList();
            if (step < 4000 && (choice < 8 || ready.isEmpty()) && created < 60) {
                long peer = rnd.nextInt(6);
                long length = 1 + (rnd.nextInt(3) == 0 ? rnd.nextInt(2_000) : rnd.nextInt(1_000_000));
                boolean buffers = rnd.nextInt(10) != 0;
                Sender x = new Sender(new RpcKey(peer, 2L * created + 1), length, Math.min(40_000, length), buffers);
                created++;
                senders.put(x.key, x);
                out = s.onData(now, packet(x, rnd));
                if (!buffers) withoutBuffers.add(x);
            } else if (choice < 10 && !withoutBuffers.isEmpty()) {
                Sender x = withoutBuffers.remove(rnd.nextInt(withoutBuffers.size()));
                out = s.onBufferAvailable(now, x.key);
            } else if (choice < 11 && step < 4000 && !ready.isEmpty()) {
                Sender x = ready.get(rnd.nextInt(ready.size()));
                x.aborted = true;
                withoutBuffers.remove(x);
                out = s.onRpcEnd(now, x.key);
            } else if (!ready.isEmpty()) {
                Sender x = ready.get(rnd.nextInt(ready.size()));
                if (rnd.nextInt(20) == 0 && x.sent > 0) {
                    // A duplicate of an earlier packet: must change nothing but may trigger a check.
                    out = s.onData(now, new DataArrival(x.key, x.length, x.unscheduled, 0, Math.min(MTU_PAYLOAD, x.length)));
                } else {
                    out = s.onData(now, packet(x, rnd));
                }
            } else {
                continue;
            }
            for (Decision d : out) {
                Sender x = senders.get(d.rpc());
                counts.merge(d instanceof Grant g ? "grant " + g.reason() : "resend", 1, Integer::sum);
                if (d instanceof Grant g) {
                    long prev = lastGrant.getOrDefault(g.rpc(), 0L);
                    if (g.offset() <= prev) fail("seed " + seed + ": GRANT offset did not grow: " + g + " after " + prev);
                    if (g.offset() > x.length) fail("seed " + seed + ": GRANT past the end: " + g);
                    lastGrant.put(g.rpc(), g.offset());
                    x.granted = Math.max(x.granted, g.offset());
                    assertTrue(g.priority() >= 0 && g.priority() <= 7);
                } else if (d instanceof Resend r) {
                    // The sender restarts: everything it had sent is lost at the receiver.
                    assertEquals(0, r.offset());
                    x.sent = 0;
                    x.restarted = true;
                }
            }
            try {
                s.checkInvariants();
            } catch (IllegalStateException e) {
                fail("seed " + seed + " step " + step + " config " + cfg + ": " + e.getMessage());
            }
            // Completed messages are consumed by the application at some later point.
            for (Sender x : senders.values()) {
                if (!x.aborted && x.sent == x.length && s.bytesRemaining(x.key) == 0 && rnd.nextInt(4) == 0) {
                    x.aborted = true; // consumed: the RPC ends
                    s.onRpcEnd(now, x.key);
                    s.checkInvariants();
                }
            }
        }
        System.out.println("  " + created + " messages, " + counts + ", config " + cfg);
        assertTrue(counts.getOrDefault("grant WINDOW", 0) > 0, "seed " + seed + " never granted");
        for (Sender x : senders.values()) {
            if (x.aborted) continue;
            assertEquals(0, s.bytesRemaining(x.key), "seed " + seed + ": " + x.key + " never completed; config " + cfg);
        }
    }

    private static boolean hasWork(Map<RpcKey, Sender> senders) {
        return senders.values().stream().anyMatch(x -> !x.aborted && x.sent < x.length);
    }

    /** The sender's next in-order packet (within what it may send). */
    private static DataArrival packet(Sender x, SplittableRandom rnd) {
        long bytes = Math.min(MTU_PAYLOAD, Math.min(x.granted, x.length) - x.sent);
        DataArrival p = new DataArrival(x.key, x.length, x.unscheduled, x.sent, bytes, x.buffersAtStart);
        x.sent += bytes;
        return p;
    }
}
