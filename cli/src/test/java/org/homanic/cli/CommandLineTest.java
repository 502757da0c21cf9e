package org.homanic.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line's contract: usage errors exit 2 in one line, help lists every command. */
class CommandLineTest {

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cli = Homa.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void unknownCommandIsAOneLineUsageError() {
        Run r = run("nosuchcommand");
        assertEquals(Homa.EXIT_USAGE, r.code());
        assertEquals("homa: error: unknown command 'nosuchcommand' (see './homa --help')", r.err().strip());
    }

    @Test
    void badOptionIsAOneLineUsageError() {
        Run r = run("demo", "--messages");
        assertEquals(Homa.EXIT_USAGE, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("./homa demo --help"), r.err());
    }

    @Test
    void badValueIsAUserErrorWithoutStackTrace() {
        Run r = run("demo", "--messages", "12");
        assertEquals(Homa.EXIT_FAILURE, r.code());
        assertEquals("homa: error: --messages must be between 100 and 1000000, not 12", r.err().strip());
    }

    @Test
    void helpListsEveryCommand() {
        Run r = run("--help");
        assertEquals(0, r.code());
        CommandLine cli = Homa.commandLine();
        for (String name : cli.getSubcommands().keySet()) {
            assertTrue(r.out().contains("  " + name), "help should list " + name + ":\n" + r.out());
        }
        assertTrue(r.out().contains("test [MAVEN ARGS]") && r.out().contains("doctor"), r.out());
    }

    /**
     * Every command and subcommand prints its usage, and picocli formats every description (a
     * bare '%' in a description makes it warn on stderr and print the raw text).
     */
    @Test
    void everyCommandHasHelp() {
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            for (var command : Homa.commandLine().getSubcommands().entrySet()) {
                String name = command.getKey();
                if (name.equals("help")) continue;
                assertHelp(name);
                for (var sub : command.getValue().getSubcommands().entrySet()) {
                    // Hidden subcommands are the benchmarks' own child processes, not for users.
                    if (!sub.getKey().equals("help") && !sub.getValue().getCommandSpec().usageMessage().hidden()) {
                        assertHelp(name, sub.getKey());
                    }
                }
            }
        } finally {
            System.setErr(stderr);
        }
        assertEquals("", warnings.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void assertHelp(String... command) {
        String[] args = java.util.Arrays.copyOf(command, command.length + 1);
        args[command.length] = "--help";
        Run r = run(args);
        String name = String.join(" ", command);
        assertEquals(0, r.code(), name + " --help");
        assertTrue(r.out().startsWith("Usage: homa " + name), r.out());
    }

    @Test
    void decodeShowsTheFieldsOfAGrant() {
        // GRANT from the kernel fixtures: Homa header onward, 33 bytes.
        Run r = run("decode", "1234abcd1020304011223311504256789abcb97d01020304050607081122334407");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("homa header, 33 bytes"), r.out());
        assertTrue(r.out().contains("type=GRANT"), r.out());
        assertTrue(r.out().contains("offset     287454020 (0x11223344)"), r.out());
    }

    @Test
    void decodeJsonIsOneObject() throws Exception {
        Run r = run("decode", "--json", "1234abcd1020304011223311504256789abcb97d01020304050607081122334407");
        assertEquals(0, r.code(), r.err());
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertTrue(tree.isObject(), r.out());
    }

    @Test
    void decodeRefusesBadHexInOneLine() {
        Run r = run("decode", "zz");
        assertEquals(Homa.EXIT_FAILURE, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void synthReportsResourcesAndLogicDepthAsOneJsonObject() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("homa-synth-test");
        Run r = run("synth", "axis-pipeline", "--set", "width=32", "--set", "depth=16", "--json", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertEquals("AxisPipeline", tree.get("topModule").asText());
        assertTrue(tree.get("luts").asInt() > 0, r.out());
        assertTrue(tree.get("flipFlops").asInt() > 2 * 2 * 38, "two 2-word register slices of 38 bits: " + r.out());
        int levels = tree.get("deepestPathLutLevels").asInt();
        assertTrue(levels >= 1 && levels <= 6, r.out());
    }

    @Test
    void synthRefusesUnknownDesignsAndParameters() {
        Run unknown = run("synth", "nosuch");
        assertEquals(Homa.EXIT_FAILURE, unknown.code());
        assertTrue(unknown.err().contains("unknown design 'nosuch'; known designs: axis-pipeline"), unknown.err());
        Run typo = run("synth", "axis-pipeline", "--set", "widht=64");
        assertEquals(Homa.EXIT_FAILURE, typo.code());
        assertTrue(typo.err().contains("has no parameter 'widht'"), typo.err());
    }
}
