package org.homanic.cli;

import org.homanic.hdl.Module;
import org.homanic.hdl.examples.AxisPipeline;
import org.homanic.hdl.examples.PacketPriorityArbiter;
import org.homanic.rtl.classifier.EgressClassifier;
import org.homanic.rtl.classifier.HomaClassifier;
import org.homanic.rtl.classifier.IngressClassifier;
import org.homanic.rtl.grant.GrantBuilder;
import org.homanic.rtl.grant.GrantScheduler;
import org.homanic.rtl.grant.GrantSchedulerParams;
import org.homanic.rtl.nic.HomaNic;
import org.homanic.rtl.nic.NicParams;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The designs that commands such as {@code ./homa synth NAME} know by name. Each entry builds
 * its design from {@code --set key=value} parameters, with defaults. Add a design with one
 * {@code add(...)} line.
 */
final class Designs {
    private Designs() {}

    record Entry(String name, String description, Function<DesignParams, Module> factory) {}

    private static final Map<String, Entry> ALL = new LinkedHashMap<>();
    /** Per design, the parameters it takes by default on iCE40 (given --set values win). */
    private static final Map<String, Map<String, String>> ICE40_PRESETS = new LinkedHashMap<>();

    static {
        add("axis-pipeline", "hdl example: AXI-Stream register slice, FIFO, register slice",
                p -> new AxisPipeline(p.integer("width", 512, 8, 4096), 1, p.integer("depth", 64, 2, 1 << 16)));
        add("priority-arbiter", "hdl example: strict-priority AXI-Stream packet arbiter",
                p -> new PacketPriorityArbiter(p.integer("inputs", 4, 2, 64), p.integer("width", 512, 8, 4096)));
        add("classifier", "priority packet classifier: ingress parse/validate/steer, egress priority queues, AXI4-Lite CSR (rtl-gen)",
                p -> { int w = p.integer("width", 512, 64, 1024); return new HomaClassifier(new IngressClassifier.Params(w, p.integer("queues", 8, 1, 8), p.integer("buffer_bytes", 16384, 1024, 1 << 20), p.integer("queue_bytes", 16384, 1024, 1 << 20), p.integer("event_depth", 64, 2, 4096)), new EgressClassifier.Params(w, p.integer("staging_bytes", 16384, 1024, 1 << 20), p.integer("level_bytes", 16384, 1024, 1 << 20), p.integer("peer_entries", 16, 1, 256), p.integer("grant_entries", 64, 1, 1024))); });
        add("classifier-ingress", "the classifier's ingress half alone: parse, validate, steer to host queues (rtl-gen)",
                p -> new IngressClassifier(new IngressClassifier.Params(p.integer("width", 512, 64, 1024),
                        p.integer("queues", 8, 1, 8), p.integer("buffer_bytes", 16384, 1024, 1 << 20),
                        p.integer("queue_bytes", 16384, 1024, 1 << 20), p.integer("event_depth", 64, 2, 4096))));
        add("grant-scheduler", "receiver grant scheduler: message table, SRPT active set, FIFO grants (rtl-gen)",
                p -> new GrantScheduler(new GrantSchedulerParams(p.integer("entries", 1024, 16, 65536),
                        p.integer("ways", 4, 2, 8), p.integer("peer_bits", 32, 1, 64), p.integer("gaps", 2, 1, 4),
                        p.integer("queue", 16, 1, 16), p.integer("batch_packets", 8, 1, 16))));
        add("grant-builder", "GRANT frame builder: a grant decision to an Ethernet / IPv4-or-IPv6 / Homa GRANT frame (rtl-gen)",
                p -> new GrantBuilder(p.integer("peer_bits", 32, 1, 64), p.integer("addr_bits", 10, 1, 16),
                        p.integer("width", 512, 64, 1024)));
        add("nic", "the whole Homa NIC: classifier, grant scheduler, GRANT builder, priority queues, one AXI4-Lite block (rtl-gen)",
                p -> new HomaNic(nicParams(p, NicParams.DEFAULT)));
    }

    /** The NIC's parameters: {@code base}, with what {@code --set} changes (key names as in docs/nic.md). */
    static NicParams nicParams(DesignParams p, NicParams base) {
        return new NicParams(p.integer("width", base.dataWidth(), 64, 1024), p.integer("queues", base.queues(), 1, 8),
                p.integer("buffer_bytes", base.bufferBytes(), 1024, 1 << 20), p.integer("queue_bytes", base.queueBytes(), 1024, 1 << 20),
                p.integer("event_depth", base.eventDepth(), 2, 4096), p.integer("staging_bytes", base.stagingBytes(), 1024, 1 << 20),
                p.integer("level_bytes", base.levelBytes(), 1024, 1 << 20), p.integer("peer_entries", base.peerEntries(), 1, 256),
                p.integer("grant_entries", base.grantEntries(), 1, 1024), p.integer("sched_entries", base.schedEntries(), 8, 65536),
                p.integer("sched_ways", base.schedWays(), 2, 8), p.integer("gaps", base.gaps(), 1, 4),
                p.integer("clock_ns", base.clockNs(), 1, 255));
    }

    /**
     * The classifier on iCE40: 64-bit data, one host queue beside the default queue, buffers of
     * one standard frame (2048 bytes) or less, the smallest event FIFO and one entry per
     * priority table (docs/benchmarks.md says why and what it needs).
     */
    static {
        ICE40_PRESETS.put("classifier", Map.of("width", "64", "queues", "1", "buffer_bytes", "2048",
                "queue_bytes", "1024", "event_depth", "2", "staging_bytes", "2048", "level_bytes", "1024",
                "peer_entries", "1", "grant_entries", "1"));
        ICE40_PRESETS.put("classifier-ingress", Map.of("width", "64", "queues", "1", "buffer_bytes", "2048",
                "queue_bytes", "1024", "event_depth", "2"));
    }

    /** The parameters design {@code name} takes by default on {@code target} (none: its ordinary defaults). */
    static Map<String, String> preset(String name, org.homanic.hdl.tools.SynthTarget target) {
        return target == org.homanic.hdl.tools.SynthTarget.ICE40 ? ICE40_PRESETS.getOrDefault(name, Map.of()) : Map.of();
    }

    private static void add(String name, String description, Function<DesignParams, Module> factory) {
        ALL.put(name, new Entry(name, description, factory));
    }

    static Map<String, Entry> all() {
        return ALL;
    }

    /** The design {@code name} built with {@code params}; a clear error for an unknown name or parameter. */
    static Module build(String name, DesignParams params) {
        Entry e = ALL.get(name);
        if (e == null) {
            throw new CliException("unknown design '" + name + "'; known designs: " + String.join(", ", ALL.keySet()));
        }
        Module m = e.factory().apply(params);
        params.checkAllUsed(name);
        return m;
    }
}
