package org.homanic.rtl.grant.sim;

import org.homanic.protocol.sched.GrantConfig;
import org.homanic.protocol.sched.RpcKey;
import org.homanic.rtl.grant.DataBatch;
import org.homanic.rtl.grant.GrantSchedulerParams;
import org.homanic.testbench.Model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cycle counts of the Verilated scheduler (not wall time): sustained DATA events accepted per
 * cycle with the input always valid and GRANT always ready, cycles from an event's acceptance
 * to the GRANT of the batch it joined, and the cost of an event that needs a table scan.
 * Messages are 1,000,000 bytes sent in 1,400-byte packets in order, round robin over the messages.
 */
public final class GrantBench {
    private GrantBench() {}

    /**
     * @param oneMessageEventsPerCycle DATA events per cycle from one message (fixed 60,000-byte
     *                             window: every batch moves its grant)
     * @param grantingEventsPerCycle DATA events per cycle from 8 active messages, fixed window
     * @param activeEventsPerCycle DATA events per cycle from 8 active messages, dynamic window (each
     *                             message is granted whole at its first packet: later ones give no GRANT)
     * @param mixedEventsPerCycle  DATA events per cycle from 32 messages on 32 peers, 24 of them
     *                             waiting behind the first 8 (more messages than queue entries)
     * @param singlePacketEventsPerCycle DATA events per cycle of one-packet messages (100 bytes,
     *                             all unscheduled: the scheduler keeps no entry for them), every
     *                             event another message: the only source of minimum-size DATA
     *                             packets at a high rate
     * @param packetsPerBatch      DATA packets per batch the front end took, in the 8-message granting stream
     * @param latencyMin           cycles from an event's acceptance to its GRANT, one event at a time
     * @param latencyMedian        median of those
     * @param latencyMax           largest of those
     * @param loadedLatencyMedian  cycles from an event's acceptance to the GRANT of its batch in the
     *                             8-message granting stream (events back to back), median
     * @param loadedLatencyMax     largest of those
     * @param endWithWaitingCycles cycles an END of an active message takes when messages wait (promotion scan)
     */
    public record Result(int entries, double oneMessageEventsPerCycle, double grantingEventsPerCycle,
                         double activeEventsPerCycle, double mixedEventsPerCycle, double singlePacketEventsPerCycle,
                         double packetsPerBatch,
                         int latencyMin, int latencyMedian, int latencyMax, int loadedLatencyMedian,
                         int loadedLatencyMax, long endWithWaitingCycles) {}

    /** Packets per message in the granting streams: every batch of them moves the window. */
    private static final int GRANTING_PACKETS = 600;
    private static final int PAYLOAD = 1400;

    /** What one stream measured. */
    private record Stream(double eventsPerCycle, List<Integer> latencies, long batches, long packets) {}

    public static Result run(Model model, GrantSchedulerParams params, int events) {
        GrantConfig noLimits = GrantConfig.defaults().withoutFifo().withMaxIncoming(100_000_000);
        GrantConfig fixed = noLimits.withWindow(60_000);
        int granting = Math.min(events, 8 * GRANTING_PACKETS);
        // A simulator each: the table (block RAM) keeps its words across a reset.
        Stream single = measure(model, fixed, sim -> stream(sim, 1, 1, Math.min(events, GRANTING_PACKETS), false));
        Stream eight = measure(model, fixed, sim -> stream(sim, 8, 8, granting, false));
        Stream alone = measure(model, fixed, sim -> stream(sim, 1, 1, Math.min(events, 400), true));
        if (eight.latencies().size() != granting || alone.latencies().size() != Math.min(events, 400)) {
            throw new IllegalStateException("the granting streams gave GRANTs to only some of their events");
        }
        double active = measure(model, noLimits, sim -> stream(sim, 8, 8, events, false)).eventsPerCycle();
        double mixed = measure(model, noLimits, sim -> stream(sim, 32, 32, events, false)).eventsPerCycle();
        double small = measure(model, noLimits, sim -> singlePacketMessages(sim, events)).eventsPerCycle();
        try (GrantSchedulerSim hw = new GrantSchedulerSim(model.newSimulator())) {
            hw.start(noLimits);
            // 32 messages of one packet each: 8 take the slots, 24 wait. Ending an active one
            // promotes a waiting one, which takes a table scan.
            for (int m = 0; m < 32; m++) {
                int msg = m;
                runEvent(hw, () -> hw.offerData(msg, 2L * msg, 1_000_000, 0, PAYLOAD, 40_000, false, true));
            }
            long cycles = runEvent(hw, () -> hw.offerEnd(new RpcKey(0, 0)));
            List<Integer> lat = new ArrayList<>(alone.latencies());
            List<Integer> loaded = new ArrayList<>(eight.latencies());
            Collections.sort(lat);
            Collections.sort(loaded);
            return new Result(params.entries(), single.eventsPerCycle(), eight.eventsPerCycle(), active, mixed, small,
                    (double) eight.packets() / Math.max(1, eight.batches()), lat.getFirst(), lat.get(lat.size() / 2),
                    lat.getLast(), loaded.get(loaded.size() / 2), loaded.getLast(), cycles);
        }
    }

