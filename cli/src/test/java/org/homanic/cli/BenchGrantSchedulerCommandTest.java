package org.homanic.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchGrantSchedulerCommandTest {
    @Test
    void jsonHasOneRowPerTableSize() throws Exception {
        CommandLine cli = Homa.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("bench", "grant-scheduler", "--entries", "64", "--events", "500", "--json"));
        JsonNode json = new ObjectMapper().readTree(out.toString());
        JsonNode row = json.get("results").get(0);
        assertEquals(64, row.get("entries").asInt());
        double rate = row.get("events_per_cycle_active").asDouble();
        assertTrue(rate > 0 && rate <= 1, out::toString);
        double granting = row.get("events_per_cycle_each_granting").asDouble();
        assertTrue(granting > 0 && granting <= 1, out::toString);
        assertTrue(row.get("latency_cycles_min").asInt() > 0);
        assertTrue(row.get("latency_cycles_max").asInt() <= 32, "event to GRANT within the 32-cycle goal: " + out);
        // The END promotes a waiting message: a pass over the 64 entries at least.
        assertTrue(row.get("end_with_waiting_cycles").asLong() >= 64, out::toString);
    }
}
