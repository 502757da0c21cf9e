package org.homanic.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.homanic.protocol.wire.FrameParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class SimCommandTest {

    @Test
    void nicAndBaselineRunsReportOneJsonObjectPlotAndPcap(@TempDir Path dir) throws Exception {
        Path pcap = dir.resolve("trace.pcap");
        CliRun r = CliRun.of("sim", "--hosts", "2", "--workload", "w4", "--load", "0.5", "--messages", "40", "--seed", "3",
                "--baseline", "--json", "--out", dir.toString(), "--pcap", pcap.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        JsonNode json = new ObjectMapper().readTree(r.out());
        for (String run : new String[] {"nicOffload", "baseline"}) {
            JsonNode x = json.get(run);
            assertEquals(40, x.get("rpcsCompleted").asLong(), run);
            assertEquals(0, x.get("rpcsFailed").asLong() + x.get("duplicates").asLong() + x.get("corrupt").asLong(), run);
            assertEquals(4, x.get("buckets").size());
            long rpcs = 0;
            for (JsonNode b : x.get("buckets")) rpcs += b.get("rpcs").asLong();
            assertEquals(40, rpcs, "every RPC in one bucket");
            assertTrue(x.get("simulatedCyclesPerSecond").asDouble() > 0);
        }
        assertTrue(json.get("nicOffload").get("nicGrants").asLong() > 0, "W4 has messages above the unscheduled bytes");
        assertEquals(0, json.get("nicOffload").get("hostGrants").asLong());
        assertEquals(0, json.get("nicOffload").get("scoreboardMismatches").asLong());
        assertEquals(0, json.get("baseline").get("nicGrants").asLong());
        assertTrue(json.get("baseline").get("hostGrants").asLong() > 0);
        assertTrue(json.has("p99SlowdownUnder1000BytesRatioBaselineToNic"));
        assertNotNull(ImageIO.read(dir.resolve("slowdown.png").toFile()), "a PNG");
        assertTrue(Files.exists(dir.resolve("report.json")));

        // The pcap: nanosecond pcap of Ethernet frames, every one a valid Homa packet for the project's parser.
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcap)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xA1B23C4D, b.getInt());
        b.position(24);
        int frames = 0;
        FrameParser parser = new FrameParser();
        while (b.remaining() > 0) {
            b.getInt();
            b.getInt();
            int len = b.getInt();
            b.getInt();
            byte[] f = new byte[len];
            b.get(f);
            assertTrue(parser.parseFrame(MemorySegment.ofArray(f), 0, len), "frame " + frames + ": " + parser.rejection());
            frames++;
        }
        assertTrue(frames > 80, "requests, replies, grants: " + frames);
        CliRun decode = CliRun.of("decode", "--pcap", pcap.toString(), "--json");
        assertEquals(0, decode.code(), decode.err());
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(Homa.EXIT_USAGE, CliRun.of("sim", "--hosts", "1").code());
        assertEquals(Homa.EXIT_USAGE, CliRun.of("sim", "--load", "1.5").code());
        assertEquals(Homa.EXIT_USAGE, CliRun.of("sim", "--workload", "w9").code());
        assertEquals(Homa.EXIT_USAGE, CliRun.of("sim", "--wave", "x.fst").code());
        assertEquals(Homa.EXIT_USAGE, CliRun.of("sim", "--wave", "x.fst", "--wave-window", "5:2").code());
        CliRun r = CliRun.of("sim", "--link-gbps", "100");
        assertEquals(Homa.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("--link-gbps"), r.err());
    }
}
