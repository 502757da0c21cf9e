package org.homanic.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FuzzGrantSchedulerCommandTest {
    @Test
    void jsonIsOneObjectWithNoMismatches() throws Exception {
        CommandLine cli = Homa.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        int exit = cli.execute("fuzz", "grant-scheduler", "--events", "2000", "--seed", "3", "--json");
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertTrue(json.isObject(), out::toString);
        assertEquals(0, exit, out::toString);
        assertEquals(2000, json.get("events").asLong());
        assertEquals(0, json.get("mismatches").asLong());
        assertTrue(json.get("events_per_second").asDouble() > 0);
        assertTrue(json.get("grants").asLong() > 0, out::toString);
    }

    @Test
    void aBadTableSizeIsAUsageError() {
        CommandLine cli = Homa.commandLine();
        cli.setErr(new PrintWriter(new StringWriter()));
        assertEquals(Homa.EXIT_USAGE, cli.execute("fuzz", "grant-scheduler", "--entries", "100"));
    }

    @Test
    void theSchedulerIsARegisteredDesign() {
        assertTrue(Designs.all().containsKey("grant-scheduler"));
        Designs.build("grant-scheduler", DesignParams.parse(java.util.List.of("entries=64")));
    }
}
