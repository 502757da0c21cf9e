package org.homanic.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FuzzClassifierCommandTest {
    @Test
    void printsOneJsonObjectWithFramesPerSecond() throws Exception {
        CommandLine cli = Homa.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        int exit = cli.execute("fuzz", "classifier", "--frames", "300", "--seed", "0x5", "--json");
        assertEquals(0, exit, out.toString());
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertTrue(json.isObject());
        assertEquals(600, json.get("frames").asInt(), "300 per direction");
        assertEquals(300, json.get("ingress").get("frames").asInt());
        assertEquals(300, json.get("egress").get("frames").asInt());
        assertEquals("0x5", json.get("seed").asText());
        assertTrue(json.get("ok").asBoolean());
        assertTrue(json.get("frames_per_second").asDouble() > 0);
    }

    @Test
    void refusesABadWidth() {
        CommandLine cli = Homa.commandLine();
        cli.setErr(new PrintWriter(new StringWriter()));
        assertEquals(Homa.EXIT_USAGE, cli.execute("fuzz", "classifier", "--width", "100"));
    }
}
