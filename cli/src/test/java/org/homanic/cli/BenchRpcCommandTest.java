package org.homanic.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** ./homa bench rpc: its output contract on a tiny run (the figures themselves are not judged here). */
class BenchRpcCommandTest {

    @Test
    void jsonIsOneObjectWithBothTransportsAndTheRatios() throws Exception {
        CliRun r = CliRun.of("bench", "rpc", "--echo-rpcs", "200", "--warmup-rpcs", "0", "--clients", "2",
                "--outstanding", "2", "--mixed-rpcs", "20", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.out().strip().lines().count(), r.out());
        JsonNode o = new ObjectMapper().readTree(r.out());
        for (String key : new String[] {"homaEchoP50Micros", "homaEchoP99Micros", "tcpEchoP50Micros", "tcpEchoP99Micros",
                "homaMixedSmallP99Micros", "tcpMixedSmallP99Micros", "meetsMixedGoal"}) {
            assertTrue(o.has(key), key + " in " + o);
        }
        assertEquals(o.get("tcpEchoP50Micros").asDouble() / o.get("homaEchoP50Micros").asDouble(),
                o.get("echoP50TcpToHomaRatio").asDouble(), 0.02 * o.get("echoP50TcpToHomaRatio").asDouble() + 0.01);
        assertEquals(o.get("tcpMixedSmallP99Micros").asDouble() / o.get("homaMixedSmallP99Micros").asDouble(),
                o.get("mixedSmallP99TcpToHomaRatio").asDouble(), 0.02 * o.get("mixedSmallP99TcpToHomaRatio").asDouble() + 0.01);
        assertTrue(o.get("homaEchoP50Micros").asDouble() <= o.get("homaEchoP99Micros").asDouble());
        assertEquals(9000, o.get("homaLinkMtu").asInt());
        assertEquals(40000, o.get("homaUnschedBytes").asLong(), "HomaModule's unsched_bytes by default");
        assertEquals(400000, o.get("homaMaxIncomingBytes").asLong(), "HomaModule's max_incoming by default");
    }

    @Test
    void badCountsAreUsageErrors() {
        CliRun r = CliRun.of("bench", "rpc", "--clients", "0");
        assertEquals(Homa.EXIT_USAGE, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        CliRun mtu = CliRun.of("bench", "rpc", "--mtu", "100");
        assertEquals(Homa.EXIT_USAGE, mtu.code());
        assertTrue(mtu.err().contains("--mtu"), mtu.err());
        CliRun incoming = CliRun.of("bench", "rpc", "--max-incoming", "5000");
        assertEquals(Homa.EXIT_USAGE, incoming.code());
        assertTrue(incoming.err().contains("--max-incoming"), incoming.err());
    }
}
