package org.homanic.rtl.classifier;

import org.homanic.testbench.Port;
import org.homanic.testbench.Simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Drives a simulated {@link IngressClassifier}: frames into {@code s_axis} one beat per cycle
 * (with random idle cycles), host queues and the event stream drained with random
 * back-pressure; collects what comes out. {@link #check} compares it with
 * {@link IngressReference} packet by packet.
 */
public final class IngressHarness {
    /** A packet that left a host queue, and the metadata that left with it. */
    public record Received(byte[] bytes, IngressMetadata meta) {}

    private final Simulator sim;
    private final IngressClassifier.Params params;
    private final SplittableRandom rnd;
    private final double gap;
    private final double backPressure;
    private final int lanes;
    private final int outputs;

    private final Port inValid, inData, inKeep, inLast, inUser;
    private final Port[] outValid, outReady, outData, outKeep, outLast, metaValid, metaReady;
    private final MetaPorts[] metaPorts;
    private final Port eventValid, eventReady;
    private final MetaPorts eventPorts;
    private final Port[] counterPorts;
    private final Port learnValid, learnGrant, learnPeer, learnId, learnPrio, learnCut;
    private final List<EgressReference.Learn> learned = new ArrayList<>();

    private final ArrayDeque<IngressTraffic.Frame> pending = new ArrayDeque<>();
    private final List<IngressTraffic.Frame> sent = new ArrayList<>();
    private final List<List<Received>> received = new ArrayList<>();
    private final List<List<byte[]>> frames = new ArrayList<>();
    private final List<List<IngressMetadata>> metas = new ArrayList<>();
    private final List<IngressMetadata> events = new ArrayList<>();
    private final byte[][] partial;
    private final int[] partialLength;
    private final byte[] beat;
    private final byte[] keepBytes;
    private IngressTraffic.Frame current;
    private int currentOffset;
    private long cycles;
    private long busyInputCycles;
    private long[] baseline;

    public IngressHarness(Simulator sim, IngressClassifier.Params params, long seed, double gap, double backPressure) {
        this.sim = sim;
        this.params = params;
        this.rnd = new SplittableRandom(seed);
        this.gap = gap;
        this.backPressure = backPressure;
        this.lanes = params.beatBytes();
        this.outputs = params.queues() + 1;
        inValid = sim.port("s_axis_tvalid");
        inData = sim.port("s_axis_tdata");
        inKeep = sim.port("s_axis_tkeep");
        inLast = sim.port("s_axis_tlast");
        inUser = sim.port("s_axis_tuser");
        sim.port("cfg_queue_limit").set(0xFFFF);
        outValid = new Port[outputs];
        outReady = new Port[outputs];
        outData = new Port[outputs];
        outKeep = new Port[outputs];
        outLast = new Port[outputs];
        metaValid = new Port[outputs];
        metaReady = new Port[outputs];
        metaPorts = new MetaPorts[outputs];
        partial = new byte[outputs][];
        partialLength = new int[outputs];
        for (int q = 0; q < outputs; q++) {
            String a = "m_axis_" + q + "_";
            outValid[q] = sim.port(a + "tvalid");
            outReady[q] = sim.port(a + "tready");
            outData[q] = sim.port(a + "tdata");
            outKeep[q] = sim.port(a + "tkeep");
            outLast[q] = sim.port(a + "tlast");
            metaValid[q] = sim.port("m_meta_" + q + "_valid");
            metaReady[q] = sim.port("m_meta_" + q + "_ready");
            metaPorts[q] = new MetaPorts(sim, "m_meta_" + q + "_payload_");
            partial[q] = new byte[16384];
            received.add(new ArrayList<>());
            frames.add(new ArrayList<>());
            metas.add(new ArrayList<>());
        }
        eventValid = sim.port("m_event_valid");
        eventReady = sim.port("m_event_ready");
        eventPorts = new MetaPorts(sim, "m_event_payload_");
        counterPorts = new Port[IngressCounter.ALL.size()];
        for (int i = 0; i < counterPorts.length; i++) counterPorts[i] = sim.port("counters_" + i);
        learnValid = sim.port("m_learn_valid");
        learnGrant = sim.port("m_learn_payload_grant");
        learnPeer = sim.port("m_learn_payload_peer");
        learnId = sim.port("m_learn_payload_localId");
        learnPrio = sim.port("m_learn_payload_priority");
        learnCut = sim.port("m_learn_payload_cutoff");
        beat = new byte[lanes];
        keepBytes = new byte[Math.max(1, lanes / 8)];
    }

    public void send(IngressTraffic.Frame frame) {
        pending.add(frame);
    }

    /** Runs until every frame was sent and nothing came out for {@code quiet} cycles; false on timeout. */
    public boolean run(long maxCycles, int quiet) {
        long idle = 0;
        long start = cycles;
        while (cycles - start < maxCycles) {
            boolean any = cycle();
            if (current == null && pending.isEmpty() && !any) {
                if (++idle >= quiet) return true;
            } else {
                idle = 0;
            }
        }
        return false;
    }

    /** One clock cycle; returns whether any output was valid. */
    private boolean cycle() {
        boolean any = false;
        for (int q = 0; q < outputs; q++) {
            boolean ready = backPressure == 0 || rnd.nextDouble() >= backPressure;
            outReady[q].set(ready);
            if (outValid[q].isHigh()) {
                any = true;
                if (ready) takeBeat(q);
            }
            boolean mReady = backPressure == 0 || rnd.nextDouble() >= backPressure;
            metaReady[q].set(mReady);
            if (metaValid[q].isHigh()) {
                any = true;
                if (mReady) metas.get(q).add(metaPorts[q].read());
            }
        }
        if (learnValid.isHigh()) {
            byte[] le = new byte[16];
            learnPeer.getBytes(le, 0);
            byte[] peer = new byte[16];
            for (int i = 0; i < 16; i++) peer[i] = le[15 - i];
            java.math.BigInteger cut = learnCut.getBig();
            long[] cuts = new long[8];
            for (int i = 1; i < 8; i++) cuts[i] = cut.shiftRight(32 * (i - 1)).longValue() & 0xFFFF_FFFFL;
            learned.add(new EgressReference.Learn(learnGrant.isHigh(), peer, learnId.get(), (int) learnPrio.get(), cuts));
        }
        eventReady.set(true);
        if (eventValid.isHigh()) {
            any = true;
            events.add(eventPorts.read());
        }
        driveInput();
        sim.tick();
        cycles++;
        return any;
    }

    private void takeBeat(int q) {
        outData[q].getBytes(beat, 0);
        outKeep[q].getBytes(keepBytes, 0);
        for (int i = 0; i < lanes; i++) {
            if (((keepBytes[i >> 3] >> (i & 7)) & 1) != 0) {
                if (partialLength[q] == partial[q].length) partial[q] = Arrays.copyOf(partial[q], partial[q].length * 2);
                partial[q][partialLength[q]++] = beat[i];
            }
        }
        if (outLast[q].isHigh()) {
            frames.get(q).add(Arrays.copyOf(partial[q], partialLength[q]));
            partialLength[q] = 0;
        }
    }

    private void driveInput() {
        if (current == null && !pending.isEmpty() && (gap == 0 || rnd.nextDouble() >= gap)) {
            current = pending.poll();
            currentOffset = 0;
            sent.add(current);
        } else if (current != null && currentOffset > 0 && gap > 0 && rnd.nextDouble() < gap / 4) {
            inValid.set(false);              // an idle cycle inside a frame
            return;
        }
        if (current == null) {
            inValid.set(false);
            return;
        }
        byte[] f = current.bytes();
        int n = Math.min(lanes, f.length - currentOffset);
        boolean last = currentOffset + n == f.length;
        inData.setBytes(f, currentOffset, n);
        Arrays.fill(keepBytes, (byte) 0);
        for (int i = 0; i < n; i++) keepBytes[i >> 3] |= (byte) (1 << (i & 7));
        inKeep.setBytes(keepBytes, 0, keepBytes.length);
        inLast.set(last);
        inUser.set(last && current.bad() ? 1 : (rnd.nextInt(8) == 0 && !last ? 1 : 0));
        inValid.set(true);
        busyInputCycles++;
        currentOffset += n;
        if (last) current = null;
    }

    public long cycles() { return cycles; }
    public long inputBeats() { return busyInputCycles; }
    public List<IngressTraffic.Frame> sent() { return sent; }
    public List<IngressMetadata> events() { return events; }
    /** Learn events seen on {@code m_learn} since the last {@link #check}. */
    public List<EgressReference.Learn> learned() { return learned; }

    /** Packets per host queue, each paired with the metadata popped in the same order. */
    public List<List<Received>> received() {
        List<List<Received>> out = new ArrayList<>();
        for (int q = 0; q < outputs; q++) {
            List<Received> l = new ArrayList<>();
            List<byte[]> fs = frames.get(q);
            List<IngressMetadata> ms = metas.get(q);
            for (int i = 0; i < Math.max(fs.size(), ms.size()); i++) {
                l.add(new Received(i < fs.size() ? fs.get(i) : null, i < ms.size() ? ms.get(i) : null));
            }
            out.add(l);
        }
        return out;
    }

    public long[] counters() {
        long[] c = new long[counterPorts.length];
        for (int i = 0; i < c.length; i++) c[i] = counterPorts[i].get();
        return c;
    }

    /** What {@link #check} found. */
    public record Result(int frames, int delivered, int hostDrops, List<String> errors) {
        public boolean ok() { return errors.isEmpty(); }
    }

    /**
     * Compares everything that came out with the reference, packet by packet. Packets the
     * reference delivers but the hardware does not are allowed only as whole-packet drops
     * counted by {@code host_queue_full} (or {@code buffer_full}); when {@code strict}, no drop
     * is allowed at all.
     */
    public Result check(boolean strict) {
        List<String> errors = new ArrayList<>();
        IngressReference ref = new IngressReference(params.queues());
        List<List<IngressReference.Outcome>> expected = new ArrayList<>();
        for (int q = 0; q < outputs; q++) expected.add(new ArrayList<>());
        List<IngressReference.Outcome> all = new ArrayList<>();
        List<byte[]> allBytes = new ArrayList<>();
        for (IngressTraffic.Frame f : sent) {
            IngressReference.Outcome o = ref.classify(f.bytes(), f.bad());
            all.add(o);
            allBytes.add(f.bytes());
        }
        List<List<byte[]>> expectedBytes = new ArrayList<>();
        for (int q = 0; q < outputs; q++) expectedBytes.add(new ArrayList<>());
        for (int i = 0; i < all.size(); i++) {
            IngressReference.Outcome o = all.get(i);
            if (o.delivered()) {
                expected.get(o.queue()).add(o);
                expectedBytes.get(o.queue()).add(allBytes.get(i));
            }
        }
        List<List<Received>> got = received();
        java.util.Set<IngressMetadata> droppedData = new java.util.HashSet<>();
        java.util.Set<IngressReference.Outcome> deliveredOutcomes = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        int delivered = 0, skipped = 0;
        long homa = 0, other = 0;
        for (int q = 0; q < outputs && errors.size() < 5; q++) {
            List<IngressReference.Outcome> exp = expected.get(q);
            List<byte[]> expB = expectedBytes.get(q);
            List<Received> rec = got.get(q);
            int e = 0;
            for (int r = 0; r < rec.size() && errors.size() < 5; r++) {
                Received x = rec.get(r);
                if (x.bytes() == null || x.meta() == null) {
                    errors.add("queue " + q + " packet #" + r + ": data and metadata counts differ");
                    break;
                }
                int firstTry = e;
                while (e < exp.size() && !(Arrays.equals(expB.get(e), x.bytes()) && exp.get(e).meta().equals(x.meta()))) {
                    if (strict) break;
                    e++;
                }
                if (e >= exp.size() || strict && !(Arrays.equals(expB.get(e), x.bytes()) && exp.get(e).meta().equals(x.meta()))) {
                    String want = firstTry < exp.size() ? exp.get(firstTry).meta() + " bytes " + expB.get(firstTry).length : "nothing";
                    errors.add("queue " + q + " packet #" + r + " (" + x.bytes().length + " bytes, " + x.meta()
                            + ") does not match the reference; next expected: " + want);
                    break;
                }
                for (int k = firstTry; k < e; k++) {
                    skipped++;
                    if (exp.get(k).isDataEvent()) droppedData.add(exp.get(k).meta());
                }
                if (x.meta().homa()) homa++; else other++;
                deliveredOutcomes.add(exp.get(e));
                e++;
                delivered++;
            }
            if (errors.isEmpty() && !strict) {
                for (int k = e; k < exp.size(); k++) {
                    skipped++;
                    if (exp.get(k).isDataEvent()) droppedData.add(exp.get(k).meta());
                }
            } else if (errors.isEmpty() && e < exp.size()) {
                errors.add("queue " + q + ": " + (exp.size() - e) + " expected packets never came, first " + exp.get(e).meta());
            }
        }
        long[] now = counters();
        long[] hw = now.clone();
        if (baseline != null) {
            for (int i = 0; i < hw.length; i++) hw[i] = (now[i] - baseline[i]) & 0xFFFF_FFFFL;
        }
        long[] want = ref.counters();
        for (int i = 0; i < IngressCounter.BUFFER_FULL; i++) {
            if (hw[i] != want[i]) {
                errors.add("counter " + IngressCounter.ALL.get(i).name() + " = " + hw[i] + ", reference " + want[i]);
            }
        }
        long drops = hw[IngressCounter.HOST_QUEUE_FULL] + hw[IngressCounter.BUFFER_FULL];
        if (strict && drops != 0) errors.add("drops with a draining host: " + Arrays.toString(hw));
        if (hw[IngressCounter.BUFFER_FULL] == 0 && skipped != hw[IngressCounter.HOST_QUEUE_FULL]) {
            errors.add(skipped + " packets missing but host_queue_full = " + hw[IngressCounter.HOST_QUEUE_FULL]);
        } else if (skipped > drops) {
            errors.add(skipped + " packets missing but only " + drops + " drops counted");
        }
        if (hw[IngressCounter.DELIVERED_HOMA] != homa || hw[IngressCounter.DELIVERED_OTHER] != other) {
            errors.add("delivered counters " + hw[IngressCounter.DELIVERED_HOMA] + "/" + hw[IngressCounter.DELIVERED_OTHER]
                    + ", packets seen " + homa + "/" + other);
        }
        // Events: every delivered DATA packet, in arrival order.
        List<IngressMetadata> wantEvents = new ArrayList<>();
        for (IngressReference.Outcome o : all) {
            if (o.isDataEvent() && !droppedData.contains(o.meta())) wantEvents.add(o.meta());
        }
        if (hw[IngressCounter.EVENTS_DROPPED] == 0 && !wantEvents.equals(events)) {
            int i = 0;
            while (i < Math.min(wantEvents.size(), events.size()) && wantEvents.get(i).equals(events.get(i))) i++;
            errors.add("grant events differ at #" + i + " (expected " + wantEvents.size() + ", got " + events.size() + ")"
                    + (i < wantEvents.size() ? " expected " + wantEvents.get(i) : "")
                    + (i < events.size() ? " got " + events.get(i) : ""));
        }
        // Learn events: in arrival order, one per GRANT / CUTOFFS the receive buffer kept. Every
        // delivered one must be there; one dropped later (host queue full) still teaches; only
        // buffer_full drops may be missing.
        int j = 0, missing = 0;
        String learnError = null;
        for (IngressReference.Outcome o : all) {
            if (o.learn() == null) continue;
            if (j < learned.size() && o.learn().same(learned.get(j))) {
                j++;
            } else if (deliveredOutcomes.contains(o)) {
                learnError = "learn event #" + j + " missing for a delivered packet: expected " + o.learn()
                        + (j < learned.size() ? ", got " + learned.get(j) : "");
                break;
            } else {
                missing++;
            }
        }
        if (learnError == null && j < learned.size()) learnError = "learn event #" + j + " unexpected: " + learned.get(j);
        if (learnError == null && missing > hw[IngressCounter.BUFFER_FULL]) {
            learnError = missing + " learn events missing but buffer_full = " + hw[IngressCounter.BUFFER_FULL];
        }
        if (learnError != null) errors.add(learnError);
        if (hw[IngressCounter.DATA_EVENTS] != events.size()) {
            errors.add("data_events = " + hw[IngressCounter.DATA_EVENTS] + " but " + events.size() + " events came out");
        }
        Result result = new Result(sent.size(), delivered, skipped, errors);
        // Start the next round afresh: everything up to here has been compared.
        baseline = now;
        sent.clear();
        events.clear();
        learned.clear();
        for (int q = 0; q < outputs; q++) {
            frames.get(q).clear();
            metas.get(q).clear();
        }
        return result;
    }

    /** The ports of one metadata stream. */
    private static final class MetaPorts {
        private final Port[] ports;
        private final byte[] peer = new byte[16];

        MetaPorts(Simulator sim, String prefix) {
            List<String> names = new IngressMeta().fields().stream().map(e -> e.getKey()).toList();
            ports = new Port[names.size()];
            for (int i = 0; i < ports.length; i++) ports[i] = port(sim, prefix, names.get(i));
        }

        private static Port port(Simulator sim, String prefix, String field) {
            String snake = field.replaceAll("([A-Z])", "_$1").toLowerCase();
            return sim.findPort(prefix + field).or(() -> sim.findPort(prefix + snake))
                    .or(() -> sim.findPort(prefix + field + "_")).orElseThrow(
                            () -> new IllegalStateException("no port " + prefix + field));
        }

        IngressMetadata read() {
            byte[] le = new byte[16];
            ports[8].getBytes(le, 0);
            for (int i = 0; i < 16; i++) peer[i] = le[15 - i];
            return new IngressMetadata(ports[0].isHigh(), (int) ports[1].get(), (int) ports[2].get(), ports[3].isHigh(),
                    ports[4].isHigh(), ports[5].isHigh(), (int) ports[6].get(), (int) ports[7].get(), peer.clone(),
                    (int) ports[9].get(), (int) ports[10].get(), ports[11].get(), ports[12].get(), (int) ports[13].get(),
                    ports[14].get(), ports[15].get(), ports[16].isHigh());
        }
    }
}
