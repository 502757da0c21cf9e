package org.homanic.cli;

import org.homanic.host.HomaSocket;
import org.homanic.host.HomaStack;
import org.homanic.host.HostConfig;
import org.homanic.host.api.HomaAddress;
import org.homanic.host.datapath.linux.LinuxDatapathConfig;
import org.homanic.host.datapath.linux.UdpDatapath;
import org.homanic.host.timer.Clock;
import org.homanic.host.timer.TimerConfig;
import org.homanic.protocol.workload.MessageSizeSampler;
import org.homanic.protocol.workload.Workload;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** {@code ./homa bench rpc}: Homa over UDP against Java TCP, between two processes on loopback. */
@Command(name = "rpc", mixinStandardHelpOptions = true,
        description = {"Round trips of echo RPCs between this process and a server process it starts (a second JVM) on "
                + "loopback, Homa over UDP and Java TCP (one connection per client, length-prefixed requests) in the same run.",
                "1. Echo: 100-byte RPCs one at a time; p50 and p99 for both and the ratios TCP/Homa.",
                "2. Capacity: W4 sizes (capped at 1,000,000), closed loop: each client keeps --outstanding RPCs in flight; "
                        + "the throughput each transport reaches when saturated (and its small-RPC p99 there).",
                "3. Mixed: the same W4 sizes, open loop: each client sends on its own Poisson schedule, at --load times the "
                        + "LOWER of the two capacities (or --load-mbps), whether or not earlier RPCs came back; TCP pipelines them "
                        + "into the client's one connection. Latency counts from the scheduled send time. p99 of the RPCs under "
                        + "1,000 bytes for both and the ratio TCP/Homa (Homa's goal: >= 5).",
                "4. The same small RPCs alone, at their mixed-load send times with the others taken away, over both: how fast "
                        + "each carries them with nothing else in flight. TCP's mixed-load p99 over such a floor is the highest "
                        + "ratio a transport can reach whose small RPCs are no faster under the load than that floor.",
                "Loads are MB/s of requests plus responses. Every response is checked byte for byte."},
        footer = {"", "Examples:", "  ./homa bench rpc", "  ./homa bench rpc --load 0.3 --json",
                "  ./homa bench rpc --load-mbps 40 --clients 8 --mixed-rpcs 500 --json"})
public final class BenchRpcCommand implements Callable<Integer> {
    static final double MIXED_GOAL = 5;
    static final int SMALL = 1000;
    /** Every request is a slice of one random block this long (W4 is capped at 1,000,000 bytes). */
    private static final int PAYLOAD_BLOCK = 1 << 21;
    /** Achieved throughput below this share of the scheduled load: the transport did not keep up. */
    static final double KEPT_UP = 0.9;
    /**
     * HomaModule's defaults but a 5 s RPC timeout: a stall of a JVM on a shared machine must
     * show as latency in the figures, not abort the run.
     */
    static final HostConfig STACK_CONFIG = HostConfig.defaults().withTimers(TimerConfig.defaults().withTimeoutTicks(5000));

    /** {@link #STACK_CONFIG} with other unscheduled bytes and max_incoming (0: keep HomaModule's). */
    static HostConfig stackConfig(long unschedBytes, long maxIncoming) {
        HostConfig c = STACK_CONFIG;
        if (unschedBytes > 0) c = c.withUnschedBytes(unschedBytes);
        if (maxIncoming > 0) c = c.withGrants(c.grants().withMaxIncoming(maxIncoming));
        return c;
    }

    @Option(names = "--echo-rpcs", paramLabel = "N", defaultValue = "20000", description = "Measured 100-byte RPCs per transport (default ${DEFAULT-VALUE}).")
    int echoRpcs;

    @Option(names = "--warmup-rpcs", paramLabel = "N", defaultValue = "20000",
            description = "Unmeasured 100-byte RPCs per transport first, so that the JIT has compiled the echo's paths before it is measured (default ${DEFAULT-VALUE}).")
    int warmupRpcs;

    @Option(names = "--clients", paramLabel = "K", defaultValue = "4", description = "Capacity and mixed load: clients sharing the server (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--outstanding", paramLabel = "O", defaultValue = "4", description = "Capacity (closed loop): RPCs each client keeps in flight (default ${DEFAULT-VALUE}).")
    int outstanding;

    @Option(names = "--capacity-rpcs", paramLabel = "N", defaultValue = "400", description = "Capacity (closed loop): RPCs per client per transport (default ${DEFAULT-VALUE}).")
    int capacityRpcs;

