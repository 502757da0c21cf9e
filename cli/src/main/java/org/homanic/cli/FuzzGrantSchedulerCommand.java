package org.homanic.cli;

import org.homanic.rtl.grant.GrantSchedulerParams;
import org.homanic.rtl.grant.sim.GrantDifferential;
import org.homanic.rtl.grant.sim.GrantSchedulerSim;
import org.homanic.testbench.Model;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ./homa fuzz grant-scheduler}: the RTL grant scheduler against the reference model, event by event. */
@Command(name = "grant-scheduler", mixinStandardHelpOptions = true,
        description = {"Random traffic (loss, duplicates, reordering, aborts, late buffers, table overflow) through",
                "the Verilated grant scheduler and the reference model; every GRANT must match, in order.",
                "Exit status 1 on a mismatch."})
final class FuzzGrantSchedulerCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--events", defaultValue = "100000", description = "Events to offer (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--entries", defaultValue = "64",
            description = "Message table entries; small tables overflow more often (default: ${DEFAULT-VALUE}).")
    int entries;

    @Option(names = "--back-to-back",
            description = "Offer events in every cycle (no idle cycles, 5%% GRANT back-pressure) instead of 20%% idle cycles and 20%% back-pressure, so the queue fills and merges packets into batches.")
    boolean backToBack;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (events < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--events must be at least 1");
        GrantSchedulerParams params;
        try {
            params = GrantSchedulerParams.defaults().withEntries(entries);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Model model = GrantSchedulerSim.model(params);
        GrantDifferential.Options options = GrantDifferential.Options.of(events, seed);
        if (backToBack) options = options.withTiming(0, 0.05);
        GrantDifferential.Result r = GrantDifferential.run(model, params, options);
        boolean ok = r.mismatches() == 0 && r.countersAgree();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("design", "grant-scheduler");
            m.put("entries", entries);
            m.put("seed", seed);
            m.put("config", r.config().toString());
            m.put("events", r.events());
            m.put("back_to_back", backToBack);
            m.put("cycles", r.cycles());
            m.put("events_accepted_while_busy", r.acceptedWhileBusy());
            m.put("data_batches", r.batches());
            m.put("packets_in_batches", r.batchedPackets());
            m.put("seconds", r.seconds());
            m.put("events_per_second", r.eventsPerSecond());
            m.put("grants", r.grants());
            m.put("fifo_grants", r.fifoGrants());
            m.put("needy_grants", r.needyGrants());
            m.put("table_overflows", r.overflows());
            m.put("gap_refusals", r.refused());
            m.put("mismatches", r.mismatches());
            m.put("first_mismatch", r.firstMismatch());
            m.put("counters_agree", r.countersAgree());
            m.put("ok", ok);
            out.println(JsonReport.of(m));
        } else {
            out.printf("grant-scheduler fuzz: seed %d, %d entries, %s%n", seed, entries, r.config());
            out.printf("  %d events in %d cycles (%d accepted while an earlier one was still being decided), %.2f s, %.0f events/s%n",
                    r.events(), r.cycles(), r.acceptedWhileBusy(), r.seconds(), r.eventsPerSecond());
            out.printf("  %d DATA packets decided in %d batches (%.2f packets per batch)%n", r.batchedPackets(), r.batches(),
                    (double) r.batchedPackets() / Math.max(1, r.batches()));
            out.printf("  %d GRANTs (%d FIFO, %d needy), %d table overflows, %d gap refusals%n", r.grants(), r.fifoGrants(),
                    r.needyGrants(), r.overflows(), r.refused());
            out.printf("  mismatches: %d%s; counters %s%n", r.mismatches(),
                    r.firstMismatch() == null ? "" : " (first: " + r.firstMismatch() + ")", r.countersAgree() ? "agree" : "DISAGREE");
        }
        out.flush();
        return ok ? 0 : 1;
    }
}
