package org.homanic.testbench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Turns a {@link VerilogDesign} into a model library: Verilator writes C++, a generated shim
 * gives it a C ABI, and g++ compiles the model and the shim as one translation unit (about a
 * second for a small design, against several for one compiler run per generated file) and links
 * it with the Verilator runtime, which is compiled once per cache.
 */
final class ModelBuilder {

    /** Bumped whenever the shim's C ABI or the build recipe changes; part of every cache key. */
    static final int SHIM_VERSION = 2;

    static final String LIBRARY = "model.so";
    private static final String[] RUNTIME_SOURCES = {"verilated", "verilated_threads", "verilated_fst_c", "verilated_vcd_c"};
    private static final String RUNTIME_OPTIMIZATION = "-O2";

    private final Toolchain tools;
    private final ModelCache cache;

    ModelBuilder(Toolchain tools, ModelCache cache) {
        this.tools = tools;
        this.cache = cache;
    }

    /** The cache key of a design built with the given options. */
    String key(VerilogDesign design, BuildOptions options) {
        List<String> parts = new ArrayList<>(List.of(
                "shim=" + SHIM_VERSION, resource("homa_shim.cpp.template"), resource("homa_printf.h"),
                tools.verilatorVersion(), tools.cxxVersion(),
                "top=" + design.top(), options.toString(), String.join(" ", tools.commonCxxFlags(Path.of("")))));
        for (Map.Entry<String, String> f : design.files().entrySet()) {
            parts.add(f.getKey());
            parts.add(f.getValue());
        }
        return design.top() + "-" + ModelCache.hash(parts);
    }

    /** The directory of the built model: from the cache, or built now. */
    Path build(VerilogDesign design, BuildOptions options) {
        Path runtime = runtime();
        return cache.getOrBuild(key(design, options), dir -> buildModel(design, options, runtime, dir));
    }

    /** The directory of the compiled Verilator runtime objects, built first if needed. */
    Path runtime() {
        String key = "runtime-" + ModelCache.hash(List.of("shim=" + SHIM_VERSION, resource("homa_printf.h"),
                tools.verilatorVersion(), tools.cxxVersion(), RUNTIME_OPTIMIZATION,
                String.join(" ", tools.commonCxxFlags(Path.of("")))));
        return cache.getOrBuild(key, this::buildRuntime);
    }

    private void buildRuntime(Path dir) throws IOException {
        System.err.println("homa: compiling the Verilator runtime into " + cache.root() + " (once per Verilator version)");
        writeShimHeader(dir);
        List<RuntimeCompile> running = new ArrayList<>();
        for (String source : RUNTIME_SOURCES) {
            List<String> cmd = new ArrayList<>(List.of(tools.cxx()));
            cmd.addAll(tools.commonCxxFlags(dir));
            cmd.addAll(List.of("-DVM_TRACE=1", RUNTIME_OPTIMIZATION, "-c",
                    tools.verilatorInclude().resolve(source + ".cpp").toString(), "-o", dir.resolve(source + ".o").toString()));
            // Two at a time: the machines this runs on have few cores, shared with other work.
            if (running.size() == 2) finish(running.removeFirst(), dir);
            running.add(new RuntimeCompile(start(cmd, dir, dir.resolve(source + ".log")), source));
        }
        while (!running.isEmpty()) finish(running.removeFirst(), dir);
        Files.writeString(dir.resolve(ModelCache.COMPLETE_MARKER), "");
    }

