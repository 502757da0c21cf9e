package org.homanic.rtl.nic.sim;

import org.homanic.host.HomaMessage;
import org.homanic.host.HomaSocket;
import org.homanic.host.api.HomaAddress;
import org.homanic.host.metrics.MetricsSnapshot;
import org.homanic.protocol.workload.Workload;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * One run of {@code ./homa sim}: the network, an unloaded calibration RPC, the workload's RPCs,
 * and the {@link Report}.
 */
public final class NetworkSimulation {
    private NetworkSimulation() {}

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    /** Request size buckets (bytes, upper bounds exclusive). */
    public static final long[] BUCKETS = {1_000, 10_000, 100_000, 1_000_001};

    public record Bucket(String name, long fromBytes, long toBytes, int rpcs, double p50Micros, double p99Micros,
                         double p50Slowdown, double p99Slowdown) {}

    public record Report(boolean offload, String workload, double load, int hosts, long messages, long seed,
                         double linkGbps, long propagationNs, int nicDataWidth,
                         long rpcsCompleted, long rpcsFailed, long duplicates, long corrupt,
                         List<Bucket> buckets, double unloadedMinMicros, double goodputGbps,
                         long nicGrants, long hostGrants, long[] priorityFrames,
                         Map<String, Long> drops, long tableFullEvents, long schedulerGapRefusals,
                         long simulatedCycles, double simulatedMicros, double wallSeconds, double simulatedCyclesPerSecond,
                         double simulatedCyclesPerCpuSecond,
                         String scoreboard, long scoreboardMismatches, String firstError) {}

    /** Runs {@code messages} RPCs; {@code progress} gets the simulated nanoseconds now and then. */
    public static Report run(SimNetwork.Config config, Workload workload, double load, long messages, long seed,
                             long maxSimulatedNanos, LongConsumer progress) throws IOException {
        long wall0 = System.nanoTime();
        try (SimNetwork net = new SimNetwork(config)) {
            double tMin = calibrate(net);
            RpcTraffic traffic = new RpcTraffic(net, workload, load, messages, seed);
            long startNanos = net.nanos();
            long startCycle = net.cycle();
            long trafficWall0 = System.nanoTime();
            long trafficCpu0 = CPU.getCurrentThreadCpuTime();
            traffic.start(startNanos);
            long limitCycles = Math.round(maxSimulatedNanos / (double) config.nic().clockNs());
            long[] lastReport = {0};
            boolean done = net.runUntil(() -> {
                boolean d = traffic.poll();
                if (progress != null && net.cycle() - lastReport[0] >= 25_000) {
                    lastReport[0] = net.cycle();
                    progress.accept(net.nanos() - startNanos);
                }
                return d;
            }, limitCycles);
            long endCycle = net.cycle();
            long endNanos = net.nanos();
            double trafficWall = (System.nanoTime() - trafficWall0) / 1e9;
            double trafficCpu = (CPU.getCurrentThreadCpuTime() - trafficCpu0) / 1e9;
            net.runUntil(() -> false, 5_000);
            net.flushScoreboards();
            double wall = (System.nanoTime() - wall0) / 1e9;

            List<Bucket> buckets = buckets(traffic.completed(), tMin, config.linkGbps());
            long nicGrants = 0, hostGrants = 0, tableFull = 0, mismatches = 0, gapRefused = 0;
            StringBuilder sb = new StringBuilder();
            Map<String, Long> drops = new LinkedHashMap<>();
            drops.put("switch_buffer_full", net.fabric().dropsBufferFull());
            drops.put("switch_no_route", net.fabric().dropsNoRoute());
            String[] nicDrops = {"rx_bad_frame", "rx_buffer_full", "rx_host_queue_full", "rx_events_dropped", "tx_staging_full", "tx_queue_full",
                    "sched_notices_dropped"};
            for (String c : nicDrops) drops.put("nic_" + c, 0L);
            for (SimNetwork.Host h : net.hosts()) {
                nicGrants += h.nicGrants();
                MetricsSnapshot m = h.stack.metrics();
                hostGrants += m.grantsSent();
                for (String c : nicDrops) drops.merge("nic_" + c, net.register(h.index, c), Long::sum);
                for (var e : m.asMap().entrySet()) {
                    String k = e.getKey();
                    if (k.startsWith("dropped.") || k.startsWith("rejected.") || k.startsWith("reassembly.")) {
                        drops.merge("host_" + k.replace('.', '_').toLowerCase(java.util.Locale.ROOT), e.getValue(), Long::sum);
                    }
                }
                tableFull += net.register(h.index, "sched_table_full");
                gapRefused += net.register(h.index, "sched_gap_refused");
                if (h.scoreboard != null) {
                    mismatches += h.scoreboard.mismatches() + h.scoreboard.unmatched();
                    sb.append(sb.isEmpty() ? "" : "; ").append("host ").append(h.index).append(": ").append(h.scoreboard.summary());
                }
            }
            double simMicros = (endNanos - startNanos) / 1e3;
            double goodput = traffic.requestBytesDone() * 8.0 / Math.max(1, endNanos - startNanos);
            String error = traffic.firstError();
            if (!done && error == null) error = traffic.outstanding() + " RPCs still outstanding at the simulated time limit";
            return new Report(config.offload(), workload.name(), load, config.hosts(), messages, seed,
                    config.linkGbps(), config.propagationNs(), config.nic().dataWidth(),
                    traffic.completed().size(), traffic.failed() + traffic.outstanding(), traffic.duplicates(), traffic.corrupt(),
                    buckets, tMin / 1e3, goodput, nicGrants, hostGrants, net.fabric().priorityFrames(), drops, tableFull, gapRefused,
                    endCycle - startCycle, simMicros, wall, (endCycle - startCycle) / trafficWall,
                    (endCycle - startCycle) / trafficCpu,
                    config.scoreboard() ? sb.toString() : "off", mismatches, error);
        }
    }

