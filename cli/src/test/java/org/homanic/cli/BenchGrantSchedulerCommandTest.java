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
        for (String key : new String[] {"events_per_cycle_one_message", "events_per_cycle_8_granting",
                "events_per_cycle_8_active", "events_per_cycle_32_messages", "events_per_cycle_single_packet_messages"}) {
            double rate = row.get(key).asDouble();
            assertTrue(rate > 0 && rate <= 1, key + ": " + out);
        }
        // A batch holds at least one packet and at most the configured number.
        double perBatch = row.get("packets_per_batch").asDouble();
        assertTrue(perBatch >= 1 && perBatch <= json.get("packets_per_batch_max").asInt(), out::toString);
        assertTrue(row.get("latency_cycles_min").asInt() > 0);
        assertTrue(row.get("latency_cycles_max").asInt() <= 32, "event to GRANT within the 32-cycle goal: " + out);
        // Without merging, a batch is one packet.
        assertEquals(1.0, json.get("baseline_without_merging").get("packets_per_batch").asDouble(), 1e-9, out::toString);
        assertTrue(json.get("merging_events_per_cycle_ratio_8_granting").asDouble() > 0, out::toString);
        // The END promotes a waiting message: a pass over the 64 entries at least.
        assertTrue(row.get("end_with_waiting_cycles").asLong() >= 64, out::toString);
    }
}