    @Option(names = "--mixed-rpcs", paramLabel = "N", defaultValue = "2000", description = "Mixed load (open loop): RPCs per client per transport (default ${DEFAULT-VALUE}).")
    int mixedRpcs;

    @Option(names = "--mixed-warmup-rpcs", paramLabel = "N", defaultValue = "2000",
            description = "Mixed load: unmeasured open-loop RPCs per client per transport first, at the same load with other sizes "
                    + "and times, so that neither transport is measured while the JIT still compiles its paths (default ${DEFAULT-VALUE}; 0: none).")
    int mixedWarmupRpcs;

    static final double DEFAULT_LOAD = 0.5;

    @Option(names = "--load", paramLabel = "F",
            description = "Mixed load: offered load as a fraction (0..1] of the lower of the two capacities measured in this run (default 0.5).")
    Double load;

    @Option(names = "--load-mbps", paramLabel = "MB/s",
            description = "Mixed load: offer this many MB/s (requests plus responses) instead of --load times the measured capacity.")
    Double loadMbps;

    @Option(names = "--mtu", paramLabel = "BYTES", defaultValue = "9000",
            description = "Link MTU for Homa's packets (default ${DEFAULT-VALUE}, jumbo frames; 1500 for Ethernet's). "
                    + "TCP on loopback sends segments of up to 64 KB whatever this says.")
    int mtu;

    @Option(names = "--unsched-bytes", paramLabel = "BYTES", defaultValue = "40000",
            description = "Homa: bytes a message sends before any GRANT (default ${DEFAULT-VALUE}, HomaModule's; about the path's "
                    + "bandwidth-delay product).")
    long unschedBytes;

