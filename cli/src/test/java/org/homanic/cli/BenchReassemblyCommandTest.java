package org.homanic.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.*;

/** ./homa bench reassembly: its output contract (the figures themselves are not judged here). */
class BenchReassemblyCommandTest {
    private static final String[] QUICK = {"bench", "reassembly", "--message-bytes", "20000", "--repetitions", "1",
            "--measure-ms", "5", "--warmup-ms", "0"};

    private static String[] with(String... more) {
        String[] all = java.util.Arrays.copyOf(QUICK, QUICK.length + more.length);
        System.arraycopy(more, 0, all, QUICK.length, more.length);
        return all;
    }

    private static String[] run(String... args) {
        CommandLine cli = Homa.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void jsonIsExactlyOneObjectWithTheFigures() throws Exception {
        String[] r = run(with("--json", "--shuffled"));
        assertEquals("0", r[0], r[2]);
        JsonNode o = new ObjectMapper().readTree(r[1]);
        assertTrue(o.isObject());
        assertEquals(1, r[1].strip().lines().count(), "one line, one object");
        for (String key : new String[] {"reassemblyGBps", "copyGBps", "reassemblyToCopyRatio", "meetsGoal"}) {
            assertTrue(o.has(key), key);
        }
        assertEquals(15, o.get("packetsPerMessage").asInt(), "ceil(20000 / 1424)");
        assertEquals("shuffled", o.get("order").asText());
        assertEquals(o.get("reassemblyGBps").asDouble() / o.get("copyGBps").asDouble(), o.get("reassemblyToCopyRatio").asDouble(), 0.01);
    }

    @Test
    void textNamesBothFiguresAndTheRatio() {
        String[] r = run(QUICK);
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("reassembly into bpages") && r[1].contains("MemorySegment.copy") && r[1].contains("ratio"), r[1]);
    }

    @Test
    void badSizesAreUsageErrors() {
        String[] r = run("bench", "reassembly", "--message-bytes", "2000000");
        assertEquals(Integer.toString(Homa.EXIT_USAGE), r[0]);
        assertTrue(r[2].contains("1..1000000"), r[2]);
    }

    @Test
    void benchWithoutSubcommandIsAUsageError() {
        assertEquals(Integer.toString(Homa.EXIT_USAGE), run("bench")[0]);
    }
}
