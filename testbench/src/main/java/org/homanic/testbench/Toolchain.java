package org.homanic.testbench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The external tools a build runs: Verilator and a C++ compiler. Their versions are part of the
 * cache key, so an upgrade of either rebuilds every model instead of loading stale code.
 */
record Toolchain(String verilator, String cxx, Path verilatorInclude, String verilatorVersion, String cxxVersion) {

    private static volatile Toolchain detected;

    /** The tools on PATH ({@code $HOMA_VERILATOR} and {@code $CXX} override), probed once per JVM. */
    static Toolchain detect() {
        Toolchain t = detected;
        if (t == null) {
            synchronized (Toolchain.class) {
                if (detected == null) detected = probe();
                t = detected;
            }
        }
        return t;
    }

    private static Toolchain probe() {
        String verilator = envOr("HOMA_VERILATOR", "verilator");
        String cxx = envOr("CXX", "g++");
        // Started together: verilator is a Perl script, and this probe is part of every test
        // JVM's first model load.
        Process version = start(List.of(verilator, "--version"), "Verilator (install it: apt-get install verilator)");
        Process root = start(List.of(verilator, "--getenv", "VERILATOR_ROOT"), "Verilator");
        Process cxxVersion = start(List.of(cxx, "--version"), "a C++ compiler (install g++)");
        String verilatorVersion = finish(version, List.of(verilator, "--version")).strip();
        Path include = Path.of(finish(root, List.of(verilator, "--getenv", "VERILATOR_ROOT")).strip(), "include");
        if (!Files.isRegularFile(include.resolve("verilated.cpp"))) {
            throw new ModelBuildException("Verilator's include directory not found at " + include);
        }
        String compiler = finish(cxxVersion, List.of(cxx, "--version")).lines().findFirst().orElse("").strip();
        return new Toolchain(verilator, cxx, include, verilatorVersion, compiler);
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static Process start(List<String> command, String what) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new ModelBuildException("cannot run " + command.getFirst() + ": " + what + " is needed", e);
        }
    }

    private static String finish(Process p, List<String> command) {
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new ModelBuildException("'" + String.join(" ", command) + "' failed: " + out.strip());
            }
            return out;
        } catch (IOException e) {
            throw new ModelBuildException("cannot read the output of " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelBuildException("interrupted while running " + String.join(" ", command), e);
        }
    }

    /** Flags every C++ file of a model library is compiled with, the Verilator runtime included. */
    List<String> commonCxxFlags(Path shimHeaderDir) {
        List<String> flags = new ArrayList<>(List.of(
                "-std=gnu++17", "-fPIC", "-pthread", "-w",
                // Without this, -fPIC makes g++ treat every global function of the model as
                // replaceable at load time, so it may not inline or call it directly.
                "-fno-semantic-interposition", "-fvisibility=hidden",
                "-I" + verilatorInclude, "-I" + verilatorInclude.resolve("vltstd"),
                "-I" + shimHeaderDir,
                // Our definitions of vl_finish/vl_stop/vl_fatal replace verilated.cpp's, which exit or abort.
                "-DVL_USER_FINISH", "-DVL_USER_STOP", "-DVL_USER_FATAL",
                "-DVL_PRINTF=homa_vl_printf", "-include", "homa_printf.h",
                "-DVM_COVERAGE=0", "-DVM_SC=0"));
        return flags;
    }
}