    @Option(names = "--max-incoming", paramLabel = "BYTES", defaultValue = "400000",
            description = "Homa: granted but not yet received bytes a receiver allows over all its messages (default ${DEFAULT-VALUE}, HomaModule's).")
    long maxIncoming;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed for W4 sizes, arrival times and payloads (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print exactly one JSON object on stdout.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        validate();
        try (RpcBenchServerProcess server = new RpcBenchServerProcess(List.of("--homa-threads", Integer.toString(clients),
                "--mtu", Integer.toString(mtu), "--unsched-bytes", Long.toString(unschedBytes), "--max-incoming", Long.toString(maxIncoming)))) {
            InetAddress loopback = InetAddress.getByName("127.0.0.1");
            InetSocketAddress tcp = new InetSocketAddress(loopback, server.tcpPort());
            Progress progress = new Progress(System.err, mixedWarmupRpcs > 0 ? 9 : 8);
            try (HomaStack stack = HomaStack.open(UdpDatapath.open(new InetSocketAddress(loopback, 0), datapathConfig(mtu)), stackConfig(unschedBytes, maxIncoming), Clock.system()).start()) {
                UdpDatapath datapath = (UdpDatapath) stack.datapath();
                HomaAddress homa = new HomaAddress(datapath.peer(new InetSocketAddress(loopback, server.udpPort())), RpcBenchServer.HOMA_PORT);

                progress.begin("echo, Homa over UDP: " + warmupRpcs + " + " + echoRpcs + " RPCs of 100 bytes");
                RpcLoad.Result homaEcho;
                ProcessUsage homaEchoUsage;
                try (HomaSocket socket = stack.openSocket()) {
                    check(RpcLoad.run(socket, homa, warmupRpcs, 1, i -> 100, seed, n -> {}), "Homa warm-up");
                    ProcessUsage u0 = usage(server);
                    homaEcho = check(RpcLoad.run(socket, homa, echoRpcs, 1, i -> 100, seed, n -> {}), "Homa echo");
                    homaEchoUsage = usage(server).minus(u0);
                }
                progress.done(summary(homaEcho));
                progress.begin("echo, TCP: " + warmupRpcs + " + " + echoRpcs + " RPCs of 100 bytes");
                if (warmupRpcs > 0) check(TcpLoad.run(tcp, warmupRpcs, 1, i -> 100, seed), "TCP warm-up");
                ProcessUsage u0 = usage(server);
                RpcLoad.Result tcpEcho = check(TcpLoad.run(tcp, echoRpcs, 1, i -> 100, seed), "TCP echo");
                ProcessUsage tcpEchoUsage = usage(server).minus(u0);
                progress.done(summary(tcpEcho));

                int[][] sizes = w4Sizes(capacityRpcs);
                progress.begin("capacity, W4, Homa over UDP: " + clients + " clients x " + capacityRpcs + " RPCs, " + outstanding + " outstanding each");
                RpcLoad.Result homaClosed = mergeChecked(perClient(c -> {
                    try (HomaSocket socket = stack.openSocket()) {
                        return RpcLoad.run(socket, homa, capacityRpcs, outstanding, i -> sizes[c][(int) i], seed + c, n -> {});
                    }
                }));
                progress.done(summary(homaClosed) + String.format(Locale.ROOT, ", %.1f MB/s", megabytesPerSecond(homaClosed)));
                progress.begin("capacity, W4, TCP: " + clients + " connections x " + capacityRpcs + " RPCs, " + outstanding + " outstanding each");
                RpcLoad.Result tcpClosed = mergeChecked(perClient(c -> TcpLoad.run(tcp, capacityRpcs, outstanding, i -> sizes[c][(int) i], seed + c)));
                progress.done(summary(tcpClosed) + String.format(Locale.ROOT, ", %.1f MB/s", megabytesPerSecond(tcpClosed)));

                double capacity = Math.min(megabytesPerSecond(homaClosed), megabytesPerSecond(tcpClosed));
                double offered = loadMbps != null ? loadMbps : load * capacity;
                OpenLoopSchedule[] schedules = schedules(offered, mixedRpcs, 0);
                byte[] block = OpenLoad.payloadBlock(seed, PAYLOAD_BLOCK);
                if (mixedWarmupRpcs > 0) {
                    // The measured phases come after the JIT has compiled both transports' mixed-load
                    // paths: without this, Homa's phase (the first) shared the CPUs with the compiler
                    // threads, which were busy through it and nearly idle through TCP's.
                    OpenLoopSchedule[] warmup = schedules(offered, mixedWarmupRpcs, WARMUP_SEED_SALT);
                    progress.begin("mixed W4 warm-up (not measured), Homa then TCP: " + clients + " clients x " + mixedWarmupRpcs + " RPCs each");
                    openLoop(start -> perClient(c -> {
                        try (HomaSocket socket = stack.openSocket()) {
                            return OpenLoad.homa(socket, homa, warmup[c], block, start);
                        }
                    }));
                    openLoop(start -> perClient(c -> OpenLoad.tcp(tcp, warmup[c], block, start)));
                    progress.done("done");
                }
                double seconds = Arrays.stream(schedules).mapToLong(sc -> sc.sendAt()[sc.count() - 1]).max().orElse(0) / 1e9;
                String what = String.format(Locale.ROOT, "%d clients x %d RPCs, Poisson, %.1f MB/s offered (about %.0f s)", clients, mixedRpcs, offered, seconds);
                progress.begin("mixed W4, open loop, Homa over UDP: " + what);
                ProcessUsage u1 = usage(server);
                OpenLoad.Result[] homaOpen = openLoop(start -> perClient(c -> {
                    try (HomaSocket socket = stack.openSocket()) {
                        return OpenLoad.homa(socket, homa, schedules[c], block, start);
                    }
                }));
                progress.done(summary(merged(homaOpen)) + String.format(Locale.ROOT, ", %.1f MB/s", megabytesPerSecond(merged(homaOpen))));
                progress.begin("mixed W4, open loop, TCP: " + what);
                ProcessUsage u2 = usage(server);
                OpenLoad.Result[] tcpOpen = openLoop(start -> perClient(c -> OpenLoad.tcp(tcp, schedules[c], block, start)));
                ProcessUsage u3 = usage(server);
                progress.done(summary(merged(tcpOpen)) + String.format(Locale.ROOT, ", %.1f MB/s", megabytesPerSecond(merged(tcpOpen))));

                // The same small RPCs with the large ones taken away: how fast each transport
                // carries them with nothing else in flight, the floor of its mixed-load figure.
                OpenLoopSchedule[] alone = Arrays.stream(schedules).map(sc -> sc.below(SMALL)).toArray(OpenLoopSchedule[]::new);
                int aloneRpcs = Arrays.stream(alone).mapToInt(sc -> sc == null ? 0 : sc.count()).sum();
                progress.begin("the same small RPCs alone, Homa over UDP: " + aloneRpcs + " RPCs under " + SMALL + " bytes at their mixed-load times");
                OpenLoad.Result[] homaAlone = openLoop(start -> perSchedule(alone, (c, sc) -> {
                    try (HomaSocket socket = stack.openSocket()) {
                        return OpenLoad.homa(socket, homa, sc, block, start);
                    }
                }));
                progress.done(summary(merged(homaAlone)));
                progress.begin("the same small RPCs alone, TCP: " + aloneRpcs + " RPCs");
                OpenLoad.Result[] tcpAlone = openLoop(start -> perSchedule(alone, (c, sc) -> OpenLoad.tcp(tcp, sc, block, start)));
                progress.done(summary(merged(tcpAlone)));

                report(homaEcho, tcpEcho, homaClosed, tcpClosed, offered, schedules, homaOpen, tcpOpen,
                        new Usage(homaEchoUsage, tcpEchoUsage, u2.minus(u1), u3.minus(u2)), merged(homaAlone), merged(tcpAlone));
            }
        }
        return 0;
    }

