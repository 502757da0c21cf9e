package org.homanic.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class BoardCommandTest {

    @Test
    void writesTheBoardFolderAndReportsOneJsonObject(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("board", "opennic-au280", "--out", dir.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("opennic-au280", json.get("board").asText());
        assertEquals("xcu280-fsvh2892-2L-e", json.get("part").asText());
        for (String f : List.of("Makefile", "README.md", "program.sh", "flash.sh", "lint/lint.sh",
                "plugin/build_box_250mhz.tcl", "plugin/homa_opennic_250mhz.v", "plugin/rtl/HomaNic.v", "registers/register-map.json")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
    }

    @Test
    void listsTheSixBoards() {
        CliRun r = CliRun.of("board", "--list");
        assertEquals(0, r.code(), r.err());
        for (String b : List.of("corundum-au250", "corundum-au280", "corundum-au50", "opennic-au250", "opennic-au280", "opennic-au55c")) {
            assertTrue(r.out().contains(b), r.out());
        }
    }

    @Test
    void anUnknownBoardIsAUsageErrorListingTheBoards(@TempDir Path dir) {
        CliRun r = CliRun.of("board", "corundum-vcu118", "--out", dir.toString());
        assertEquals(Homa.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("unknown board 'corundum-vcu118'"), r.err());
        assertTrue(r.err().contains("opennic-au55c"), r.err());
        CliRun none = CliRun.of("board");
        assertEquals(Homa.EXIT_USAGE, none.code());
        assertTrue(none.err().contains("known boards"), none.err());
    }

    @Test
    void synthRefusesABoardForAnotherDesignOrAnUnknownBoard() {
        CliRun other = CliRun.of("synth", "classifier", "--board", "corundum-au50");
        assertEquals(Homa.EXIT_USAGE, other.code());
        assertTrue(other.err().contains("--board goes with the design 'nic'"), other.err());
        CliRun unknown = CliRun.of("synth", "--board", "au999");
        assertEquals(Homa.EXIT_USAGE, unknown.code());
        assertTrue(unknown.err().contains("unknown board 'au999'"), unknown.err());
    }
}
