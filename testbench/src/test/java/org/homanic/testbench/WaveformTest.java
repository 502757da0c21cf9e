package org.homanic.testbench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Waveforms carry the design's own signal names and the values the design had. */
class WaveformTest {

    @Test
    void vcdNamesTheDesignsSignalsAndRecordsTheirValues(@TempDir Path dir) throws Exception {
        Model model = Model.load(VerilogDesign.fromResources("counter", getClass(), "counter.v"),
                BuildOptions.DEFAULT.withWaveFormat(WaveFormat.VCD));
        Path file = dir.resolve("counter.vcd");
        try (Simulator sim = model.newSimulator()) {
            sim.openWaveform(file);
            sim.reset(1);
            sim.port("enable").set(1);
            sim.step(5);
        }
        String vcd = Files.readString(file);
        assertTrue(vcd.contains("$scope module counter $end"), "the top module's scope");
        Matcher count = Pattern.compile("\\$var wire\\s+8 (\\S+) count \\[7:0\\] \\$end").matcher(vcd);
        assertTrue(count.find(), "an 8-bit variable named count");
        assertTrue(vcd.contains("$var wire  1 ") && vcd.contains(" enable $end"), "enable is traced");
        // After reset and 5 enabled cycles the last value dumped for count is 5 (b101).
        String id = Pattern.quote(count.group(1));
        Matcher values = Pattern.compile("\\nb([01]+) " + id + "\\n").matcher(vcd);
        String last = null;
        while (values.find()) last = values.group(1);
        assertEquals(5, Integer.parseInt(last, 2));
        // The rising edge of cycle n is at time 10n + 1.
        assertTrue(vcd.contains("\n#51\n"), "the sixth rising edge at time 51");
    }

    @Test
    void aModelWithoutTraceCodeRunsButRefusesWaveforms(@TempDir Path dir) {
        Model model = Model.load(VerilogDesign.fromResources("counter", getClass(), "counter.v"), BuildOptions.FASTEST);
        try (Simulator sim = model.newSimulator()) {
            assertThrows(IllegalStateException.class, () -> sim.openWaveform(dir.resolve("x.fst")));
            sim.reset(1);
            sim.port("enable").set(1);
            sim.step(9);
            assertEquals(9, sim.port("count").get());
        }
        assertFalse(Files.exists(dir.resolve("x.fst")));
    }

    @Test
    void fstFileIsWrittenAndClosed(@TempDir Path dir) throws Exception {
        Model model = Model.load(VerilogDesign.fromResources("counter", getClass(), "counter.v"));
        Path file = dir.resolve("counter.fst");
        try (Simulator sim = model.newSimulator()) {
            sim.openWaveform(file);
            sim.reset(1);
            sim.step(100);
        }
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(bytes.length > 100, "FST holds header, hierarchy and value blocks");
        assertEquals(0, bytes[0], "an FST file starts with its header block (type 0)");
    }
}
