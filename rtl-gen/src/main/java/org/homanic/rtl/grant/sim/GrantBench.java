package org.homanic.rtl.grant.sim;

import org.homanic.protocol.sched.GrantConfig;
import org.homanic.protocol.sched.RpcKey;
import org.homanic.rtl.grant.GrantSchedulerParams;
import org.homanic.testbench.Model;

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
     * @param activeEventsPerCycle DATA events per cycle, every message active (8 messages, 8 peers)
     * @param mixedEventsPerCycle  DATA events per cycle for 24 more messages that wait behind the first 8
     * @param latencyMin           cycles from acceptance to grant_valid, smallest
     * @param latencyMedian        median
     * @param latencyMax           largest
     * @param endWithWaitingCycles cycles an END of an active message takes when messages wait (promotion scan)
     */
    public record Result(int entries, double activeEventsPerCycle, double mixedEventsPerCycle, int latencyMin,
                         int latencyMedian, int latencyMax, long endWithWaitingCycles) {}

    public static Result run(Model model, GrantSchedulerParams params, int events) {
        try (GrantSchedulerSim hw = new GrantSchedulerSim(model.newSimulator())) {
            hw.start(GrantConfig.defaults().withoutFifo().withMaxIncoming(100_000_000));
            List<Integer> latencies = new ArrayList<>();
            double active = stream(hw, 8, 8, events, latencies);
            double mixed = stream(hw, 24, 24, events, new ArrayList<>());
            // End an active message of the first phase while the 24 others wait: a promotion scan.
            long cycles = runEvent(hw, () -> hw.offerEnd(new RpcKey(0, 8_000)));
            Collections.sort(latencies);
            return new Result(params.entries(), active, mixed, latencies.getFirst(), latencies.get(latencies.size() / 2),
                    latencies.getLast(), cycles);
        }
    }

    /** Round-robin in-order packets of {@code messages} 1,000,000-byte messages, input always valid. */
    private static double stream(GrantSchedulerSim hw, int messages, int peers, int events, List<Integer> latencies) {
        long[] sent = new long[messages];
        long base = messages * 1000L;
        int accepted = 0;
        long cycles = 0;
        long acceptedAt = -1;
        int next = 0;
        while (accepted < events) {
            int m = next % messages;
            hw.offerData(m % peers, base + 2L * m, 1_000_000, sent[m], 1400, 40_000, false, true);
            hw.setGrantReady(true);
            hw.eval();
            if (hw.grantFires() && acceptedAt >= 0) {
                latencies.add((int) (cycles - acceptedAt));
                acceptedAt = -1;
            }
            if (hw.accepting()) {
                accepted++;
                acceptedAt = cycles;
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
        return (double) accepted / cycles;
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