    private void validate() {
        if (echoRpcs < 100 || warmupRpcs < 0 || clients < 1 || clients > 64 || outstanding < 1 || outstanding > 64
                || capacityRpcs < 10 || mixedRpcs < 10 || mixedWarmupRpcs < 0) {
            throw usage("need --echo-rpcs >= 100, --warmup-rpcs >= 0, --clients 1..64, --outstanding 1..64, --capacity-rpcs >= 10, "
                    + "--mixed-rpcs >= 10, --mixed-warmup-rpcs >= 0");
        }
        if (load != null && loadMbps != null) throw usage("--load and --load-mbps both set the offered load: give one");
        if (load == null) load = DEFAULT_LOAD;
        if (!(load > 0 && load <= 1)) throw usage("--load must be a fraction in (0, 1] of the measured capacity, not " + load);
        if (loadMbps != null && !(loadMbps > 0 && loadMbps <= 100_000)) throw usage("--load-mbps must be in (0, 100000], not " + loadMbps);
        if (mtu < 1280 || mtu > 65535) throw usage("--mtu must be 1280..65535, not " + mtu);
        if (unschedBytes < 1) throw usage("--unsched-bytes must be positive");
        if (maxIncoming < mtu) throw usage("--max-incoming must hold at least one packet (--mtu " + mtu + "), not " + maxIncoming);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private interface ClientRun<T> {
        T run(int client) throws Exception;
    }

    /** Runs one load per client at once, each on a thread of its own; their results in client order. */
    private <T> List<T> perClient(ClientRun<T> run) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> run.run(client)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) results.add(f.get());
            return results;
        }
    }

    private interface ScheduleRun<T> {
        T run(int client, OpenLoopSchedule schedule) throws Exception;
    }

    /** {@link #perClient} for the clients that have a schedule (a client may have no small RPC). */
    private <T> List<T> perSchedule(OpenLoopSchedule[] schedules, ScheduleRun<T> run) throws Exception {
        List<T> results = perClient(c -> schedules[c] == null ? null : run.run(c, schedules[c]));
        return results.stream().filter(Objects::nonNull).toList();
    }

    private interface OpenRun {
        List<OpenLoad.Result> run(long start) throws Exception;
    }

    /** The clients of an open-loop run, started together: their schedules count from one instant shortly ahead. */
    private static OpenLoad.Result[] openLoop(OpenRun run) throws Exception {
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        OpenLoad.Result[] results = run.run(start).toArray(OpenLoad.Result[]::new);
        for (OpenLoad.Result r : results) check(r.rpcs(), "mixed load");
        return results;
    }

    private static RpcLoad.Result mergeChecked(List<RpcLoad.Result> parts) {
        for (RpcLoad.Result r : parts) check(r, "capacity run");
        return merge(parts);
    }

    /** Merges the clients' samples and counts; the run took as long as its slowest client. */
    private static RpcLoad.Result merge(List<RpcLoad.Result> parts) {
        int n = parts.stream().mapToInt(r -> r.latencies().length).sum();
        long[] latencies = new long[n];
        int[] sizes = new int[n];
        int at = 0;
        long nanos = 0, bytes = 0;
        for (RpcLoad.Result r : parts) {
            System.arraycopy(r.latencies(), 0, latencies, at, r.latencies().length);
            System.arraycopy(r.sizes(), 0, sizes, at, r.sizes().length);
            at += r.latencies().length;
            nanos = Math.max(nanos, r.nanos());
            bytes += r.bytes();
        }
        int completed = parts.stream().mapToInt(RpcLoad.Result::completed).sum();
        int failed = parts.stream().mapToInt(RpcLoad.Result::failed).sum();
        int mismatched = parts.stream().mapToInt(RpcLoad.Result::mismatched).sum();
        return new RpcLoad.Result(latencies, sizes, completed, failed, mismatched, nanos, bytes);
    }

    private static RpcLoad.Result merged(OpenLoad.Result[] parts) {
        return merge(Arrays.stream(parts).map(OpenLoad.Result::rpcs).toList());
    }

    /** Send lateness (ns) of every RPC of every client, sorted. */
    private static long[] sendLags(OpenLoad.Result[] parts) {
        return Arrays.stream(parts).flatMapToLong(r -> Arrays.stream(r.sendLags())).sorted().toArray();
    }

    /** MB/s of requests plus responses. */
    static double megabytesPerSecond(RpcLoad.Result r) {
        return r.bytes() / (r.nanos() / 1e9) / 1e6;
    }

    /**
     * Each client's open-loop schedule at an equal share of {@code offeredMbps}: the RPC rate
     * that carries that many bytes each way at W4's mean size. Sizes come from the same
     * samplers as the capacity run's, and both transports get the very same schedules.
     */
    private OpenLoopSchedule[] schedules(double offeredMbps, int count, long salt) throws IOException {
        Workload w4 = Workload.named("W4").cappedForHoma();
        double rpcsPerSecond = offeredMbps * 1e6 / (2 * w4.mean()) / clients;
        OpenLoopSchedule[] s = new OpenLoopSchedule[clients];
        for (int c = 0; c < clients; c++) {
            MessageSizeSampler sampler = new MessageSizeSampler(w4, seed * 1000 + c + salt);
            s[c] = OpenLoopSchedule.poisson(rpcsPerSecond, count, sampler::next, seed * 1_000_003 + c + salt, PAYLOAD_BLOCK);
        }
        return s;
    }

    /** Added to the seeds of the warm-up's schedules, so that they differ from the measured ones. */
    private static final long WARMUP_SEED_SALT = 0x5EED_0000L;

    private int[][] w4Sizes(int perClient) throws IOException {
        Workload w4 = Workload.named("W4").cappedForHoma();
        int[][] sizes = new int[clients][perClient];
        for (int c = 0; c < clients; c++) {
            MessageSizeSampler sampler = new MessageSizeSampler(w4, seed * 1000 + c);
            for (int i = 0; i < perClient; i++) sizes[c][i] = (int) sampler.next();
        }
        return sizes;
    }

    private static RpcLoad.Result check(RpcLoad.Result r, String what) {
        if (r.failed() > 0 || r.mismatched() > 0) {
            throw new CliException(what + ": " + r.failed() + " RPCs failed and " + r.mismatched() + " came back different");
        }
        return r;
    }

    /** Latencies (µs) of the RPCs whose request is under {@code limit} bytes, sorted. */
    static long[] below(RpcLoad.Result r, int limit) {
        return java.util.stream.IntStream.range(0, r.latencies().length).filter(i -> r.sizes()[i] < limit)
                .mapToLong(i -> r.latencies()[i]).sorted().toArray();
    }

    private static long[] sorted(RpcLoad.Result r) {
        long[] s = r.latencies().clone();
        Arrays.sort(s);
        return s;
    }

    private static String summary(RpcLoad.Result r) {
        long[] s = sorted(r);
        return String.format(Locale.ROOT, "%,d RPCs, p50 %.1f us, p99 %.1f us", r.completed(), RpcLoad.quantile(s, 0.5) / 1e3, RpcLoad.quantile(s, 0.99) / 1e3);
    }

    private static double micros(long[] sorted, double q) {
        return RpcLoad.quantile(sorted, q) / 1e3;
    }

    private void report(RpcLoad.Result homaEcho, RpcLoad.Result tcpEcho, RpcLoad.Result homaClosed, RpcLoad.Result tcpClosed,
                        double offered, OpenLoopSchedule[] schedules, OpenLoad.Result[] homaOpen, OpenLoad.Result[] tcpOpen,
                        Usage usage, RpcLoad.Result homaAlone, RpcLoad.Result tcpAlone) throws IOException {
        long[] he = sorted(homaEcho), te = sorted(tcpEcho);
        double homaP50 = micros(he, 0.5), homaP99 = micros(he, 0.99);
        double tcpP50 = micros(te, 0.5), tcpP99 = micros(te, 0.99);
        double homaCapacity = megabytesPerSecond(homaClosed), tcpCapacity = megabytesPerSecond(tcpClosed);
        double closedRatio = micros(below(tcpClosed, SMALL), 0.99) / micros(below(homaClosed, SMALL), 0.99);

        RpcLoad.Result homaMixed = merged(homaOpen), tcpMixed = merged(tcpOpen);
        long[] hs = below(homaMixed, SMALL), ts = below(tcpMixed, SMALL);
        double homaSmallP99 = micros(hs, 0.99), tcpSmallP99 = micros(ts, 0.99);
        double mixedRatio = tcpSmallP99 / homaSmallP99;
        long[] ha = sorted(homaAlone), ta = sorted(tcpAlone);
        double homaAloneP99 = micros(ha, 0.99), tcpAloneP99 = micros(ta, 0.99);
        // The highest TCP/Homa ratio a transport can reach whose small RPCs under the mixed load
        // are no faster than TCP's (or this Homa's) are with nothing else in flight.
        double ceilingAtTcpFloor = tcpSmallP99 / tcpAloneP99, ceilingAtHomaFloor = tcpSmallP99 / homaAloneP99;
        double scheduled = Arrays.stream(schedules).mapToDouble(OpenLoopSchedule::offeredBytesPerSecond).sum() / 1e6;
        double homaAchieved = megabytesPerSecond(homaMixed), tcpAchieved = megabytesPerSecond(tcpMixed);
        long[] homaLags = sendLags(homaOpen), tcpLags = sendLags(tcpOpen);
        // CPU of both processes over the phase (idle wake-ups included) per MB moved.
        double homaCpuPerMb = usage.homaMixed().cpuNanos() / 1e6 / (homaMixed.bytes() / 1e6);
        double tcpCpuPerMb = usage.tcpMixed().cpuNanos() / 1e6 / (tcpMixed.bytes() / 1e6);
        double homaEchoSwitches = perRpc(usage.homaEcho().switches(), homaEcho), tcpEchoSwitches = perRpc(usage.tcpEcho().switches(), tcpEcho);
        double homaMixedSwitches = perRpc(usage.homaMixed().switches(), homaMixed), tcpMixedSwitches = perRpc(usage.tcpMixed().switches(), tcpMixed);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("benchmark", "rpc");
            o.put("transport", "loopback, two processes; Homa over UDP vs Java TCP");
            o.put("echoBytes", 100);
            o.put("echoRpcs", echoRpcs);
            o.put("homaEchoP50Micros", round(homaP50));
            o.put("homaEchoP99Micros", round(homaP99));
            o.put("tcpEchoP50Micros", round(tcpP50));
            o.put("tcpEchoP99Micros", round(tcpP99));
            o.put("echoP50TcpToHomaRatio", round(tcpP50 / homaP50));
            o.put("echoP99TcpToHomaRatio", round(tcpP99 / homaP99));
            o.put("homaLinkMtu", mtu);
            o.put("homaUnschedBytes", unschedBytes);
            o.put("homaMaxIncomingBytes", maxIncoming);
            o.put("mixedWorkload", "W4");
            o.put("mixedClients", clients);
            o.put("capacityOutstandingPerClient", outstanding);
            o.put("capacityRpcsPerClient", capacityRpcs);
            o.put("homaCapacityMegabytesPerSecond", round(homaCapacity));
            o.put("tcpCapacityMegabytesPerSecond", round(tcpCapacity));
            o.put("homaClosedLoopSmallP99Micros", round(micros(below(homaClosed, SMALL), 0.99)));
            o.put("tcpClosedLoopSmallP99Micros", round(micros(below(tcpClosed, SMALL), 0.99)));
            o.put("closedLoopSmallP99TcpToHomaRatio", round(closedRatio));
            o.put("mixedMode", "open loop, Poisson arrivals, latency from the scheduled send");
            o.put("mixedLoadFraction", loadMbps == null ? round(load) : null);
            o.put("mixedOfferedMegabytesPerSecond", round(offered));
            o.put("mixedScheduledMegabytesPerSecond", round(scheduled));
            o.put("mixedRpcsPerClient", mixedRpcs);
            o.put("mixedWarmupRpcsPerClient", mixedWarmupRpcs);
            o.put("mixedSmallRpcs", hs.length);
            o.put("homaMixedMegabytesPerSecond", round(homaAchieved));
            o.put("tcpMixedMegabytesPerSecond", round(tcpAchieved));
            o.put("homaKeptUp", homaAchieved >= KEPT_UP * scheduled);
            o.put("tcpKeptUp", tcpAchieved >= KEPT_UP * scheduled);
            o.put("homaMixedCpuMillisPerMegabyte", round(homaCpuPerMb));
            o.put("tcpMixedCpuMillisPerMegabyte", round(tcpCpuPerMb));
            o.put("homaEchoContextSwitchesPerRpc", round(homaEchoSwitches));
            o.put("tcpEchoContextSwitchesPerRpc", round(tcpEchoSwitches));
            o.put("homaEchoInvoluntarySwitchesPerRpc", round(perRpc(usage.homaEcho().involuntarySwitches(), homaEcho)));
            o.put("tcpEchoInvoluntarySwitchesPerRpc", round(perRpc(usage.tcpEcho().involuntarySwitches(), tcpEcho)));
            o.put("homaMixedContextSwitchesPerRpc", round(homaMixedSwitches));
            o.put("tcpMixedContextSwitchesPerRpc", round(tcpMixedSwitches));
            o.put("homaMixedInvoluntarySwitchesPerRpc", round(perRpc(usage.homaMixed().involuntarySwitches(), homaMixed)));
            o.put("tcpMixedInvoluntarySwitchesPerRpc", round(perRpc(usage.tcpMixed().involuntarySwitches(), tcpMixed)));
            o.put("homaEchoJitCompileMillis", usage.homaEcho().jitMillis());
            o.put("tcpEchoJitCompileMillis", usage.tcpEcho().jitMillis());
            o.put("homaMixedJitCompileMillis", usage.homaMixed().jitMillis());
            o.put("tcpMixedJitCompileMillis", usage.tcpMixed().jitMillis());
            o.put("homaSendLagP99Micros", round(micros(homaLags, 0.99)));
            o.put("tcpSendLagP99Micros", round(micros(tcpLags, 0.99)));
            o.put("homaMixedSmallP50Micros", round(micros(hs, 0.5)));
            o.put("tcpMixedSmallP50Micros", round(micros(ts, 0.5)));
            o.put("homaMixedSmallP99Micros", round(homaSmallP99));
            o.put("tcpMixedSmallP99Micros", round(tcpSmallP99));
            o.put("mixedSmallP99TcpToHomaRatio", round(mixedRatio));
            o.put("mixedGoalRatio", MIXED_GOAL);
            o.put("meetsMixedGoal", mixedRatio >= MIXED_GOAL);
            o.put("homaSmallAloneP50Micros", round(micros(ha, 0.5)));
            o.put("tcpSmallAloneP50Micros", round(micros(ta, 0.5)));
            o.put("homaSmallAloneP99Micros", round(homaAloneP99));
            o.put("tcpSmallAloneP99Micros", round(tcpAloneP99));
            o.put("mixedSmallP99CeilingRatioAtTcpAloneFloor", round(ceilingAtTcpFloor));
            o.put("mixedSmallP99CeilingRatioAtHomaAloneFloor", round(ceilingAtHomaFloor));
            o.put("homaMixedP99Micros", round(micros(sorted(homaMixed), 0.99)));
            o.put("tcpMixedP99Micros", round(micros(sorted(tcpMixed), 0.99)));
            o.put("seed", seed);
            o.put("cpus", Runtime.getRuntime().availableProcessors());
            o.put("java", Runtime.version().toString());
            out.println(JsonReport.of(o));
        } else {
            out.printf(Locale.ROOT, "bench rpc: two processes on loopback, Homa over UDP (link MTU %d, unscheduled bytes %d, max incoming %d) vs Java TCP, %d CPUs, seed %d%n",
                    mtu, unschedBytes, maxIncoming, Runtime.getRuntime().availableProcessors(), seed);
            out.printf(Locale.ROOT, "  echo, 100 bytes, one at a time (%,d RPCs each):%n", echoRpcs);
            out.printf(Locale.ROOT, "    Homa  p50 %8.1f us   p99 %8.1f us%n", homaP50, homaP99);
            out.printf(Locale.ROOT, "    TCP   p50 %8.1f us   p99 %8.1f us%n", tcpP50, tcpP99);
            out.printf(Locale.ROOT, "    TCP/Homa  p50 %.2f   p99 %.2f   (context switches per RPC, both processes: Homa %.1f, TCP %.1f)%n",
                    tcpP50 / homaP50, tcpP99 / homaP99, homaEchoSwitches, tcpEchoSwitches);
            out.printf(Locale.ROOT, "    JIT compiling while measured, both processes: Homa %d ms, TCP %d ms%n",
                    usage.homaEcho().jitMillis(), usage.tcpEcho().jitMillis());
            out.printf(Locale.ROOT, "  capacity, W4, closed loop, %d clients x %d outstanding, %d RPCs each:%n", clients, outstanding, capacityRpcs);
            out.printf(Locale.ROOT, "    Homa  %7.1f MB/s   (p99 under %d bytes %.1f us)%n", homaCapacity, SMALL, micros(below(homaClosed, SMALL), 0.99));
            out.printf(Locale.ROOT, "    TCP   %7.1f MB/s   (p99 under %d bytes %.1f us)%n", tcpCapacity, SMALL, micros(below(tcpClosed, SMALL), 0.99));
            out.printf(Locale.ROOT, "  mixed W4, open loop: %d clients x %d RPCs, Poisson arrivals, offered %.1f MB/s (%s; scheduled %.1f MB/s);%n",
                    clients, mixedRpcs, offered, loadMbps == null ? String.format(Locale.ROOT, "%.2f of the lower capacity", load) : "--load-mbps", scheduled);
            out.printf(Locale.ROOT, "  latency from the scheduled send, RPCs under %d bytes (%d of them):%n", SMALL, hs.length);
            out.printf(Locale.ROOT, "    Homa  p50 %8.1f us   p99 %8.1f us   (all sizes p99 %.1f us; %.1f MB/s achieved; send lag p99 %.1f us)%n",
                    micros(hs, 0.5), homaSmallP99, micros(sorted(homaMixed), 0.99), homaAchieved, micros(homaLags, 0.99));
            out.printf(Locale.ROOT, "    TCP   p50 %8.1f us   p99 %8.1f us   (all sizes p99 %.1f us; %.1f MB/s achieved; send lag p99 %.1f us)%n",
                    micros(ts, 0.5), tcpSmallP99, micros(sorted(tcpMixed), 0.99), tcpAchieved, micros(tcpLags, 0.99));
            out.printf(Locale.ROOT, "    CPU of both processes per MB moved: Homa %.2f ms, TCP %.2f ms; context switches per RPC: Homa %.1f, TCP %.1f;"
                            + " JIT compiling: Homa %d ms, TCP %d ms%n",
                    homaCpuPerMb, tcpCpuPerMb, homaMixedSwitches, tcpMixedSwitches, usage.homaMixed().jitMillis(), usage.tcpMixed().jitMillis());
            out.printf(Locale.ROOT, "    TCP/Homa  p99 %.2f  (goal >= %.0f: %s)%n", mixedRatio, MIXED_GOAL, mixedRatio >= MIXED_GOAL ? "met" : "not met");
            out.printf(Locale.ROOT, "  the same small RPCs alone (the large ones taken away), latency from the scheduled send:%n");
            out.printf(Locale.ROOT, "    Homa  p50 %8.1f us   p99 %8.1f us%n", micros(ha, 0.5), homaAloneP99);
            out.printf(Locale.ROOT, "    TCP   p50 %8.1f us   p99 %8.1f us%n", micros(ta, 0.5), tcpAloneP99);
            out.printf(Locale.ROOT, "    highest TCP/Homa p99 ratio for small RPCs no faster under the mixed load than alone: %.2f at TCP's floor, %.2f at this Homa's%n",
                    ceilingAtTcpFloor, ceilingAtHomaFloor);
        }
        out.flush();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** CPU time and context switches of both processes over the echo and mixed phases of each transport. */
    private record Usage(ProcessUsage homaEcho, ProcessUsage tcpEcho, ProcessUsage homaMixed, ProcessUsage tcpMixed) {}

    /** This process's usage plus the server's, so far. */
    private static ProcessUsage usage(RpcBenchServerProcess server) throws IOException {
        return ProcessUsage.ofThisProcess().plus(server.usage());
    }

    private static double perRpc(long count, RpcLoad.Result r) {
        return r.completed() == 0 ? 0 : (double) count / r.completed();
    }

    static LinuxDatapathConfig datapathConfig(int mtu) {
        return LinuxDatapathConfig.defaults().withLinkMtu(mtu);
    }
}