    /** The latency of a 1-byte RPC from host 0 to host 1 on the idle network, in ns (best of three). */
    static double calibrate(SimNetwork net) {
        HomaSocket server = net.host(1).stack.bind(RpcTraffic.SERVER_PORT + 1);
        HomaSocket client = net.host(0).stack.openSocket();
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = net.nanos();
            client.send(new HomaAddress(1, RpcTraffic.SERVER_PORT + 1), new byte[] {1}, i);
            HomaMessage[] got = new HomaMessage[1];
            boolean ok = net.runUntil(() -> {
                HomaMessage req = server.poll();
                if (req != null) {
                    server.reply(req, new byte[RpcTraffic.REPLY_BYTES]);
                    req.release();
                }
                got[0] = client.poll();
                return got[0] != null;
            }, 1_000_000);
            if (!ok) throw new IllegalStateException("the calibration RPC did not complete");
            got[0].release();
            best = Math.min(best, net.nanos() - start);
        }
        server.close();
        client.close();
        return best;
    }

    /** Nanoseconds a message of {@code size} bytes needs on one link, in packets of MTU − 56 payload bytes. */
    static double wireNanos(long size, double linkGbps) {
        int perPacket = NicDatapath.MTU - 56;
        long packets = Math.max(1, (size + perPacket - 1) / perPacket);
        long overhead = 56 + 20 + 14 + SwitchModel.WIRE_OVERHEAD;
        return (size + packets * overhead) * 8 / linkGbps;
    }

    /** Unloaded time of a size: the calibrated 1-byte RPC plus the extra wire time of the size. */
    static double unloadedNanos(long size, double tMin, double linkGbps) {
        return tMin + wireNanos(size, linkGbps) - wireNanos(1, linkGbps);
    }

    static List<Bucket> buckets(List<RpcTraffic.Completed> done, double tMin, double linkGbps) {
        List<Bucket> out = new ArrayList<>();
        long from = 0;
        for (long to : BUCKETS) {
            long lo = from, hi = to;
            double[] lat = done.stream().filter(c -> c.size() >= lo && c.size() < hi).mapToDouble(c -> c.latencyNanos()).toArray();
            double[] slow = done.stream().filter(c -> c.size() >= lo && c.size() < hi)
                    .mapToDouble(c -> c.latencyNanos() / unloadedNanos(c.size(), tMin, linkGbps)).toArray();
            Arrays.sort(lat);
            Arrays.sort(slow);
            String name = (lo == 0 ? "< " + hi : lo + "-" + (hi - 1)) + " B";
            out.add(new Bucket(name, lo, hi - 1, lat.length, pct(lat, 0.5) / 1e3, pct(lat, 0.99) / 1e3, pct(slow, 0.5), pct(slow, 0.99)));
            from = to;
        }
        return out;
    }

    static double pct(double[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
