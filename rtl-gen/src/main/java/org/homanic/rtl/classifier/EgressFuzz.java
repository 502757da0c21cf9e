package org.homanic.rtl.classifier;

import org.homanic.hdl.Verilog;
import org.homanic.testbench.BuildOptions;
import org.homanic.testbench.Model;
import org.homanic.testbench.Simulator;
import org.homanic.testbench.VerilogDesign;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Long differential runs of the egress classifier against {@link EgressReference}: in rounds,
 * random learn events (more keys than the tables hold), then random host frames (10% with a
 * tuser override) and NIC packets, drained and compared before the next round.
 */
public final class EgressFuzz {
    private EgressFuzz() {}

    public static Model model(EgressClassifier.Params p) {
        Verilog.Design d = Verilog.emit(new EgressClassifier(p));
        return Model.load(new VerilogDesign(d.top(), new LinkedHashMap<>(d.verilogFiles())), BuildOptions.FASTEST);
    }

    /** A GRANT (two thirds) or CUTOFFS learn event over the traffic's peers and ids. */
    public static EgressReference.Learn randomLearn(SplittableRandom rnd, IngressTraffic traffic) {
        byte[] peer = traffic.peerKey(rnd.nextInt(traffic.peers()), rnd.nextBoolean());
        if (rnd.nextInt(3) > 0) {
            long id = (rnd.nextInt(64) + 1L) * 2 + (rnd.nextBoolean() ? 1 : 0);
            return new EgressReference.Learn(true, peer, id, rnd.nextInt(8), new long[8]);
        }
        long[] cut = new long[8];
        long bound = 1_000_000;
        for (int i = 1; i < 8; i++) {
            cut[i] = rnd.nextInt(10) == 0 ? rnd.nextLong(1L << 32) : rnd.nextLong(bound + 1);
            bound = Math.max(1, cut[i]);
        }
        return new EgressReference.Learn(false, peer, 0, 0, cut);
    }

    public static IngressFuzz.Result run(EgressClassifier.Params p, long frames, long seed, int round, double gap,
                                         double backPressure, int maxFrame, int[] priorityMap) {
        SplittableRandom rnd = new SplittableRandom(seed);
        IngressTraffic traffic = new IngressTraffic(seed, maxFrame, true);
        int defaultLevel = rnd.nextInt(8);
        long unsched = rnd.nextBoolean() ? 40_000 : rnd.nextInt(2_000_000);
        EgressReference ref = new EgressReference(p, priorityMap, defaultLevel, unsched);
        Model model = model(p);                      // built (or loaded) before the clock starts, as for ingress
        long start = System.nanoTime();
        long done = 0, delivered = 0, dropped = 0;
        List<String> errors = new ArrayList<>();
        try (Simulator sim = model.newSimulator()) {
            sim.reset(2);
            EgressHarness h = new EgressHarness(sim, p, seed, gap, backPressure, priorityMap, defaultLevel, unsched);
            long cycles = 0;
            while (done < frames && errors.isEmpty()) {
                int n = (int) Math.min(round, frames - done);
                for (int i = 0; i < 1 + rnd.nextInt(12); i++) h.learn(randomLearn(rnd, traffic));
                for (int i = 0; i < n; i++) {
                    IngressTraffic.Frame f = traffic.next();
                    h.send(new EgressHarness.HostFrame(f.bytes(), rnd.nextInt(10) == 0 ? rnd.nextInt(8) : -1));
                    if (rnd.nextInt(20) == 0) h.sendNic(traffic.validHoma());
                }
                if (!h.run(200L * n + 100_000, 100)) {
                    errors.add("round at frame " + done + " did not drain");
                    break;
                }
                EgressHarness.Result r = h.check(ref, false);
                errors.addAll(r.errors());
                delivered += r.sent();
                dropped += r.dropped();
                done += n;
            }
            cycles = h.cycles();
            return new IngressFuzz.Result(done, delivered, dropped, cycles, (System.nanoTime() - start) / 1e9, seed, errors);
        }
    }
}
