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
                "per cycle (input always valid, GRANT always ready), cycles from acceptance to GRANT, and the",
                "cycles of an END that promotes a waiting message (a table scan)."})
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
        List<GrantBench.Result> results = new ArrayList<>();
        for (int n : entries) {
            GrantSchedulerParams p;
            try {
                p = GrantSchedulerParams.defaults().withEntries(n);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            results.add(GrantBench.run(GrantSchedulerSim.model(p), p, events));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (GrantBench.Result r : results) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("entries", r.entries());
                m.put("events_per_cycle_active", r.activeEventsPerCycle());
                m.put("events_per_cycle_mixed", r.mixedEventsPerCycle());
                m.put("events_per_cycle_each_granting", r.grantingEventsPerCycle());
                m.put("latency_cycles_min", r.latencyMin());
                m.put("latency_cycles_median", r.latencyMedian());
                m.put("latency_cycles_max", r.latencyMax());
                m.put("end_with_waiting_cycles", r.endWithWaitingCycles());
                rows.add(m);
            }
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("design", "grant-scheduler");
            root.put("events", events);
            root.put("results", rows);
            out.println(JsonReport.of(root));
        } else {
            out.printf("grant-scheduler, %d DATA events per measurement (simulated cycles)%n", events);
            out.printf("%8s %16s %16s %16s %22s %18s%n", "entries", "events/cycle", "events/cycle", "events/cycle",
                    "event->GRANT cycles", "END+promotion");
            out.printf("%8s %16s %16s %16s %22s %18s%n", "", "(8 active)", "(24 waiting)", "(each a GRANT)",
                    "min/median/max", "cycles");
            for (GrantBench.Result r : results) {
                out.printf("%8d %16.4f %16.4f %16.4f %22s %18d%n", r.entries(), r.activeEventsPerCycle(),
                        r.mixedEventsPerCycle(), r.grantingEventsPerCycle(),
                        r.latencyMin() + "/" + r.latencyMedian() + "/" + r.latencyMax(), r.endWithWaitingCycles());
            }
        }
        out.flush();
        return 0;
    }
}
