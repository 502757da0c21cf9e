package org.homanic.fpga;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every board folder is generated, its wrapper lints with zero warnings inside the stand-in of
 * the shell's interface, and its build files only name files that exist.
 */
class BoardProjectTest {
    @TempDir
    static Path out;

    static Stream<String> boards() {
        return Boards.all().keySet().stream();
    }

    @BeforeAll
    static void generateAll() throws IOException {
        for (Board b : Boards.all().values()) {
            BoardProject.write(b, out.resolve(b.name()));
        }
    }

    @ParameterizedTest
    @MethodSource("boards")
    void wrapperLintsCleanInsideTheShellStandIn(String name) throws Exception {
        // lint.sh is what users run; it holds the same command as BoardProject.lint.
        Path dir = out.resolve(name);
        Process p = new ProcessBuilder("sh", "lint/lint.sh").directory(dir.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        int code = p.waitFor();
        assertEquals(0, code, name + ": lint failed:\n" + log);
        assertFalse(log.contains("%Warning"), name + ": lint warnings:\n" + log);
        assertFalse(log.contains("%Error"), name + ": lint errors:\n" + log);
    }

    @Test
    void aPortTheShellDoesNotHaveFailsTheLint(@TempDir Path broken) throws IOException {
        // The stand-in must catch a wrapper that does not match the shell: drop one port.
        BoardProject.Result r = BoardProject.write(Boards.byName("corundum-au50"), broken);
        Path wrapper = broken.resolve("rtl/mqnic_app_block.v");
        String text = Files.readString(wrapper);
        String port = "    input  wire [APP_GPIO_IN_WIDTH-1:0]";
        assertTrue(text.contains(port));
        Files.writeString(wrapper, text.replace(port, "    input  wire [APP_GPIO_IN_WIDTH-2:0]"));
        BoardProject.LintResult lint = BoardProject.lint(r);
        assertFalse(lint.clean(), "a narrower gpio_in must not lint clean:\n" + lint.output());
    }

    @ParameterizedTest
    @MethodSource("boards")
    void buildFilesNameOnlyFilesOfTheFolder(String name) throws IOException {
        Board b = Boards.byName(name);
        Path dir = out.resolve(name);
        String make = Files.readString(dir.resolve("Makefile"));
        for (String script : List.of("program.sh", "flash.sh", "lint/lint.sh")) {
            assertTrue(make.contains("$(HERE)/" + script), name + ": Makefile does not use " + script);
            assertTrue(Files.isExecutable(dir.resolve(script)), name + ": " + script + " is not executable");
        }
        assertTrue(Files.readString(dir.resolve("program.sh")).contains("program.tcl"));
        assertTrue(Files.readString(dir.resolve("flash.sh")).contains("flash.tcl"));
        assertTrue(Files.exists(dir.resolve("program.tcl")) && Files.exists(dir.resolve("flash.tcl")));
        for (String file : lintFiles(dir)) {
            assertTrue(Files.exists(dir.resolve(file)), name + ": lint.sh names missing " + file);
        }
        if (b.shell() == Shell.CORUNDUM) {
            Matcher m = Pattern.compile("HOMA_RTL = ((?:[^\\n]*\\\\\\n)*[^\\n]*)").matcher(make);
            assertTrue(m.find(), "no HOMA_RTL list");
            List<String> listed = new ArrayList<>();
            for (String tok : m.group(1).replace("\\", " ").trim().split("\\s+")) listed.add(tok);
            try (Stream<Path> rtl = Files.list(dir.resolve("rtl"))) {
                List<String> present = rtl.map(p -> "rtl/" + p.getFileName()).filter(f -> f.endsWith(".v")).sorted().toList();
                assertEquals(present, listed.stream().sorted().toList(), name + ": the Makefile must list exactly the Verilog in rtl/");
            }
            assertTrue(make.contains("fpga/mqnic/" + b.shellBoard() + "/fpga_100g"), "board directory of the shell");
        } else {
            String tcl = Files.readString(dir.resolve("plugin/build_box_250mhz.tcl"));
            Matcher m = Pattern.compile("read_verilog -quiet (\\S+\\.v)").matcher(tcl);
            assertTrue(m.find());
            assertTrue(Files.exists(dir.resolve("plugin").resolve(m.group(1))), name + ": build_box_250mhz.tcl reads a missing " + m.group(1));
            assertTrue(tcl.contains("glob -directory rtl *.v"));
            try (Stream<Path> rtl = Files.list(dir.resolve("plugin/rtl"))) {
                assertTrue(rtl.anyMatch(p -> p.toString().endsWith(".v")), "plugin/rtl holds the NIC");
            }
            // OpenNIC's build.tcl sources or reads these from every plugin's box_250mhz directory.
            for (String f : List.of("user_plugin_250mhz_inst.vh", "box_250mhz_address_map_inst.vh",
                    "box_250mhz_address_map.v", "box_250mhz_axi_crossbar.tcl")) {
                assertTrue(Files.exists(dir.resolve("plugin/box_250mhz").resolve(f)), name + ": missing plugin/box_250mhz/" + f);
            }
            assertTrue(make.contains("-board " + b.shellBoard() + " "), "OpenNIC board name");
        }
        String readme = Files.readString(dir.resolve("README.md"));
        assertTrue(readme.contains(b.part()) && readme.contains("./program.sh") && readme.contains("./flash.sh"));
    }

    private static List<String> lintFiles(Path dir) throws IOException {
        String sh = Files.readString(dir.resolve("lint/lint.sh"));
        List<String> files = new ArrayList<>();
        for (String tok : sh.substring(sh.indexOf("exec ")).split("\\s+")) {
            if (tok.endsWith(".v") || tok.endsWith(".sv")) files.add(tok);
        }
        assertFalse(files.isEmpty());
        return files;
    }

    @Test
    void theSameBoardGivesTheSameBytes(@TempDir Path again) throws IOException {
        Board b = Boards.byName("opennic-au280");
        BoardProject.Result r = BoardProject.write(b, again);
        for (String f : r.files()) {
            assertEquals(Files.readString(out.resolve(b.name()).resolve(f)), Files.readString(again.resolve(f)), f);
        }
    }

    @Test
    void anUnknownBoardIsRefusedWithTheListOfBoards() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Boards.byName("corundum-vcu118"));
        assertTrue(e.getMessage().contains("unknown board 'corundum-vcu118'"));
        for (String name : List.of("corundum-au250", "corundum-au280", "corundum-au50", "opennic-au250", "opennic-au280", "opennic-au55c")) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
    }
}
