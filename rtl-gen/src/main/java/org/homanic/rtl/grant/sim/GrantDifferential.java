package org.homanic.rtl.grant.sim;

import org.homanic.protocol.sched.Decision;
import org.homanic.protocol.sched.GrantConfig;
import org.homanic.protocol.sched.GrantScheduler;
import org.homanic.rtl.grant.GrantDecision;
import org.homanic.rtl.grant.GrantSchedulerParams;
import org.homanic.testbench.Model;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * Event-by-event differential run of the RTL grant scheduler against the reference model
 * ({@code protocol.sched.GrantScheduler}): random traffic is offered to the hardware as fast as
 * it takes it (with random idle cycles and GRANT back-pressure). The hardware queues events and
 * merges consecutive packets of a message; each time its front end takes an event ({@code taken})
 * the run checks that it is exactly the next queued host command of that message, or exactly
 * the next queued packets of that message in order, and gives it to the reference (packets as
 * one batch) at the time base value of the cycle the front end accepted it. Every GRANT the
 * hardware emits must equal the reference's next GRANT (RPC, offset, priority, reason), in
 * order. The equivalence is defined in docs/grant-scheduler.md.
 */
public final class GrantDifferential {
    private GrantDifferential() {}

    /**
     * @param maxLive live messages the traffic keeps at most (0: drawn from the seed, 8..47)
     * @param idle    probability that the source leaves a cycle idle
     * @param backPressure probability that GRANT ready is low in a cycle
     * @param nsPerCycle how far the time base moves per cycle
     * @param config  the scheduler's knobs (null: drawn from the seed)
     * @param peers   peers the traffic comes from (0: drawn from the seed, 4..23)
     * @param lengths message lengths (null: the traffic's built-in mix)
     * @param observer told about every GRANT pair (null: nobody)
     */
    public record Options(long events, long seed, int maxLive, double idle, double backPressure, int nsPerCycle,
                          GrantConfig config, int peers, LongSupplier lengths, GrantObserver observer) {
        public static Options of(long events, long seed) {
            return new Options(events, seed, 0, 0.2, 0.2, 40, null, 0, null, null);
        }

        public Options withMaxLive(int n) {
            return new Options(events, seed, n, idle, backPressure, nsPerCycle, config, peers, lengths, observer);
        }

        /** Fixed knobs, peers and message lengths instead of ones drawn from the seed. */
        public Options withTraffic(GrantConfig c, int numPeers, LongSupplier messageLengths) {
            return new Options(events, seed, maxLive, idle, backPressure, nsPerCycle, c, numPeers, messageLengths, observer);
        }

        /** Source idle and GRANT back-pressure probabilities per cycle. */
        public Options withTiming(double idleProbability, double backPressureProbability) {
            return new Options(events, seed, maxLive, idleProbability, backPressureProbability, nsPerCycle, config, peers,
                    lengths, observer);
        }

        public Options withObserver(GrantObserver o) {
            return new Options(events, seed, maxLive, idle, backPressure, nsPerCycle, config, peers, lengths, o);
        }
    }

    /** Sees each GRANT the hardware sent next to the one the reference expected. */
    @FunctionalInterface
    public interface GrantObserver {
        /** {@code event}: events accepted so far; {@code cycle}: the simulated cycle of the GRANT. */
        void grant(long event, long cycle, Decision.Grant expected, GrantSchedulerSim.HwGrant sent);
    }

    public record Result(long seed, GrantConfig config, long events, long cycles, long grants, long fifoGrants,
                         long needyGrants, long overflows, long refused, long mismatches, String firstMismatch,
                         double seconds, long hwGrants, long hwFifoGrants, long hwTableFull, long hwRefused,
                         long hwNeedy, long hwHighWater, long acceptedWhileBusy, long batches, long batchedPackets) {
        /**
         * acceptedWhileBusy: events accepted while the scheduler was still deciding an earlier one;
         * batches: DATA ranges the front end took, covering batchedPackets packets.
         */
        public double eventsPerSecond() {
            return events / Math.max(seconds, 1e-9);
        }

        /** The hardware's counters agree with what the reference and the predictions say. */
        public boolean countersAgree() {
            return hwGrants == grants && hwFifoGrants == fifoGrants && hwTableFull == overflows && hwRefused == refused;
        }
    }

