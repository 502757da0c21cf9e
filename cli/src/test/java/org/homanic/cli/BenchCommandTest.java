package org.homanic.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchCommandTest {
    @Test
    void simPrintsOneJsonObjectWithThreeSpeedsAndTwoRatios() throws Exception {
        CommandLine cli = Homa.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        int exit = cli.execute("bench", "sim", "--json", "--stages", "2", "--cycles", "6400", "--repetitions", "1", "--warmups", "0", "--no-pipeline");
        assertEquals(0, exit);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertTrue(json.isObject());
        for (String key : new String[] {"cpp_cycles_per_second", "java_per_cycle_cycles_per_second",
                "java_batched_cycles_per_second", "ratio_per_cycle_to_cpp", "ratio_batched_to_cpp"}) {
            assertTrue(json.get(key).asDouble() > 0, key + " in " + json);
        }
        assertEquals(json.get("java_per_cycle_cycles_per_second").asDouble() / json.get("cpp_cycles_per_second").asDouble(),
                json.get("ratio_per_cycle_to_cpp").asDouble(), 1e-9);
        assertEquals(2 * 148, json.get("flops").asInt());
    }

    @Test
    void simIncludesTheFourHostNicPipeline() throws Exception {
        CommandLine cli = Homa.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        int exit = cli.execute("bench", "sim", "--json", "--stages", "1", "--cycles", "640", "--repetitions", "1", "--warmups", "0",
                "--pipeline-cycles", "3000", "--pipeline-messages", "40");
        assertEquals(0, exit, out::toString);
        JsonNode p = new ObjectMapper().readTree(out.toString()).get("nic_pipeline");
        assertEquals(4, p.get("nics").asInt());
        for (String key : new String[] {"cpp_network_cycles_per_second", "java_network_cycles_per_second",
                "simulated_network_cycles_per_second", "ratio_java_to_cpp", "ratio_simulated_network_to_cpp"}) {
            assertTrue(p.get(key).asDouble() > 0, key + " in " + p);
        }
        // The same stimulus into the same models: the C++ and the Java harness see the same frames come out.
        assertTrue(p.get("frames_out_cpp").asLong() > 100, p.toString());
        assertEquals(p.get("frames_out_cpp").asLong(), p.get("frames_out_java").asLong(), p.toString());
    }

    @Test
    void cyclesMustBeAMultipleOfThePhase() {
        CommandLine cli = Homa.commandLine();
        cli.setErr(new PrintWriter(new StringWriter()));
        assertEquals(Homa.EXIT_USAGE, cli.execute("bench", "sim", "--cycles", "100"));
    }
}
