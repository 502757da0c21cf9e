package org.homanic.rtl.classifier;

import org.homanic.testbench.Port;
import org.homanic.testbench.Simulator;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Drives a simulated {@link EgressClassifier}: learn events, then host frames (with optional
 * tuser overrides) one beat per cycle with random idle cycles, NIC-generated frames on
 * {@code s_nic}, and random MAC back-pressure; collects the MAC output with the level each
 * packet left from ({@code tuser}). {@link #check} compares with {@link EgressReference}.
 */
public final class EgressHarness {
    /** A host frame and the override level (-1 = none). */
    public record HostFrame(byte[] bytes, int override) {}

    /** A packet on the MAC side: bytes, the level it came from, whether from the NIC input. */
    public record Sent(byte[] bytes, int level, boolean nic) {}

    private final Simulator sim;
    private final EgressClassifier.Params params;
    private final SplittableRandom rnd;
    private final double gap;
    private double macBackPressure;
    private final int lanes;
    private final Port inValid, inData, inKeep, inLast, inUser;
    private final Port nicValid, nicReady, nicData, nicKeep, nicLast;
    private final Port learnValid, learnGrant, learnCutoffs, learnPeer, learnId, learnPrio, learnCut;
    private final Port outValid, outReady, outData, outKeep, outLast, outUser;
    private final Port[] counterPorts;
    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private final ArrayDeque<byte[]> nicPending = new ArrayDeque<>();
    private final List<Object> sentInOrder = new ArrayList<>();
    private final List<byte[]> nicSent = new ArrayList<>();
    private final List<Sent> out = new ArrayList<>();
    private final byte[] beat, keepBytes, outBeat;
    private byte[] partial = new byte[16384];
    private int partialLength;
    private int partialUser = -1;
    private HostFrame current;
    private int offset;
    private byte[] nicCurrent;
    private int nicOffset;
    private long cycles;
    private long[] baseline;

    public EgressHarness(Simulator sim, EgressClassifier.Params params, long seed, double gap, double macBackPressure,
                         int[] priorityMap, int defaultLevel, long unschedBytes) {
        this.sim = sim;
        this.params = params;
        this.rnd = new SplittableRandom(seed);
        this.gap = gap;
        this.macBackPressure = macBackPressure;
        this.lanes = params.beatBytes();
        inValid = sim.port("s_axis_tvalid");
        inData = sim.port("s_axis_tdata");
        inKeep = sim.port("s_axis_tkeep");
        inLast = sim.port("s_axis_tlast");
        inUser = sim.port("s_axis_tuser");
        nicValid = sim.port("s_nic_tvalid");
        nicReady = sim.port("s_nic_tready");
        nicData = sim.port("s_nic_tdata");
        nicKeep = sim.port("s_nic_tkeep");
        nicLast = sim.port("s_nic_tlast");
        sim.port("s_nic_tuser").set(0);
        learnValid = sim.port("s_learn_valid");
        learnGrant = sim.port("s_learn_payload_grant");
        learnCutoffs = sim.port("s_learn_payload_cutoffs");
        learnPeer = sim.port("s_learn_payload_peer");
        learnId = sim.port("s_learn_payload_localId");
        learnPrio = sim.port("s_learn_payload_priority");
        learnCut = sim.port("s_learn_payload_cutoff");
        outValid = sim.port("m_axis_tvalid");
        outReady = sim.port("m_axis_tready");
        outData = sim.port("m_axis_tdata");
        outKeep = sim.port("m_axis_tkeep");
        outLast = sim.port("m_axis_tlast");
        outUser = sim.port("m_axis_tuser");
        counterPorts = new Port[EgressCounter.ALL.size()];
        for (int i = 0; i < counterPorts.length; i++) counterPorts[i] = sim.port("counters_" + i);
        long map = 0;
        for (int i = 0; i < 8; i++) map |= (long) priorityMap[i] << (3 * i);
        sim.port("cfg_priority_map").set(map);
        sim.port("cfg_default_level").set(defaultLevel);
        sim.port("cfg_unsched_bytes").set(unschedBytes);
        sim.port("cfg_level_limit").set(0xFFFF);
        sim.port("cfg_default_cutoffs").setBig(java.math.BigInteger.valueOf(Integer.MAX_VALUE).shiftLeft(5 * 32));
        beat = new byte[lanes];
        outBeat = new byte[lanes];
        keepBytes = new byte[Math.max(1, lanes / 8)];
    }

    public void learn(EgressReference.Learn l) { pending.add(l); }
    public void send(HostFrame f) { pending.add(f); }
    public void sendNic(byte[] f) { nicPending.add(f); }
    public void macBackPressure(double p) { macBackPressure = p; }

    /** Runs until all was sent and the MAC side was idle for {@code quiet} cycles. */
    public boolean run(long maxCycles, int quiet) {
        long idle = 0, start = cycles;
        while (cycles - start < maxCycles) {
            boolean any = cycle();
            if (current == null && pending.isEmpty() && nicCurrent == null && nicPending.isEmpty() && !any) {
                if (++idle >= quiet) return true;
            } else {
                idle = 0;
            }
        }
        return false;
    }

    /** Runs {@code n} cycles with whatever is pending. */
    public void runCycles(long n) {
        for (long i = 0; i < n; i++) cycle();
    }

    private boolean cycle() {
        boolean ready = macBackPressure == 0 || rnd.nextDouble() >= macBackPressure;
        outReady.set(ready);
        boolean any = outValid.isHigh();
        if (any && ready) takeBeat();
        driveNic();
        driveInput();
        sim.eval();
        boolean nicAccepted = nicCurrent != null && nicReady.isHigh();
        sim.tick();
        cycles++;
        if (nicAccepted) {
            nicOffset += lanes;
            if (nicOffset >= nicCurrent.length) nicCurrent = null;
        }
        return any || nicCurrent != null;
    }

    private void takeBeat() {
        outData.getBytes(outBeat, 0);
        outKeep.getBytes(keepBytes, 0);
        if (partialUser < 0) partialUser = (int) outUser.get();
        for (int i = 0; i < lanes; i++) {
            if (((keepBytes[i >> 3] >> (i & 7)) & 1) != 0) {
                if (partialLength == partial.length) partial = Arrays.copyOf(partial, partial.length * 2);
                partial[partialLength++] = outBeat[i];
            }
        }
        if (outLast.isHigh()) {
            out.add(new Sent(Arrays.copyOf(partial, partialLength), partialUser & 7, (partialUser & 8) != 0));
            partialLength = 0;
            partialUser = -1;
        }
    }

    private void driveNic() {
        if (nicCurrent == null && !nicPending.isEmpty() && rnd.nextInt(4) == 0) {
            nicCurrent = nicPending.poll();
            nicOffset = 0;
            nicSent.add(nicCurrent);
        }
        if (nicCurrent == null) {
            nicValid.set(false);
            return;
        }
        int n = Math.min(lanes, nicCurrent.length - nicOffset);
        nicData.setBytes(nicCurrent, nicOffset, n);
        setKeep(nicKeep, n);
        nicLast.set(nicOffset + n == nicCurrent.length);
        nicValid.set(true);
    }

    private void setKeep(Port p, int n) {
        Arrays.fill(keepBytes, (byte) 0);
        for (int i = 0; i < n; i++) keepBytes[i >> 3] |= (byte) (1 << (i & 7));
        p.setBytes(keepBytes, 0, keepBytes.length);
    }

    private void driveInput() {
        learnValid.set(false);
        if (current == null && !pending.isEmpty() && pending.peek() instanceof EgressReference.Learn l) {
            pending.poll();
            sentInOrder.add(l);
            learnValid.set(true);
            learnGrant.set(l.grant());
            learnCutoffs.set(!l.grant());
            byte[] le = new byte[16];
            for (int i = 0; i < 16; i++) le[i] = l.peer()[15 - i];
            learnPeer.setBytes(le, 0, 16);
            learnId.set(l.localId());
            learnPrio.set(l.priority());
            BigInteger cut = BigInteger.ZERO;
            for (int i = 7; i >= 1; i--) cut = cut.shiftLeft(32).or(BigInteger.valueOf(l.cutoffs()[i] & 0xFFFF_FFFFL));
            learnCut.setBig(cut);
            inValid.set(false);
            return;
        }
        if (current == null && !pending.isEmpty() && (gap == 0 || rnd.nextDouble() >= gap)) {
            current = (HostFrame) pending.poll();
            offset = 0;
            sentInOrder.add(current);
        } else if (current != null && offset > 0 && gap > 0 && rnd.nextDouble() < gap / 4) {
            inValid.set(false);
            return;
        }
        if (current == null) {
            inValid.set(false);
            return;
        }
        byte[] f = current.bytes();
        int n = Math.min(lanes, f.length - offset);
        boolean last = offset + n == f.length;
        inData.setBytes(f, offset, n);
        setKeep(inKeep, n);
        inLast.set(last);
        int ov = current.override();
        inUser.set(ov < 0 ? (offset == 0 ? 0 : rnd.nextInt(16) & ~1) : (ov << 1) | 1);
        inValid.set(true);
        offset += n;
        if (last) current = null;
    }

    public List<Sent> output() { return out; }
    public long cycles() { return cycles; }

    public long[] counters() {
        long[] c = new long[counterPorts.length];
        for (int i = 0; i < c.length; i++) c[i] = counterPorts[i].get();
        return c;
    }

    public record Result(int frames, int sent, int dropped, List<String> errors) {
        public boolean ok() { return errors.isEmpty(); }
    }

    /**
     * Compares with the reference: per level, the packets leave in the order they came, with
     * the reference's bytes; NIC packets unchanged and in order; drops only whole and counted.
     */
    public Result check(EgressReference ref, boolean strict) {
        List<String> errors = new ArrayList<>();
        List<List<byte[]>> expected = new ArrayList<>();
        for (int i = 0; i < 8; i++) expected.add(new ArrayList<>());
        long[] refBase = ref.counters();
        int frames = 0;
        for (Object o : sentInOrder) {
            if (o instanceof EgressReference.Learn l) {
                ref.learn(l);
            } else {
                HostFrame f = (HostFrame) o;
                EgressReference.Outcome r = ref.classify(f.bytes(), f.override());
                expected.get(r.level()).add(r.bytes());
                frames++;
            }
        }
        long[] want = ref.counters();
        List<List<byte[]>> got = new ArrayList<>();
        for (int i = 0; i < 8; i++) got.add(new ArrayList<>());
        List<byte[]> nicGot = new ArrayList<>();
        for (Sent s : out) {
            if (s.nic()) nicGot.add(s.bytes()); else got.get(s.level()).add(s.bytes());
        }
        int skipped = 0, delivered = 0;
        for (int lv = 0; lv < 8 && errors.size() < 5; lv++) {
            List<byte[]> exp = expected.get(lv);
            List<byte[]> rec = got.get(lv);
            int e = 0;
            for (int r = 0; r < rec.size(); r++) {
                int first = e;
                while (e < exp.size() && !Arrays.equals(exp.get(e), rec.get(r)) && !strict) e++;
                if (e >= exp.size() || !Arrays.equals(exp.get(e), rec.get(r))) {
                    errors.add("level " + lv + " packet #" + r + " (" + rec.get(r).length + " bytes) does not match the reference"
                            + (first < exp.size() ? "; expected " + describe(exp.get(first), rec.get(r)) : "; nothing expected"));
                    break;
                }
                skipped += e - first;
                e++;
                delivered++;
            }
            skipped += exp.size() - e;
            if (strict && e < exp.size() && errors.isEmpty()) {
                errors.add("level " + lv + ": " + (exp.size() - e) + " packets never came");
            }
        }
        if (nicGot.size() != nicSent.size()) errors.add(nicSent.size() + " NIC packets sent, " + nicGot.size() + " came out");
        for (int i = 0; i < Math.min(nicGot.size(), nicSent.size()); i++) {
            if (!Arrays.equals(nicGot.get(i), nicSent.get(i))) {
                errors.add("NIC packet #" + i + " differs");
                break;
            }
        }
        long[] now = counters();
        long[] hw = now.clone();
        if (baseline != null) for (int i = 0; i < hw.length; i++) hw[i] = (now[i] - baseline[i]) & 0xFFFF_FFFFL;
        for (int i = 0; i <= EgressCounter.FALLBACK_GRANT; i++) {
            if (hw[i] != want[i] - refBase[i]) {
                errors.add("counter " + EgressCounter.ALL.get(i).name() + " = " + hw[i] + ", reference " + (want[i] - refBase[i]));
            }
        }
        for (int lv = 0; lv < 8; lv++) {
            if (hw[EgressCounter.LEVEL_BASE + lv] != got.get(lv).size()) {
                errors.add("enqueued_" + lv + " = " + hw[EgressCounter.LEVEL_BASE + lv] + " but " + got.get(lv).size() + " left");
            }
        }
        long drops = hw[EgressCounter.QUEUE_FULL] + hw[EgressCounter.STAGING_FULL];
        if (skipped != drops) errors.add(skipped + " packets missing but " + drops + " drops counted");
        if (strict && drops != 0) errors.add("drops with a draining MAC: " + drops);
        baseline = now;
        sentInOrder.clear();
        out.clear();
        nicSent.clear();
        return new Result(frames, delivered, skipped, errors);
    }

    private static String describe(byte[] want, byte[] got) {
        int i = 0;
        while (i < Math.min(want.length, got.length) && want[i] == got[i]) i++;
        return want.length + " bytes, first difference at byte " + i;
    }
}
