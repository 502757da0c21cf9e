package org.homanic.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.homanic.protocol.workload.MessageSizeSampler;
import org.homanic.protocol.workload.Workload;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** ./homa bench rpc: its output contract on tiny runs (the figures themselves are not judged here). */
class BenchRpcCommandTest {

    private static JsonNode run(String... extra) throws Exception {
        String[] base = {"bench", "rpc", "--echo-rpcs", "200", "--warmup-rpcs", "0", "--clients", "2", "--outstanding", "2",
                "--capacity-rpcs", "20", "--mixed-rpcs", "30", "--mixed-warmup-rpcs", "10", "--seed", "4", "--json"};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(extra)).toArray(String[]::new);
        CliRun r = CliRun.of(args);
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.out().strip().lines().count(), r.out());
        return new ObjectMapper().readTree(r.out());
    }

    /** RPCs under 1,000 bytes among the first {@code n} W4 sizes of each client (the schedule's sizes, seed * 1000 + client). */
    private static int smallRpcs(long seed, int clients, int n) throws Exception {
        Workload w4 = Workload.named("W4").cappedForHoma();
        int small = 0;
        for (int c = 0; c < clients; c++) {
            MessageSizeSampler s = new MessageSizeSampler(w4, seed * 1000 + c);
            for (int i = 0; i < n; i++) if (s.next() < 1000) small++;
        }
        return small;
    }

    @Test
    void jsonIsOneObjectWithBothTransportsTheRatiosAndTheOfferedLoad() throws Exception {
        JsonNode o = run();
        for (String key : new String[] {"homaEchoP50Micros", "homaEchoP99Micros", "tcpEchoP50Micros", "tcpEchoP99Micros",
                "homaCapacityMegabytesPerSecond", "tcpCapacityMegabytesPerSecond", "closedLoopSmallP99TcpToHomaRatio",
                "mixedOfferedMegabytesPerSecond", "mixedScheduledMegabytesPerSecond", "homaMixedMegabytesPerSecond", "tcpMixedMegabytesPerSecond",
                "homaSendLagP99Micros", "tcpSendLagP99Micros", "homaMixedCpuMillisPerMegabyte", "tcpMixedCpuMillisPerMegabyte", "homaMixedSmallP99Micros", "tcpMixedSmallP99Micros", "meetsMixedGoal"}) {
            assertTrue(o.has(key), key + " in " + o);
        }
        assertEquals(o.get("tcpEchoP50Micros").asDouble() / o.get("homaEchoP50Micros").asDouble(),
                o.get("echoP50TcpToHomaRatio").asDouble(), 0.02 * o.get("echoP50TcpToHomaRatio").asDouble() + 0.01);
        assertEquals(o.get("tcpMixedSmallP99Micros").asDouble() / o.get("homaMixedSmallP99Micros").asDouble(),
                o.get("mixedSmallP99TcpToHomaRatio").asDouble(), 0.02 * o.get("mixedSmallP99TcpToHomaRatio").asDouble() + 0.01);
        assertEquals(o.get("mixedSmallP99TcpToHomaRatio").asDouble() >= 5, o.get("meetsMixedGoal").asBoolean());
        assertTrue(o.get("homaEchoP50Micros").asDouble() <= o.get("homaEchoP99Micros").asDouble());
        assertEquals(9000, o.get("homaLinkMtu").asInt());
        assertEquals(40000, o.get("homaUnschedBytes").asLong(), "HomaModule's unsched_bytes by default");
        assertEquals(400000, o.get("homaMaxIncomingBytes").asLong(), "HomaModule's max_incoming by default");

        // By default the open loop offers half the lower of the two capacities measured in the run.
        assertEquals(0.5, o.get("mixedLoadFraction").asDouble());
        double lower = Math.min(o.get("homaCapacityMegabytesPerSecond").asDouble(), o.get("tcpCapacityMegabytesPerSecond").asDouble());
        assertEquals(0.5 * lower, o.get("mixedOfferedMegabytesPerSecond").asDouble(), 0.01 + 0.001 * lower);
        assertEquals(smallRpcs(4, 2, 30), o.get("mixedSmallRpcs").asInt(), "every scheduled RPC under 1,000 bytes completed");
        assertEquals(10, o.get("mixedWarmupRpcsPerClient").asInt());

        // Every RPC wakes each process at least once (the server for the request, the client for
        // the response): at least two voluntary context switches per RPC for either transport.
        for (String key : new String[] {"homaEchoContextSwitchesPerRpc", "tcpEchoContextSwitchesPerRpc",
                "homaMixedContextSwitchesPerRpc", "tcpMixedContextSwitchesPerRpc"}) {
            assertTrue(o.get(key).asDouble() >= 2, key + " in " + o);
        }
        assertTrue(o.get("homaEchoInvoluntarySwitchesPerRpc").asDouble() >= 0);
        for (String key : new String[] {"homaEchoJitCompileMillis", "tcpEchoJitCompileMillis", "homaMixedJitCompileMillis", "tcpMixedJitCompileMillis"}) {
            assertTrue(o.get(key).asLong() >= 0, key + " in " + o);
        }

        // The same small RPCs alone: each ceiling is TCP's mixed-load p99 over that floor.
        for (String floor : new String[] {"Tcp", "Homa"}) {
            double alone = o.get(floor.toLowerCase() + "SmallAloneP99Micros").asDouble();
            assertTrue(alone > 0 && o.get(floor.toLowerCase() + "SmallAloneP50Micros").asDouble() <= alone, floor + " alone in " + o);
            double ceiling = o.get("mixedSmallP99CeilingRatioAt" + floor + "AloneFloor").asDouble();
            assertEquals(o.get("tcpMixedSmallP99Micros").asDouble() / alone, ceiling, 0.02 * ceiling + 0.01, floor);
        }
    }

    @Test
    void aFixedOfferedLoadIsScheduledAsAsked() throws Exception {
        JsonNode o = run("--load-mbps", "3");
        assertEquals(3.0, o.get("mixedOfferedMegabytesPerSecond").asDouble());
        assertTrue(o.get("mixedLoadFraction").isNull(), "no fraction of a capacity: " + o);
        // 60 Poisson arrivals of W4 sizes: the schedule's own load is near the asked one, not exactly it.
        double scheduled = o.get("mixedScheduledMegabytesPerSecond").asDouble();
        assertTrue(scheduled > 0.5 && scheduled < 18, "scheduled " + scheduled + " MB/s for 3 asked");
        assertEquals(smallRpcs(4, 2, 30), o.get("mixedSmallRpcs").asInt());
    }

    @Test
    void badArgumentsAreUsageErrors() {
        for (String[] args : new String[][] {{"--clients", "0"}, {"--mtu", "100"}, {"--max-incoming", "5000"}, {"--load", "0"},
                {"--load", "1.5"}, {"--load-mbps", "0"}, {"--load", "0.3", "--load-mbps", "3"}, {"--mixed-rpcs", "5"}, {"--capacity-rpcs", "5"},
                {"--mixed-warmup-rpcs", "-1"}}) {
            String[] full = java.util.stream.Stream.concat(java.util.stream.Stream.of("bench", "rpc"), java.util.Arrays.stream(args)).toArray(String[]::new);
            CliRun r = CliRun.of(full);
            assertEquals(Homa.EXIT_USAGE, r.code(), String.join(" ", args));
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(args[0]), args[0] + " named in: " + r.err());
        }
    }
}
