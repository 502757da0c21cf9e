package org.homanic.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.*;

/** ./homa serve and ./homa call in one JVM over UDP: results, output contract, and user errors. */
class ServeAndCallCommandTest {

    private static String port() {
        return Integer.toString(ThreadLocalRandom.current().nextInt(1000, 32768));
    }

    @Test
    void callReportsPercentilesAndEveryRpcCameBackIntact() throws Exception {
        String homaPort = port();
        try (InProcessServer server = new InProcessServer("serve", "--port", homaPort, "--udp-port", "0", "--bind", "127.0.0.1", "--timeout-ms", "5000")) {
            int udp = server.udpPort();
            CliRun r = CliRun.of("call", "127.0.0.1:" + homaPort, "--udp-port", Integer.toString(udp),
                    "--workload", "w3", "--count", "300", "--concurrency", "4", "--seed", "5", "--timeout-ms", "5000", "--json");
            assertEquals(0, r.code(), r.err());
            assertEquals(1, r.out().strip().lines().count(), "exactly one JSON object: " + r.out());
            JsonNode o = new ObjectMapper().readTree(r.out());
            assertEquals(300, o.get("completed").asInt());
            assertEquals(0, o.get("failed").asInt());
            assertEquals(0, o.get("mismatched").asInt());
            assertEquals("W3", o.get("sizes").asText());
            double p50 = o.get("p50Micros").asDouble(), p99 = o.get("p99Micros").asDouble(), p999 = o.get("p999Micros").asDouble();
            assertTrue(p50 > 0 && p50 <= p99 && p99 <= p999, o.toString());
            String printed = server.stop();
            assertTrue(printed.contains("served 300 requests"), "each request served once: " + printed);
        }
    }

    @Test
    void textOutputOverIpv6NamesThePercentilesAndThroughput() throws Exception {
        String homaPort = port();
        try (InProcessServer server = new InProcessServer("serve", "--port", homaPort, "--udp-port", "0", "--bind", "::1", "--timeout-ms", "5000")) {
            int udp = server.udpPort();
            CliRun r = CliRun.of("call", "[::1]:" + homaPort, "--udp-port", Integer.toString(udp), "--size", "3000", "--count", "50", "--timeout-ms", "5000");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("completed 50, failed 0, different bytes 0"), r.out());
            assertTrue(r.out().contains("p50") && r.out().contains("p99 ") && r.out().contains("p99.9") && r.out().contains("RPCs/s"), r.out());
        }
    }

    @Test
    void badArgumentsAreOneLineUsageErrors() {
        for (String[] args : new String[][] {
                {"call", "127.0.0.1"}, {"call", "127.0.0.1:40000"}, {"call", "::1:4000"}, {"call", "127.0.0.1:x"},
                {"call", "127.0.0.1:4000", "--size", "0"}, {"call", "127.0.0.1:4000", "--count", "0"},
                {"call", "127.0.0.1:4000", "--workload", "w9"}, {"call", "127.0.0.1:4000", "--datapath", "tcp"},
                {"call", "127.0.0.1:4000", "--timeout-ms", "1"}, {"serve", "--port", "40000"}, {"serve", "--port", "0"}, {"serve"}}) {
            CliRun r = CliRun.of(args);
            assertEquals(Homa.EXIT_USAGE, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("homa: error: "), r.err());
        }
    }

    @Test
    void callingAUdpPortWhereNothingListensFailsAtOnceAsUnreachable() throws Exception {
        int freePort;
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0, java.net.InetAddress.getByName("127.0.0.1"))) {
            freePort = probe.getLocalPort();
        }
        CliRun r = CliRun.of("call", "127.0.0.1:4000", "--udp-port", Integer.toString(freePort), "--count", "3",
                "--timeout-ms", "60000", "--json");
        assertEquals(Homa.EXIT_FAILURE, r.code(), r.err());
        assertEquals("homa: error: 3 RPCs failed and 0 came back with different bytes, of 3", r.err().strip());
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertEquals(3, o.get("failures").get("PeerUnreachableException").asInt(), "ICMP port unreachable, not the 60 s timeout: " + o);
    }

    @Test
    void systemErrorsAreOneLineFailuresNamingTheCallAndErrno() {
        CliRun notLocal = CliRun.of("serve", "--port", "4000", "--bind", "192.0.2.1");
        assertEquals(Homa.EXIT_FAILURE, notLocal.code());
        assertEquals("homa: error: bind failed: EADDRNOTAVAIL (Cannot assign requested address): UDP socket on 192.0.2.1:4000",
                notLocal.err().strip());
        CliRun unknownHost = CliRun.of("call", "no.such.host.invalid:4000", "--count", "1");
        assertEquals(Homa.EXIT_FAILURE, unknownHost.code());
        assertEquals("homa: error: cannot resolve host 'no.such.host.invalid'", unknownHost.err().strip());
    }
}