    private void buildModel(VerilogDesign design, BuildOptions options, Path runtime, Path dir) throws IOException {
        long started = System.nanoTime();
        String top = design.top();
        System.err.println("homa: compiling Verilator model '" + top + "' (" + design.files().size()
                + " Verilog file(s)) into " + cache.root());
        Path src = Files.createDirectories(dir.resolve("src"));
        List<String> verilator = new ArrayList<>(List.of(tools.verilator(), "--cc"));
        if (options.waveFormat().verilatorFlag() != null) verilator.add(options.waveFormat().verilatorFlag());
        verilator.addAll(List.of("--assert", "-Wno-fatal", "--x-assign", "fast", "--x-initial", "fast",
                "--top-module", top, "--prefix", "V" + top, "-Mdir", dir.resolve("obj").toString()));
        verilator.addAll(options.verilatorArgs());
        for (Map.Entry<String, String> f : design.files().entrySet()) {
            Path file = src.resolve(f.getKey());
            Files.writeString(file, f.getValue());
            verilator.add(f.getKey());
        }
        // Run in src/ with bare file names, so that messages and $fatal locations name the
        // design's own files, not a temporary build directory.
        run(verilator, src, dir.resolve("verilator.log"), "Verilator rejected design '" + top + "'");

        Path obj = dir.resolve("obj");
        List<PortDeclaration> ports = PortDeclaration.parseModelHeader(Files.readString(obj.resolve("V" + top + ".h")));
        Files.writeString(obj.resolve("homa_shim.cpp"), shimSource(top, ports));
        Files.writeString(obj.resolve("homa_unity.cpp"), unitySource(obj));
        Files.writeString(obj.resolve("exports.map"), "{ global: homa_*; local: *; };\n");

        List<String> cxx = new ArrayList<>(List.of(tools.cxx()));
        cxx.addAll(tools.commonCxxFlags(runtime));
        cxx.addAll(traceDefines(options.waveFormat()));
        cxx.addAll(List.of("-I" + obj, options.cxxOptimization(), "-shared", "-o", dir.resolve(LIBRARY).toString(),
                obj.resolve("homa_unity.cpp").toString()));
        cxx.addAll(runtimeObjects(runtime, options.waveFormat()));
        // Only the shim's entry points are exported: two model libraries in one JVM then each
        // keep their own copy of the Verilator runtime instead of sharing one by accident.
        cxx.addAll(List.of("-Wl,--version-script=" + obj.resolve("exports.map"), "-Wl,--no-undefined"));
        if (options.waveFormat() == WaveFormat.FST) cxx.add("-lz");
        run(cxx, dir, dir.resolve("cxx.log"), "C++ compilation of model '" + top + "' failed");

        StringBuilder manifest = new StringBuilder();
        for (PortDeclaration p : ports) manifest.append(p.toManifestLine()).append('\n');
        Files.writeString(dir.resolve(ModelCache.COMPLETE_MARKER), manifest);
        Files.writeString(dir.resolve("build-seconds.txt"), String.format("%.2f%n", (System.nanoTime() - started) / 1e9));
    }

    /** The VM_TRACE* defines the model's C++ expects for a wave format. */
    static List<String> traceDefines(WaveFormat format) {
        return List.of("-DVM_TRACE=" + (format == WaveFormat.NONE ? 0 : 1),
                "-DVM_TRACE_FST=" + (format == WaveFormat.FST ? 1 : 0), "-DVM_TRACE_VCD=" + (format == WaveFormat.VCD ? 1 : 0));
    }

    /** The runtime objects a model with this wave format links. */
    static List<String> runtimeObjects(Path runtime, WaveFormat format) {
        List<String> objects = new ArrayList<>(List.of(runtime.resolve("verilated.o").toString(),
                runtime.resolve("verilated_threads.o").toString()));
        if (format == WaveFormat.FST) objects.add(runtime.resolve("verilated_fst_c.o").toString());
        if (format == WaveFormat.VCD) objects.add(runtime.resolve("verilated_vcd_c.o").toString());
        return objects;
    }

    static String shimSource(String top, List<PortDeclaration> ports) {
        StringBuilder table = new StringBuilder();
        for (int i = 0; i < ports.size(); i++) {
            table.append("    out[").append(i).append("] = static_cast<void*>(&m->").append(ports.get(i).name()).append(");\n");
        }
        return resource("homa_shim.cpp.template")
                .replace("@TOP@", top)
                .replace("@SHIM_VERSION@", Integer.toString(SHIM_VERSION))
                .replace("@PORT_COUNT@", Integer.toString(ports.size()))
                .replace("@PORT_TABLE@", table.toString().stripTrailing());
    }

    private static String unitySource(Path obj) throws IOException {
        StringBuilder unity = new StringBuilder("// All of the model's C++ in one translation unit: verilated.h is parsed once.\n");
        try (Stream<Path> files = Files.list(obj)) {
            for (Path p : files.map(Path::getFileName).filter(n -> n.toString().endsWith(".cpp"))
                    .filter(n -> !n.toString().startsWith("homa_")).sorted().toList()) {
                unity.append("#include \"").append(p).append("\"\n");
            }
        }
        return unity.append("#include \"homa_shim.cpp\"\n").toString();
    }

    private static void writeShimHeader(Path dir) throws IOException {
        Files.writeString(dir.resolve("homa_printf.h"), resource("homa_printf.h"));
    }

    static String resource(String name) {
        try (InputStream in = ModelBuilder.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Process start(List<String> command, Path workDir, Path log) throws IOException {
        return new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void run(List<String> command, Path workDir, Path log, String failure) throws IOException {
        Files.writeString(log, "");
        waitFor(start(command, workDir, log), failure, log);
    }

    /** A running compilation of one file of the Verilator runtime. */
    private record RuntimeCompile(Process process, String source) {}

    private static void finish(RuntimeCompile c, Path dir) throws IOException {
        waitFor(c.process(), "compiling the Verilator runtime's " + c.source() + ".cpp failed", dir.resolve(c.source() + ".log"));
    }

    private static void waitFor(Process p, String what, Path log) throws IOException {
        try {
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new ModelBuildException(what + ": timed out");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ModelBuildException(what + ": interrupted", e);
        }
        if (p.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log);
            String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
            throw new ModelBuildException(what + " (exit " + p.exitValue() + "):\n" + tail);
        }
    }
}
