package org.homanic.testbench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A stand-alone C++ program around a model, for comparisons with a plain Verilator harness: the
 * given main source is compiled in one translation unit with the model's C++ (so it may use
 * {@code V<top>} directly) and linked with the same Verilator runtime as the model library.
 */
public final class CppHarness {
    private final Path executable;

    private CppHarness(Path executable) {
        this.executable = executable;
    }

    /** Compiles {@code mainSource} against {@code model} with the model's optimization level; cached by content. */
    public static CppHarness build(Model model, String mainSource) {
        Toolchain tools = Toolchain.detect();
        ModelCache cache = ModelCache.userDefault();
        String key = "harness-" + ModelCache.hash(List.of(model.directory().toString(), mainSource, tools.cxxVersion()));
        Path dir = cache.getOrBuild(key, d -> {
            Path obj = model.directory().resolve("obj");
            Path main = d.resolve("harness_main.cpp");
            Files.writeString(main, "#include \"homa_unity.cpp\"\n" + mainSource);
            WaveFormat format = model.options().waveFormat();
            List<String> cmd = new ArrayList<>(List.of(tools.cxx()));
            cmd.addAll(tools.commonCxxFlags(model.runtime));
            cmd.addAll(ModelBuilder.traceDefines(format));
            cmd.addAll(List.of("-I" + obj, model.options().cxxOptimization(), "-o", d.resolve("harness").toString(), main.toString()));
            cmd.addAll(ModelBuilder.runtimeObjects(model.runtime, format));
            if (format == WaveFormat.FST) cmd.add("-lz");
            Path log = d.resolve("cxx.log");
            Process p = new ProcessBuilder(cmd).directory(d.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    throw new ModelBuildException("C++ harness failed to compile:\n" + Files.readString(log));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ModelBuildException("interrupted", e);
            }
            Files.writeString(d.resolve(ModelCache.COMPLETE_MARKER), "");
        });
        return new CppHarness(dir.resolve("harness"));
    }

    /** Runs the program with {@code args}; returns its standard output, or throws with it when it fails. */
    public String run(String... args) {
        List<String> cmd = new ArrayList<>(List.of(executable.toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) throw new IllegalStateException("C++ harness exited with " + p.exitValue() + ":\n" + out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
