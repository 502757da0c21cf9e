package org.homanic.rtl.classifier;

import org.homanic.testbench.Model;
import org.homanic.testbench.Simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * Long differential runs of the ingress classifier against {@link IngressReference}: random
 * traffic in rounds, each round drained and compared packet by packet before the next.
 */
public final class IngressFuzz {
    private IngressFuzz() {}

    /** {@code counters}: the hardware's counters at the end (ingress runs; empty for egress). */
    public record Result(long frames, long delivered, long hostDrops, long cycles, double seconds,
                         long seed, List<String> errors, long[] counters) {
        public Result(long frames, long delivered, long hostDrops, long cycles, double seconds, long seed,
                      List<String> errors) {
            this(frames, delivered, hostDrops, cycles, seconds, seed, errors, new long[0]);
        }

        public boolean ok() { return errors.isEmpty(); }
        public double framesPerSecond() { return frames / seconds; }
    }

    /**
     * {@code frames} random frames with seed {@code seed}, in rounds of {@code round}; random idle
     * cycles on input ({@code gap}) and host back-pressure. Stops at the first round with errors.
     */
    public static Result run(IngressClassifier.Params p, long frames, long seed, int round, double gap,
                             double backPressure, int maxFrame) {
        Model model = IngressModels.load(p, false);
        long start = System.nanoTime();
        long delivered = 0, drops = 0, done = 0;
        List<String> errors = new ArrayList<>();
        try (Simulator sim = model.newSimulator()) {
            sim.reset(2);
            IngressHarness h = new IngressHarness(sim, p, seed, gap, backPressure);
            IngressTraffic traffic = new IngressTraffic(seed, maxFrame);
            while (done < frames && errors.isEmpty()) {
                int n = (int) Math.min(round, frames - done);
                for (int i = 0; i < n; i++) h.send(traffic.next());
                if (!h.run(200L * n + 100_000, 64)) {
                    errors.add("round at frame " + done + " did not drain");
                    break;
                }
                IngressHarness.Result r = h.check(false);
                errors.addAll(r.errors());
                delivered += r.delivered();
                drops += r.hostDrops();
                done += n;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(done, delivered, drops, h.cycles(), seconds, seed, errors, h.counters());
        }
    }

    /** A seed as the fuzzers and tests print it (0x + up to 16 hex digits, so negative seeds too) or in decimal. */
    public static long parseSeed(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        return t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
    }
}
