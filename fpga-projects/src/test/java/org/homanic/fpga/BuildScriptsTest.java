package org.homanic.fpga;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The generated Makefiles run against a stand-in checkout of each shell (the files they read,
 * shaped as in the shells' repositories: Corundum's stock {@code fpga/Makefile} and
 * {@code fpga/config.tcl} lines, OpenNIC's {@code script/build.tcl} and board settings) with a
 * stand-in {@code vivado} that records how it was called. Vivado itself does not run here.
 */
class BuildScriptsTest {

    /** A fake vivado: records its working directory and arguments, and exits 0. */
    static Path fakeVivado(Path bin, Path log, String extra) throws IOException {
        Files.createDirectories(bin);
        Path v = bin.resolve("vivado");
        Files.writeString(v, "#!/bin/sh\necho \"cwd=$(pwd)\" >> '" + log + "'\necho \"args=$*\" >> '" + log + "'\n" + extra + "exit 0\n");
        Files.setPosixFilePermissions(v, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    static Process make(Path dir, Path bin, String... args) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of("make", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("PATH", bin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        return pb.start();
    }

    static String run(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void corundumPrepareMakesTheBuildDirectoryFromTheStockOne(@TempDir Path tmp) throws Exception {
        Board b = Boards.byName("corundum-au280");
        Path project = tmp.resolve("project");
        BoardProject.write(b, project);
        Path board = tmp.resolve("corundum/fpga/mqnic/AU280/fpga_100g");
        Files.createDirectories(board.resolve("fpga"));
        Files.writeString(board.resolve("fpga/Makefile"), """
                FPGA_PART = xcu280-fsvh2892-2L-e
                SYN_FILES = rtl/fpga.v
                CONFIG_TCL_FILES = ./config.tcl
                include ../common/vivado.mk
                """);
        Files.writeString(board.resolve("fpga/config.tcl"), """
                dict set params APP_ID "32'h00000000"
                dict set params APP_ENABLE "0"
                dict set params APP_CTRL_ENABLE "1"
                """);
        Path bin = fakeVivado(tmp.resolve("bin"), tmp.resolve("vivado.log"), "");
        run(make(project, bin, "CORUNDUM=" + tmp.resolve("corundum"), "prepare"));

        Path build = board.resolve("fpga_app_homa");
        String mk = Files.readString(build.resolve("Makefile"));
        assertTrue(mk.contains("include homa_files.mk\ninclude ../common/vivado.mk"), mk);
        String cfg = Files.readString(build.resolve("config.tcl"));
        assertTrue(cfg.contains("dict set params APP_ENABLE \"1\""), cfg);
        assertTrue(cfg.contains("dict set params APP_ID \"32'h486f6d61\""), cfg);
        assertTrue(cfg.contains("dict set params APP_CTRL_ENABLE \"1\""), "other lines kept");
        // Corundum's vivado.mk reads SYN_FILES relative to the board directory.
        List<String> files = Files.readAllLines(build.resolve("homa_files.mk"));
        assertFalse(files.isEmpty());
        for (String line : files) {
            assertTrue(line.startsWith("SYN_FILES += fpga_app_homa/homa_rtl/"), line);
            Path f = board.resolve(line.substring("SYN_FILES += ".length()));
            assertTrue(Files.exists(f), "listed but not copied: " + f);
            assertEquals(Files.readString(project.resolve("rtl").resolve(f.getFileName())), Files.readString(f));
        }
        assertTrue(files.contains("SYN_FILES += fpga_app_homa/homa_rtl/mqnic_app_block.v"));
    }

    @Test
    void corundumRefusesSomethingThatIsNotACorundumCheckout(@TempDir Path tmp) throws Exception {
        Path project = tmp.resolve("project");
        BoardProject.write(Boards.byName("corundum-au250"), project);
        Path bin = fakeVivado(tmp.resolve("bin"), tmp.resolve("vivado.log"), "");
        Process p = make(project, bin, "CORUNDUM=" + tmp, "prepare");
        String out = new String(p.getInputStream().readAllBytes());
        assertNotEquals(0, p.waitFor(), out);
        assertTrue(out.contains("is CORUNDUM a Corundum checkout?"), out);
        Process none = make(project, bin, "prepare");
        String out2 = new String(none.getInputStream().readAllBytes());
        assertNotEquals(0, none.waitFor());
        assertTrue(out2.contains("set CORUNDUM to a checkout"), out2);
    }

    @Test
    void openNicRunsTheShellsBuildScriptWithThePlugin(@TempDir Path tmp) throws Exception {
        Board b = Boards.byName("opennic-au55c");
        Path project = tmp.resolve("project");
        BoardProject.write(b, project);
        Path shell = tmp.resolve("open-nic-shell");
        Files.createDirectories(shell.resolve("script/board_settings"));
        Files.writeString(shell.resolve("script/build.tcl"), "# stand-in\n");
        Files.writeString(shell.resolve("script/board_settings/au55c.tcl"), "set part xcu55c-fsvh2892-2L-e\n");
        Path runDir = shell.resolve("build/au55c_homa/open_nic_shell/open_nic_shell.runs/impl_1");
        Path log = tmp.resolve("vivado.log");
        Path bin = fakeVivado(tmp.resolve("bin"), log,
                "mkdir -p '" + runDir + "' && echo bit > '" + runDir + "/open_nic_shell.bit'\n");
        run(make(project, bin, "OPENNIC_SHELL=" + shell, "JOBS=2"));

        List<String> calls = Files.readAllLines(log);
        assertEquals("cwd=" + shell.resolve("script"), calls.get(0));
        String args = calls.get(1).substring("args=".length());
        assertTrue(args.startsWith("-mode batch -source build.tcl -tclargs"), args);
        for (String expected : List.of("-board au55c", "-tag homa", "-user_plugin " + project.resolve("plugin"),
                "-impl 1", "-post_impl 1", "-jobs 2", "-use_phys_func 1", "-num_phys_func 1", "-num_cmac_port 1")) {
            assertTrue(args.contains(expected), "missing " + expected + " in " + args);
        }
        assertTrue(Files.exists(project.resolve("homa_nic_opennic-au55c.bit")), "bitstream copied into the folder");
    }

    @Test
    void programAndFlashCallVivadoWithTheirScript(@TempDir Path tmp) throws Exception {
        Path project = tmp.resolve("project");
        BoardProject.write(Boards.byName("corundum-au50"), project);
        Path log = tmp.resolve("vivado.log");
        Path bin = fakeVivado(tmp.resolve("bin"), log, "");
        Path bit = Files.writeString(tmp.resolve("x.bit"), "bit");
        for (String script : List.of("program", "flash")) {
            ProcessBuilder pb = new ProcessBuilder(project.resolve(script + ".sh").toString(), bit.toString()).redirectErrorStream(true);
            pb.environment().put("PATH", bin + ":" + pb.environment().get("PATH"));
            run(pb.start());
            List<String> calls = Files.readAllLines(log);
            assertTrue(calls.getLast().contains("-mode batch -source " + project.resolve(script + ".tcl") + " -tclargs " + bit), calls.getLast());
        }
        ProcessBuilder missing = new ProcessBuilder(project.resolve("program.sh").toString()).redirectErrorStream(true);
        missing.environment().put("PATH", bin + ":" + missing.environment().get("PATH"));
        Process p = missing.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(2, p.waitFor());
        assertTrue(out.contains("no bitstream at"), out);
    }
}
