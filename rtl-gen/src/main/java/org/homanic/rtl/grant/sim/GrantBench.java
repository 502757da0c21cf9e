package org.homanic.rtl.grant.sim;

import org.homanic.protocol.sched.GrantConfig;
import org.homanic.protocol.sched.RpcKey;
import org.homanic.rtl.grant.GrantSchedulerParams;
import org.homanic.testbench.Model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Cycle counts of the Verilated scheduler (not wall time): sustained DATA events accepted per
 * cycle with the input always valid and GRANT always ready, cycles from an event's acceptance
 * to its GRANT, and the cost of an event that needs a table scan.
 */
public final class GrantBench {
    private GrantBench() {}

    /**
     * @param activeEventsPerCycle DATA events per cycle, every message active (8 messages, 8 peers;
     *                             the dynamic window grants each whole message at its first packet,
     *                             so later packets give no GRANT)
     * @param mixedEventsPerCycle  DATA events per cycle for 24 more messages that wait behind the first 8
     * @param grantingEventsPerCycle DATA events per cycle when every event gives a GRANT (8 active
     *                             messages, fixed 60,000-byte window)
     * @param latencyMin           cycles from an event's acceptance to its GRANT on grant_valid, smallest
     *                             (over the events of the granting stream)
     * @param latencyMedian        median
     * @param latencyMax           largest
     * @param endWithWaitingCycles cycles an END of an active message takes when messages wait (promotion scan)
     */
    public record Result(int entries, double activeEventsPerCycle, double mixedEventsPerCycle,
                         double grantingEventsPerCycle, int latencyMin, int latencyMedian, int latencyMax,
                         long endWithWaitingCycles) {}

    /** Packets per message in the granting stream: every one of them moves the window. */
    private static final int GRANTING_PACKETS = 600;

    public static Result run(Model model, GrantSchedulerParams params, int events) {
        GrantConfig noLimits = GrantConfig.defaults().withoutFifo().withMaxIncoming(100_000_000);
        List<Integer> latencies = new ArrayList<>();
        double grantingRate;
        // A simulator of its own: the table (block RAM) keeps its words across a reset.
        try (GrantSchedulerSim hw = new GrantSchedulerSim(model.newSimulator())) {
            hw.start(noLimits.withWindow(60_000));
            int granting = Math.min(events, 8 * GRANTING_PACKETS);
            grantingRate = stream(hw, 8, 8, granting, latencies);
            if (latencies.size() != granting) {
                throw new IllegalStateException(granting + " events gave " + latencies.size() + " GRANTs, expected one each");
            }
        }
        try (GrantSchedulerSim hw = new GrantSchedulerSim(model.newSimulator())) {
            hw.start(noLimits);
            double active = stream(hw, 8, 8, events, new ArrayList<>());
            double mixed = stream(hw, 24, 24, events, new ArrayList<>());
            // End an active message of the first phase while the 24 others wait: a promotion scan.
            long cycles = runEvent(hw, () -> hw.offerEnd(new RpcKey(0, 8_000)));
            Collections.sort(latencies);
            return new Result(params.entries(), active, mixed, grantingRate, latencies.getFirst(),
                    latencies.get(latencies.size() / 2), latencies.getLast(), cycles);
        }
    }

    /**
     * Round-robin in-order packets of {@code messages} 1,000,000-byte messages, input always valid.
     * Each GRANT is matched to the oldest accepted event of its message not yet matched (events
     * of one message are decided in order), so the latency is right even when the next event is
     * accepted before the previous one's GRANT.
     */
    private static double stream(GrantSchedulerSim hw, int messages, int peers, int events, List<Integer> latencies) {
        long[] sent = new long[messages];
        long base = messages * 1000L;
        ArrayDeque<long[]> pending = new ArrayDeque<>();     // {id, acceptance cycle}
        int accepted = 0;
        long cycles = 0;
        long acceptCycles = 0;
        int next = 0;
        while (accepted < events || (!hw.idle() && cycles < acceptCycles + 1_000)) {
            int m = next % messages;
            if (accepted < events) {
                hw.offerData(m % peers, base + 2L * m, 1_000_000, sent[m], 1400, 40_000, false, true);
            } else {
                hw.withdraw();
            }
            hw.setGrantReady(true);
            hw.eval();
            if (hw.grantFires()) {
                long id = hw.grant().id();
                while (!pending.isEmpty() && pending.peekFirst()[0] != id) pending.pollFirst();
                long[] event = pending.pollFirst();
                if (event != null) latencies.add((int) (cycles - event[1]));
            }
            if (accepted < events && hw.accepting()) {
                accepted++;
                acceptCycles = cycles + 1;
                pending.addLast(new long[] {base + 2L * m, cycles});
                sent[m] = (sent[m] + 1400) % 1_000_000;
                next++;
            }
            hw.tick();
            cycles++;
        }
        hw.withdraw();
        for (int i = 0; i < 100_000 && !hw.idle(); i++) {
            hw.eval();
            hw.tick();
        }
        return (double) accepted / acceptCycles;
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