    /** A random configuration within the knobs' ranges, drawn from the seed. */
    public static GrantConfig randomConfig(SplittableRandom rnd) {
        int numPriorities = 2 + rnd.nextInt(7);
        int[] fractions = {0, 50, 200, 500};
        return new GrantConfig(1 + rnd.nextInt(8), 30_000 + rnd.nextInt(470_000),
                rnd.nextBoolean() ? 0 : 5_000 + rnd.nextInt(80_000), fractions[rnd.nextInt(4)],
                rnd.nextBoolean() ? 10_000 : 50_000, rnd.nextBoolean() ? 25_000 : 100_000, numPriorities,
                rnd.nextInt(numPriorities));
    }

    public static Result run(Model model, GrantSchedulerParams params, Options o) {
        return run(model, params, o, null);
    }

    /**
     * Runs again with a model built with trace code and writes an FST waveform of the whole run
     * to {@code waveform} (for a failing seed).
     */
    public static Result runWithWaveform(GrantSchedulerParams params, Options o, java.nio.file.Path waveform) {
        Model traced = Model.load(GrantSchedulerSim.design(params), org.homanic.testbench.BuildOptions.DEFAULT);
        return run(traced, params, o, waveform);
    }

    private static Result run(Model model, GrantSchedulerParams params, Options o, java.nio.file.Path waveform) {
        SplittableRandom rnd = new SplittableRandom(o.seed());
        GrantConfig drawn = randomConfig(rnd);
        GrantConfig config = o.config() != null ? o.config() : drawn;
        GrantScheduler ref = new GrantScheduler(config);
        int drawnPeers = 4 + rnd.nextInt(20);
        GrantTraffic traffic = new GrantTraffic(rnd.nextLong(), params, o.peers() > 0 ? o.peers() : drawnPeers,
                o.maxLive() > 0 ? o.maxLive() : 8 + rnd.nextInt(40), o.maxLive() > 0 ? 400 : 60)
                .withLengths(o.lengths());
        Deque<Decision.Grant> expected = new ArrayDeque<>();
        // Events the hardware accepted and its front end has not taken yet, per message, in order.
        java.util.Map<org.homanic.protocol.sched.RpcKey, Deque<TrafficEvent>> queued = new java.util.HashMap<>();
        Deque<org.homanic.protocol.sched.RpcKey> expectedOverflows = new ArrayDeque<>();
        long grants = 0, fifo = 0, needy = 0, overflows = 0, refused = 0, mismatches = 0, whileBusy = 0;
        long batches = 0, batchedPackets = 0;
        String first = null;
        long start = System.nanoTime();
        try (GrantSchedulerSim hw = new GrantSchedulerSim(model.newSimulator())) {
            if (waveform != null) hw.simulator().openWaveform(waveform);
            hw.start(config);
            long time = 0;
            long offered = 0;
            long cycles = 0;
            TrafficEvent current = null;
            long limit = 2_000 + o.events() * 4_000L;
            while (cycles < limit) {
                if (current == null && offered < o.events()) current = traffic.next(ref);
                boolean offering = current != null && rnd.nextDouble() >= o.idle();
                if (offering) {
                    if (current.kind() == TrafficEvent.Kind.DATA) {
                        var p = current.packet();
                        hw.offerData(p.rpc().peer(), p.rpc().id(), p.messageLength(), p.offset(), p.payloadLength(),
                                p.incoming(), current.retransmit(), p.buffersAvailable());
                        hw.offerReply(replyOf(p.rpc()));
                    } else if (current.kind() == TrafficEvent.Kind.BUFFERS) {
                        hw.offerBuffers(current.key());
                    } else {
                        hw.offerEnd(current.key());
                    }
                } else {
                    hw.withdraw();
                }
                hw.setTime(time);
                hw.setGrantReady(rnd.nextDouble() >= o.backPressure());
                hw.eval();
                if (offering && hw.accepting()) {
                    if (!hw.idle()) whileBusy++;
                    queued.computeIfAbsent(current.key(), k -> new ArrayDeque<>()).add(current);
                    current = null;
                    offered++;
                }
                GrantSchedulerSim.Taken taken = hw.taken();
                if (taken != null) {
                    Deque<TrafficEvent> q = queued.get(taken.key());
                    List<TrafficEvent> events = takeQueued(q, taken);
                    if (events == null || events.size() > params.batchPackets()) {
                        mismatches++;
                        first = "cycle " + hw.simulator().cycle() + ": the front end took " + taken
                                + ", which is not the next queued event(s) of that message (at most "
                                + params.batchPackets() + " packets): " + (events != null ? events : q);
                        break;
                    }
                    List<Decision> out;
                    if (taken.op() != org.homanic.rtl.grant.DataBatch.DATA) {
                        TrafficEvent e = events.getFirst();
                        out = GrantTraffic.apply(ref, taken.time(), e);
                        traffic.accepted(e);
                    } else {
                        batches++;
                        batchedPackets += events.size();
                        // Each packet's fate from the tables as they are now; a batch whose first
                        // packet overflows the table overflows as a whole (one pulse).
                        List<org.homanic.protocol.sched.DataArrival> toRef = new java.util.ArrayList<>();
                        boolean overflowed = false;
                        for (TrafficEvent queuedEvent : events) {
                            TrafficEvent e = traffic.replan(queuedEvent);
                            if (overflowed) continue;
                            if (e.overflow()) {
                                overflowed = true;
                                overflows++;
                                expectedOverflows.add(e.key());
                            }
                            if (e.refused()) refused++;
                            if (e.toReference()) toRef.add(e.packet());
                            traffic.accepted(e);
                        }
                        if (toRef.isEmpty()) {
                            ref.advanceTime(taken.time());
                            out = List.of();
                        } else {
                            out = ref.onDataBatch(taken.time(), toRef);
                        }
                    }
                    ref.checkInvariants();
                    traffic.granted(out);
                    for (Decision d : out) {
                        if (d instanceof Decision.Grant g) expected.add(g);
                    }
                }
                if (hw.overflowPulse()) {
                    var want = expectedOverflows.poll();
                    if (!hw.overflowKey().equals(want) && first == null) {
                        mismatches++;
                        first = "event " + offered + ": overflow reported for " + hw.overflowKey() + ", expected " + want;
                        break;
                    }
                }
                if (hw.grantFires()) {
                    GrantSchedulerSim.HwGrant g = hw.grant();
                    Decision.Grant want = expected.poll();
                    grants++;
                    if (o.observer() != null) o.observer().grant(offered, hw.simulator().cycle(), want, g);
                    if (g.reason() == GrantDecision.FIFO) fifo++;
                    if (g.reason() == GrantDecision.NEEDY) needy++;
                    boolean replyOk = hw.grantReply().equals(replyOf(new org.homanic.protocol.sched.RpcKey(g.peer(), g.id())));
                    if (!same(want, g) || !replyOk) {
                        mismatches++;
                        if (first == null) {
                            first = "event " + offered + ", cycle " + hw.simulator().cycle() + ": expected "
                                    + want + ", hardware sent " + g + (replyOk ? "" : " with reply address "
                                    + hw.grantReply() + " instead of " + replyOf(want.rpc()));
                        }
                        break;
                    }
                }
                hw.tick();
                cycles++;
                time += o.nsPerCycle();
                if (offered >= o.events() && current == null && hw.idle() && expected.isEmpty()
                        && queued.values().stream().allMatch(Deque::isEmpty)) {
                    hw.withdraw();
                    hw.eval();
                    if (hw.idle()) break;
                }
            }
            // The overflow pulse comes one cycle after the lookup: look at the last cycles too.
            for (int i = 0; i < 3 && first == null && !expectedOverflows.isEmpty(); i++) {
                hw.eval();
                if (hw.overflowPulse() && !hw.overflowKey().equals(expectedOverflows.poll())) {
                    mismatches++;
                    first = "overflow reported for " + hw.overflowKey() + " at the end";
                }
                hw.tick();
            }
            if (first == null && !expectedOverflows.isEmpty()) {
                mismatches++;
                first = "overflow never reported for " + expectedOverflows.peek();
            }
            if (first == null && !expected.isEmpty()) {
                mismatches++;
                first = "the hardware never sent " + expected.size() + " expected GRANT(s), first " + expected.peek();
            }
            if (first == null && cycles >= limit) {
                mismatches++;
                first = "did not finish in " + limit + " cycles";
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(o.seed(), config, offered, cycles, grants, fifo, needy, overflows, refused, mismatches,
                    first, seconds, hw.counter("count_grants"), hw.counter("count_fifo_grants"),
                    hw.counter("count_table_full"), hw.counter("count_gap_refused"), hw.counter("count_needy"),
                    hw.counter("active_high_water"), whileBusy, batches, batchedPackets);
        }
    }

    /**
     * The queued events the front end took: the message's next host command, or its next packets
     * exactly covering [offset, end), in order; null if the hardware took anything else.
     */
    private static List<TrafficEvent> takeQueued(Deque<TrafficEvent> q, GrantSchedulerSim.Taken taken) {
        if (q == null || q.isEmpty()) return null;
        TrafficEvent head = q.peek();
        if (taken.op() != org.homanic.rtl.grant.DataBatch.DATA) {
            TrafficEvent.Kind want = taken.op() == org.homanic.rtl.grant.HostCommand.BUFFERS ? TrafficEvent.Kind.BUFFERS
                    : taken.op() == org.homanic.rtl.grant.HostCommand.END ? TrafficEvent.Kind.END : null;
            if (head.kind() != want) return null;
            return List.of(q.poll());
        }
        List<TrafficEvent> out = new java.util.ArrayList<>();
        long at = taken.offset();
        while (at < taken.end()) {
            TrafficEvent e = q.peek();
            if (e == null || e.kind() != TrafficEvent.Kind.DATA || e.packet().offset() != at) return null;
            long end = e.packet().offset() + e.packet().payloadLength();
            if (end > taken.end() || (end == at && !out.isEmpty())) return null;
            out.add(q.poll());
            if (end == at) break;          // a packet without payload is a batch of its own
            at = end;
        }
        if (out.isEmpty()) {
            // An empty range: one packet without payload.
            TrafficEvent e = q.peek();
            if (e.kind() != TrafficEvent.Kind.DATA || e.packet().offset() != at || e.packet().payloadLength() != 0) return null;
            out.add(q.poll());
        }
        return out;
    }

    /** The addresses each test message's DATA packets carry (a function of its key). */
    static GrantSchedulerSim.HwReply replyOf(org.homanic.protocol.sched.RpcKey k) {
        return new GrantSchedulerSim.HwReply((k.peer() * 0x10001L + 0x0200_0000_0000L) & 0xFFFF_FFFF_FFFFL,
                k.peer() * 0x9E3779B97F4A7C15L, (k.peer() & 1) == 1, (int) (k.id() & 0xFFFF), (int) ((k.id() >>> 16) & 0xFFFF));
    }

    private static boolean same(Decision.Grant want, GrantSchedulerSim.HwGrant got) {
        if (want == null) return false;
        int reason = switch (want.reason()) {
            case WINDOW -> GrantDecision.WINDOW;
            case NEEDY -> GrantDecision.NEEDY;
            case FIFO -> GrantDecision.FIFO;
        };
        return want.rpc().peer() == got.peer() && want.rpc().id() == got.id() && want.offset() == got.offset()
                && want.priority() == got.priority() && reason == got.reason();
    }
}
