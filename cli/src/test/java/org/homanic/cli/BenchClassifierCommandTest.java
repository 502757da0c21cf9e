package org.homanic.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchClassifierCommandTest {
    @Test
    void bothDirectionsCarryOneBeatPerCycleWithoutDrops() throws Exception {
        CommandLine cli = Homa.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("bench", "classifier", "--frames", "20", "--json"));
        JsonNode json = new ObjectMapper().readTree(out.toString());
        JsonNode rows = json.get("rows");
        assertEquals(18, rows.size(), "nine sizes, two directions");
        for (JsonNode r : rows) {
            assertEquals(20, r.get("frames").asInt(), r.toString());
            assertEquals(0, r.get("drops").asInt(), r.toString());
            assertEquals(1.0, r.get("beats_per_cycle").asDouble(), 1e-9, r.toString());
            assertTrue(r.get("first_beat_latency_min").asInt() >= r.get("beats_per_frame").asInt(), "store and forward: " + r);
        }
    }
}
