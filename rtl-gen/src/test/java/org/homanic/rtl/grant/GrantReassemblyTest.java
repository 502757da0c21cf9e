package org.homanic.rtl.grant;

import org.homanic.hdl.Verilog;
import org.homanic.protocol.rx.Reassembly;
import org.homanic.testbench.BuildOptions;
import org.homanic.testbench.Model;
import org.homanic.testbench.Simulator;
import org.homanic.testbench.VerilogDesign;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * GrantReassembly against the protocol module's Reassembly, packet by packet: the hardware gets
 * the reference's current state, and its verdict (kept / refused) and new state must be the
 * reference's, except that a packet needing a third gap is refused (gaps = 2).
 */
class GrantReassemblyTest {
    private static final int GAPS = 2;

    @Test
    void matchesReassemblyWithTwoGaps() {
        String fixed = System.getProperty("homa.seed");
        long seed = fixed != null ? Long.decode(fixed) : 5;
        System.out.println("[homa] GrantReassemblyTest seed " + seed);
        Random rnd = new Random(seed);
        Verilog.Design d = Verilog.emit(new GrantReassembly(GAPS));
        Model model = Model.load(new VerilogDesign(d.top(), new LinkedHashMap<>(d.verilogFiles())), BuildOptions.FASTEST);
        int kept = 0, refused = 0, dropped = 0;
        try (Simulator sim = model.newSimulator()) {
            sim.reset(1);
            for (int msg = 0; msg < 300; msg++) {
                long length = 1 + rnd.nextInt(rnd.nextBoolean() ? 20_000 : 1_000_000);
                Reassembly r = new Reassembly(length);
                for (int step = 0; step < 60 && !r.complete(); step++) {
                    long unit = 1 + rnd.nextInt(3000);
                    List<Reassembly.Gap> open = r.gaps();
                    int kind = rnd.nextInt(10);
                    long offset;
                    if (kind < 5) {
                        offset = r.recvEnd();                                            // in order
                    } else if (kind < 8 && !open.isEmpty()) {
                        Reassembly.Gap g = open.get(rnd.nextInt(open.size()));          // into a gap
                        offset = rnd.nextBoolean() ? g.start() : g.start() + rnd.nextLong(g.end() - g.start());
                    } else if (kind < 9) {
                        offset = r.recvEnd() + rnd.nextInt(5000);                        // beyond: a new gap
                    } else {
                        offset = rnd.nextLong(length + 10);                              // anywhere
                    }
                    long payload = rnd.nextInt(8) == 0 ? rnd.nextInt(5000) : Math.min(unit, Math.max(0, length - offset));
                    if (offset >= (1 << 20) || payload >= 65536) continue;
                    List<Reassembly.Gap> gaps = r.gaps();
                    sim.port("length").set(length);
                    sim.port("recvEnd").set(r.recvEnd());
                    sim.port("numGaps").set(gaps.size());
                    for (int g = 0; g < GAPS; g++) {
                        sim.port("gapStart_" + g).set(g < gaps.size() ? gaps.get(g).start() : rnd.nextInt(1 << 20));
                        sim.port("gapEnd_" + g).set(g < gaps.size() ? gaps.get(g).end() : rnd.nextInt(1 << 20));
                    }
                    sim.port("offset").set(offset);
                    sim.port("pktEnd").set(offset + payload);
                    sim.tick();
                    sim.eval();
                    String where = "seed " + seed + " length " + length + " packet [" + offset + ", " + (offset + payload)
                            + ") recvEnd " + r.recvEnd() + " gaps " + gaps;
                    boolean needsGap = r.wouldOpenGap(offset, payload);
                    if (needsGap && gaps.size() == GAPS) {
                        assertEquals(1, sim.port("refuse").get(), where);
                        assertEquals(0, sim.port("keep").get(), where);
                        refused++;
                        continue;
                    }
                    assertEquals(0, sim.port("refuse").get(), where);
                    Reassembly.Outcome o = r.add(offset, payload);
                    assertEquals(o.kept() ? 1 : 0, sim.port("keep").get(), where + " outcome " + o);
                    if (!o.kept()) {
                        dropped++;
                        continue;
                    }
                    kept++;
                    assertEquals(r.recvEnd(), sim.port("recvEndOut").get(), where);
                    List<Reassembly.Gap> after = r.gaps();
                    assertEquals(after.size(), sim.port("numGapsOut").get(), where + " outcome " + o);
                    for (int g = 0; g < after.size(); g++) {
                        assertEquals(after.get(g).start(), sim.port("gapStartOut_" + g).get(), where + " gap " + g);
                        assertEquals(after.get(g).end(), sim.port("gapEndOut_" + g).get(), where + " gap " + g);
                    }
                }
            }
        }
        System.out.println("  kept " + kept + ", dropped " + dropped + ", refused " + refused);
        assertEquals(true, kept > 1000 && dropped > 100 && refused > 50, "coverage: kept " + kept + " dropped " + dropped
                + " refused " + refused);
    }
}
