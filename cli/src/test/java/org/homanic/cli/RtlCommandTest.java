package org.homanic.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RtlCommandTest {

    @Test
    void writesVerilogManifestAndRegisterMapThatLintClean(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("rtl", "--out", dir.toString(), "--preset", "sim", "--set", "sched_entries=128",
                "--set", "queues=4", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("HomaNic", json.get("topModule").asText());
        assertEquals(128, json.get("parameters").get("schedEntries").asInt());
        for (String f : List.of("HomaNic.v", "HomaNic.json", "homa_nic_regs.md", "homa_nic_regs.h", "NicRegs.java")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        String top = Files.readString(dir.resolve("HomaNic.v"));
        assertTrue(top.contains("m_axis_host_rx_4_tdata"), "four Homa queues and the default queue");
        assertFalse(top.contains("m_axis_host_rx_5_tdata"));
        assertTrue(Files.readString(dir.resolve("homa_nic_regs.h")).contains("#define HOMA_NIC_SCHED_EVENTS 0x380u"));
        assertTrue(Files.readString(dir.resolve("HomaNic.json")).contains("s_axis_mac_rx_tdata"));

        // Lint what was written, as a user would.
        List<String> cmd = new ArrayList<>(List.of("verilator", "--lint-only", "-Wall", "--top-module", "HomaNic"));
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.toString().endsWith(".v")).sorted().forEach(p -> cmd.add(p.toString()));
        }
        Process lint = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes());
        assertEquals(0, lint.waitFor(), output);
        assertFalse(output.contains("%Warning"), output);
    }

    @Test
    void sameParametersGiveTheSameFiles(@TempDir Path dir) throws Exception {
        assertEquals(0, CliRun.of("rtl", "--out", dir.resolve("a").toString(), "--preset", "sim").code());
        assertEquals(0, CliRun.of("rtl", "--out", dir.resolve("b").toString(), "--preset", "sim").code());
        for (String f : List.of("HomaNic.v", "HomaNic.json", "homa_nic_regs.h")) {
            assertEquals(Files.readString(dir.resolve("a").resolve(f)), Files.readString(dir.resolve("b").resolve(f)), f);
        }
    }

    @Test
    void invalidParametersAreRefusedWithTheRule(@TempDir Path dir) {
        CliRun width = CliRun.of("rtl", "--out", dir.toString(), "--set", "width=96");
        assertEquals(Homa.EXIT_USAGE, width.code());
        assertTrue(width.err().contains("data width must be a power of two"), width.err());
        CliRun ways = CliRun.of("rtl", "--out", dir.toString(), "--set", "sched_ways=3");
        assertEquals(Homa.EXIT_USAGE, ways.code());
        assertTrue(ways.err().contains("ways must be 2, 4 or 8"), ways.err());
        CliRun unknown = CliRun.of("rtl", "--out", dir.toString(), "--set", "lanes=4");
        assertEquals(Homa.EXIT_USAGE, unknown.code());
        assertTrue(unknown.err().contains("no parameter 'lanes'"), unknown.err());
        CliRun small = CliRun.of("rtl", "--out", dir.toString(), "--set", "buffer_bytes=8192");
        assertEquals(Homa.EXIT_USAGE, small.code());
        assertTrue(small.err().contains("9018"), small.err());
        assertFalse(Files.exists(dir.resolve("HomaNic.v")), "nothing written for an invalid set");
    }

    @Test
    void theNicIsARegisteredDesign() {
        assertTrue(Designs.all().containsKey("nic"));
    }
}
