package org.homanic.cli;

import org.homanic.protocol.sched.Decision;
import org.homanic.protocol.sched.GrantConfig;
import org.homanic.protocol.workload.MessageSizeSampler;
import org.homanic.protocol.workload.Workload;
import org.homanic.rtl.grant.GrantDecision;
import org.homanic.rtl.grant.GrantSchedulerParams;
import org.homanic.rtl.grant.sim.GrantDifferential;
import org.homanic.rtl.grant.sim.GrantSchedulerSim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's grant-scheduler step: a receiver's event stream whose message sizes follow
 * workload W4 (loss, duplicates, reordering, late buffers, aborts included) through the
 * Verilated scheduler and the reference model side by side; the first GRANTs of both are shown
 * as a table and every GRANT must agree.
 */
final class DemoGrantScheduler {
    private DemoGrantScheduler() {}

    static final int SHOWN = 12;
    static final int PEERS = 12;

    /** One row of the table: what the hardware sent and what the reference decided. */
    record Row(long event, long cycle, Decision.Grant expected, GrantSchedulerSim.HwGrant sent) {}

    record Result(GrantDifferential.Result run, List<Row> rows, int entries) {
        boolean ok() {
            return run.mismatches() == 0 && run.countersAgree();
        }
    }

    static Result run(int events, long seed) throws IOException {
        GrantSchedulerParams params = GrantSchedulerParams.defaults();
        MessageSizeSampler sizes = new MessageSizeSampler(Workload.named("W4").cappedForHoma(), seed);
        List<Row> rows = new ArrayList<>();
        GrantDifferential.Options options = GrantDifferential.Options.of(events, seed).withMaxLive(24)
                .withTraffic(GrantConfig.defaults(), PEERS, sizes::next)
                .withObserver((event, cycle, want, got) -> {
                    if (rows.size() < SHOWN) rows.add(new Row(event, cycle, want, got));
                });
        GrantDifferential.Result r = GrantDifferential.run(GrantSchedulerSim.model(params), params, options);
        return new Result(r, rows, params.entries());
    }

    /** The table of the first GRANTs, hardware next to reference, one line each. */
    static List<String> table(Result result) {
        List<String> lines = new ArrayList<>();
        // "accepted": events the scheduler had taken when the GRANT left (it may already hold the next one).
        lines.add(String.format("      %8s %8s  %-24s %-26s %s", "accepted", "cycle", "RPC (peer, id)",
                "hardware: offset prio why", "reference: offset prio why"));
        for (Row row : result.rows()) {
            GrantSchedulerSim.HwGrant g = row.sent();
            Decision.Grant w = row.expected();
            String hw = String.format("%7d %4d %-6s", g.offset(), g.priority(), reason(g.reason()));
            String ref = w == null ? "(none)" : String.format("%7d %4d %-6s", w.offset(), w.priority(),
                    w.reason().name());
            boolean same = w != null && w.rpc().peer() == g.peer() && w.rpc().id() == g.id()
                    && w.offset() == g.offset() && w.priority() == g.priority() && w.reason().name().equals(reason(g.reason()));
            lines.add(String.format("      %8d %8d  %-24s %-26s %-26s %s", row.event(), row.cycle(),
                    "(" + g.peer() + ", " + g.id() + ")", hw, ref, same ? "=" : "DIFFERS"));
        }
        return lines;
    }

    private static String reason(int code) {
        return switch (code) {
            case GrantDecision.WINDOW -> "WINDOW";
            case GrantDecision.NEEDY -> "NEEDY";
            case GrantDecision.FIFO -> "FIFO";
            default -> "?" + code;
        };
    }
}
