package org.homanic.hdl.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** LUT levels and carry chains of small netlists written by hand in Yosys' JSON form. */
class LogicDepthTest {

    private static String cell(String type, String inputs, String outputs) {
        StringBuilder dirs = new StringBuilder();
        StringBuilder conns = new StringBuilder();
        for (String io : (inputs + (inputs.isEmpty() || outputs.isEmpty() ? "" : ";") + outputs).split(";")) {
            String[] kv = io.split("=");
            boolean out = outputs.contains(io);
            dirs.append(dirs.isEmpty() ? "" : ",").append('"').append(kv[0]).append("\":\"").append(out ? "output" : "input").append('"');
            conns.append(conns.isEmpty() ? "" : ",").append('"').append(kv[0]).append("\":[").append(kv[1]).append(']');
        }
        return "{\"type\":\"" + type + "\",\"port_directions\":{" + dirs + "},\"connections\":{" + conns + "}}";
    }

    @Test
    void countsLutsBetweenFlopsAndMeasuresCarryChainsApart(@TempDir Path dir) throws Exception {
        // q0 (bit 2) -> LUT6 -> LUT6 -> CARRY8 -> CARRY8 -> CARRY8 -> LUT2 -> flop d (bit 20).
        // A shorter branch: q0 -> LUT3 -> output port bit 30.
        String cells = String.join(",",
                "\"ff0\":" + cell("FDRE", "C=1;D=40", "Q=2"),
                "\"l1\":" + cell("LUT6", "I0=2;I1=3", "O=10"),
                "\"l2\":" + cell("LUT6", "I0=10", "O=11"),
                "\"c1\":" + cell("CARRY8", "CI=11;S=2", "CO=12"),
                "\"c2\":" + cell("CARRY8", "CI=12;S=2", "CO=13"),
                "\"c3\":" + cell("CARRY8", "CI=13;S=2", "CO=14"),
                "\"l3\":" + cell("LUT2", "I0=14;I1=2", "O=15"),
                "\"ff1\":" + cell("FDRE", "C=1;D=15", "Q=20"),
                "\"l4\":" + cell("LUT3", "I0=2", "O=30"),
                // Four LUTs from a module input to a flop: not register-to-register, so not counted.
                "\"p1\":" + cell("LUT6", "I0=50", "O=51"),
                "\"p2\":" + cell("LUT6", "I0=51", "O=52"),
                "\"p3\":" + cell("LUT6", "I0=52", "O=53"),
                "\"p4\":" + cell("LUT6", "I0=53", "O=54"),
                "\"ff2\":" + cell("FDRE", "C=1;D=54", "Q=55"));
        String json = "{\"modules\":{\"top\":{\"ports\":{\"clk\":{\"direction\":\"input\",\"bits\":[1]},"
                + "\"in\":{\"direction\":\"input\",\"bits\":[3,40,50]},\"out\":{\"direction\":\"output\",\"bits\":[30]}},"
                + "\"cells\":{" + cells + "}}}}";
        Path file = dir.resolve("n.json");
        Files.writeString(file, json);
        LogicDepth.Result r = LogicDepth.analyse(file, "top");
        assertEquals(3, r.lutLevels(), "LUT6, LUT6, LUT2; carry cells add no levels");
        assertEquals(3, r.longestCarryChain());
        assertEquals(3, r.deepestPath().size(), r.deepestPath().toString());
        assertEquals("FDRE ff0", r.from());
        assertEquals("FDRE ff1", r.to());
    }

    @Test
    void lutRamWritesEndPathsAndOnlyItsAddressFeedsItsOutput(@TempDir Path dir) throws Exception {
        // ff0 -> LUT6 -> RAM64M write data; ff0 -> RAM64M read address -> LUT2 -> ff1.
        String cells = String.join(",",
                "\"ff0\":" + cell("FDRE", "C=1;D=40", "Q=2"),
                "\"l1\":" + cell("LUT6", "I0=2", "O=60"),
                "\"ram\":" + cell("RAM64M", "ADDRA=2;DIA=60;WE=2", "DOA=61"),
                "\"l2\":" + cell("LUT2", "I0=61", "O=62"),
                "\"ff1\":" + cell("FDRE", "C=1;D=62", "Q=63"));
        String json = "{\"modules\":{\"top\":{\"ports\":{\"clk\":{\"direction\":\"input\",\"bits\":[1]},"
                + "\"in\":{\"direction\":\"input\",\"bits\":[40]}},\"cells\":{" + cells + "}}}}";
        Path file = dir.resolve("ram.json");
        Files.writeString(file, json);
        LogicDepth.Result r = LogicDepth.analyse(file, "top");
        assertEquals(2, r.lutLevels(), "the RAM read (1) and LUT2 (1); the write data path is not a read path");
    }
}