    private static Stream measure(Model model, GrantConfig config, java.util.function.Function<GrantSchedulerSim, Stream> body) {
        try (GrantSchedulerSim hw = new GrantSchedulerSim(model.newSimulator())) {
            hw.start(config);
            return body.apply(hw);
        }
    }

    /**
     * Round-robin in-order packets of {@code messages} messages (when one is complete the host
     * ends it and its sender starts a new one), input always valid (or, with
     * {@code oneAtATime}, offered only while the scheduler is idle). Each packet's latency runs
     * from its acceptance to the GRANT of the batch the front end took it in: a message's
     * batches are taken and decided in order, so the n-th GRANT of a message belongs to its
     * n-th batch.
     */
    private static Stream stream(GrantSchedulerSim hw, int messages, int peers, int events, boolean oneAtATime) {
        long[] sent = new long[messages];
        long[] round = new long[messages];
        Map<Long, ArrayDeque<long[]>> waiting = new HashMap<>();      // id -> {end, acceptance cycle}
        Map<Long, ArrayDeque<List<Long>>> decided = new HashMap<>();  // id -> acceptance cycles per taken batch
        List<Integer> latencies = new ArrayList<>();
        int accepted = 0;
        long cycles = 0;
        long acceptCycles = 0;
        long batches = 0, packets = 0;
        int next = 0;
        while (accepted < events || (!hw.idle() && cycles < acceptCycles + 10_000)) {
            int m = next % messages;
            long id = 2L * (m + messages * round[m]);
            long length = 1_000_000;
            boolean end = sent[m] >= length;
            long payload = Math.min(PAYLOAD, length - sent[m]);
            boolean offer = accepted < events && (!oneAtATime || hw.idle());
            if (offer && end) {
                hw.offerEnd(new RpcKey(m % peers, id));
            } else if (offer) {
                hw.offerData(m % peers, id, length, sent[m], payload, 40_000, false, true);
            } else {
                hw.withdraw();
            }
            hw.setGrantReady(true);
            hw.eval();
            GrantSchedulerSim.Taken taken = hw.taken();
            if (taken != null && taken.op() == DataBatch.DATA) {
                ArrayDeque<long[]> w = waiting.get(taken.id());
                List<Long> batch = new ArrayList<>();
                while (w != null && !w.isEmpty() && w.peekFirst()[0] <= taken.end()) batch.add(w.pollFirst()[1]);
                decided.computeIfAbsent(taken.id(), k -> new ArrayDeque<>()).add(batch);
                batches++;
                packets += batch.size();
            }
            if (hw.grantFires()) {
                ArrayDeque<List<Long>> d = decided.get(hw.grant().id());
                List<Long> batch = d == null ? null : d.pollFirst();
                if (batch != null) for (long at : batch) latencies.add((int) (cycles - at));
            }
            if (offer && hw.accepting()) {
                acceptCycles = cycles + 1;
                if (end) {
                    sent[m] = 0;
                    round[m]++;
                } else {
                    accepted++;
                    waiting.computeIfAbsent(id, k -> new ArrayDeque<>()).add(new long[] {sent[m] + payload, cycles});
                    sent[m] += payload;
                }
                next++;
            }
            hw.tick();
            cycles++;
        }
        drain(hw);
        return new Stream((double) accepted / acceptCycles, latencies, batches, packets);
    }

    /** One 100-byte packet of a new message per event (from 64 peers), input always valid. */
    private static Stream singlePacketMessages(GrantSchedulerSim hw, int events) {
        int accepted = 0;
        long cycles = 0;
        while (accepted < events) {
            hw.offerData(accepted % 64, 2L * accepted, 100, 0, 100, 100, false, true);
            hw.setGrantReady(true);
            hw.eval();
            if (hw.accepting()) accepted++;
            hw.tick();
            cycles++;
        }
        drain(hw);
        return new Stream((double) accepted / cycles, List.of(), accepted, accepted);
    }

    /** Offers nothing more and runs until the scheduler is idle. */
    private static void drain(GrantSchedulerSim hw) {
        hw.withdraw();
        for (int i = 0; i < 100_000 && !hw.idle(); i++) {
            hw.eval();
            hw.tick();
        }
    }

    private static long runEvent(GrantSchedulerSim hw, Runnable offer) {
        offer.run();
        hw.eval();
        while (!hw.accepting()) {
            hw.tick();
            hw.eval();
        }
        hw.tick();
        hw.withdraw();
        long cycles = 1;
        hw.eval();
        while (!hw.idle()) {
            hw.tick();
            hw.eval();
            cycles++;
        }
        return cycles;
    }
}
