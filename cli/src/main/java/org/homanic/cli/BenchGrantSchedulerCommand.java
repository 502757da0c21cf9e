package org.homanic.cli;

import org.homanic.rtl.grant.GrantSchedulerParams;
import org.homanic.rtl.grant.sim.GrantBench;
import org.homanic.rtl.grant.sim.GrantSchedulerSim;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ./homa bench grant-scheduler}: event rate and event-to-GRANT latency of the RTL, in cycles. */
@Command(name = "grant-scheduler", mixinStandardHelpOptions = true,
        description = {"The grant scheduler's event rate and latency in simulated cycles.",
                "Simulated cycle counts of the grant scheduler at several table sizes: DATA events accepted",
                "per cycle (input always valid, GRANT always ready) from 1, 8 and 32 messages, DATA packets",
                "per batch, cycles from an event's acceptance to the GRANT of its batch (one event at a time,",
                "and back to back), and the cycles of an END that promotes a waiting message (a table scan).",
                "Baseline, in the same run: the scheduler with batches of one packet (no merging) at the",
                "first table size."})
final class BenchGrantSchedulerCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--entries", split = ",", defaultValue = "64,1024,4096",
            description = "Table sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> entries;

    @Option(names = "--events", defaultValue = "20000", description = "DATA events per measurement (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (events < 100) throw new CommandLine.ParameterException(spec.commandLine(), "--events must be at least 100");
        List<GrantSchedulerParams> sizes = new ArrayList<>();
        for (int n : entries) {
            try {
                sizes.add(GrantSchedulerParams.defaults().withEntries(n));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        List<GrantBench.Result> results = new ArrayList<>();
        for (GrantSchedulerParams p : sizes) {
            err.printf("bench grant-scheduler: %d entries...%n", p.entries());
            err.flush();
            results.add(GrantBench.run(GrantSchedulerSim.model(p), p, events));
        }
        GrantSchedulerParams unmerged = sizes.getFirst().withBatches(sizes.getFirst().batchSlots(), 1);
        err.printf("bench grant-scheduler: baseline, %d entries without merging...%n", unmerged.entries());
        err.flush();
        GrantBench.Result base = GrantBench.run(GrantSchedulerSim.model(unmerged), unmerged, events);
        double ratio = results.getFirst().grantingEventsPerCycle() / base.grantingEventsPerCycle();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (GrantBench.Result r : results) rows.add(row(r));
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("design", "grant-scheduler");
            root.put("events", events);
            root.put("queue_entries", sizes.getFirst().batchSlots());
            root.put("packets_per_batch_max", sizes.getFirst().batchPackets());
            root.put("results", rows);
            root.put("baseline_without_merging", row(base));
            root.put("merging_events_per_cycle_ratio_8_granting", ratio);
            out.println(JsonReport.of(root));
        } else {
            out.printf("grant-scheduler, %d DATA events per measurement (simulated cycles); queue of %d entries of up to %d packets%n",
                    events, sizes.getFirst().batchSlots(), sizes.getFirst().batchPackets());
            out.printf("%-22s %10s %10s %10s %10s %10s %9s %16s %14s %12s%n", "", "events/cyc", "events/cyc", "events/cyc",
                    "events/cyc", "events/cyc", "packets", "event->GRANT", "back to back", "END+promote");
            out.printf("%-22s %10s %10s %10s %10s %10s %9s %16s %14s %12s%n", "entries", "1 msg", "8 granting", "8 active",
                    "32 msgs", "1-pkt msgs", "per batch", "min/median/max", "median/max", "cycles");
            for (GrantBench.Result r : results) print(out, Integer.toString(r.entries()), r);
            print(out, base.entries() + ", no merging", base);
            out.printf("merging: %.2fx the events per cycle of the same scheduler without it (8 granting messages)%n", ratio);
        }
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, String label, GrantBench.Result r) {
        out.printf("%-22s %10.4f %10.4f %10.4f %10.4f %10.4f %9.2f %16s %14s %12d%n", label, r.oneMessageEventsPerCycle(),
                r.grantingEventsPerCycle(), r.activeEventsPerCycle(), r.mixedEventsPerCycle(),
                r.singlePacketEventsPerCycle(), r.packetsPerBatch(),
                r.latencyMin() + "/" + r.latencyMedian() + "/" + r.latencyMax(),
                r.loadedLatencyMedian() + "/" + r.loadedLatencyMax(), r.endWithWaitingCycles());
    }

    private static Map<String, Object> row(GrantBench.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entries", r.entries());
        m.put("events_per_cycle_one_message", r.oneMessageEventsPerCycle());
        m.put("events_per_cycle_8_granting", r.grantingEventsPerCycle());
        m.put("events_per_cycle_8_active", r.activeEventsPerCycle());
        m.put("events_per_cycle_32_messages", r.mixedEventsPerCycle());
        m.put("events_per_cycle_single_packet_messages", r.singlePacketEventsPerCycle());
        m.put("packets_per_batch", r.packetsPerBatch());
        m.put("latency_cycles_min", r.latencyMin());
        m.put("latency_cycles_median", r.latencyMedian());
        m.put("latency_cycles_max", r.latencyMax());
        m.put("back_to_back_latency_cycles_median", r.loadedLatencyMedian());
        m.put("back_to_back_latency_cycles_max", r.loadedLatencyMax());
        m.put("end_with_waiting_cycles", r.endWithWaitingCycles());
        return m;
    }
}
