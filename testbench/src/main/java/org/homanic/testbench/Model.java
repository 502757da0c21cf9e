package org.homanic.testbench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * A design compiled into a native library and loaded into this JVM; a factory of independent
 * {@link Simulator}s. Loading is cached twice: on disk by content hash (see {@link ModelCache}),
 * and in memory per JVM, so that every test of one design shares one library. A library stays
 * loaded until the JVM exits: unloading code that a forgotten simulator might still run would
 * crash the JVM, and a test run loads only a handful of designs.
 */
@SuppressWarnings("restricted") // loads native libraries; needs --enable-native-access
public final class Model {

    private static final Map<String, Model> LOADED = new ConcurrentHashMap<>();

    // Function addresses of the shim, called through the shared handles in NativeCalls.
    final MemorySegment fnNew, fnInitialize, fnDelete, fnFinal, fnPortPointers, fnEval, fnTick, fnStep, fnAdvance,
            fnTraceOpen, fnTraceFlush, fnTraceClose;
    final int stateSize;

    private final VerilogDesign design;
    private final BuildOptions options;
    private final Path directory;
    final Path runtime;
    private final List<PortDeclaration> ports;
    private final Map<String, Integer> portIndex = new LinkedHashMap<>();

    private Model(VerilogDesign design, BuildOptions options, Path directory, Path runtime, List<PortDeclaration> ports) {
        this.runtime = runtime;
        this.design = design;
        this.options = options;
        this.directory = directory;
        this.ports = List.copyOf(ports);
        for (int i = 0; i < ports.size(); i++) portIndex.put(ports.get(i).name(), i);
        // The library's own arena, never closed (see the class comment).
        SymbolLookup lib = SymbolLookup.libraryLookup(directory.resolve(ModelBuilder.LIBRARY), Arena.ofShared());
        fnNew = entry(lib, "homa_new");
        fnInitialize = entry(lib, "homa_initialize");
        fnDelete = entry(lib, "homa_delete");
        fnFinal = entry(lib, "homa_final");
        fnPortPointers = entry(lib, "homa_port_pointers");
        fnEval = entry(lib, "homa_eval");
        fnTick = entry(lib, "homa_tick");
        fnStep = entry(lib, "homa_step");
        fnAdvance = entry(lib, "homa_advance");
        fnTraceOpen = entry(lib, "homa_trace_open");
        fnTraceFlush = entry(lib, "homa_trace_flush");
        fnTraceClose = entry(lib, "homa_trace_close");
        int version = callInt(lib.findOrThrow("homa_shim_version"));
        if (version != ModelBuilder.SHIM_VERSION) {
            throw new IllegalStateException("model library " + directory + " has shim version " + version);
        }
        stateSize = callInt(lib.findOrThrow("homa_state_size"));
        int count = callInt(lib.findOrThrow("homa_port_count"));
        if (count != ports.size()) {
            throw new IllegalStateException("model library " + directory + " has " + count + " ports, manifest " + ports.size());
        }
    }

    /**
     * The address of a shim function, detached from the library's arena: a segment of a shared
     * arena passed to a downcall is acquired and released around every call (two atomic
     * operations, a fifth of a small design's cycle). The library is never unloaded, so the
     * address stays valid.
     */
    private static MemorySegment entry(SymbolLookup lib, String name) {
        return MemorySegment.ofAddress(lib.findOrThrow(name).address());
    }

    private static int callInt(MemorySegment fn) {
        MethodHandle h = Linker.nativeLinker().downcallHandle(fn, FunctionDescriptor.of(JAVA_INT));
        try {
            return (int) h.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The model of {@code design} with default build options, built or taken from the caches. */
    public static Model load(VerilogDesign design) {
        return load(design, BuildOptions.DEFAULT);
    }

    /** The model of {@code design}, built or taken from the caches. Prints one line to stderr when it compiles. */
    public static Model load(VerilogDesign design, BuildOptions options) {
        ModelBuilder builder = new ModelBuilder(Toolchain.detect(), ModelCache.userDefault());
        String key = builder.key(design, options);
        Model loaded = LOADED.get(key);
        if (loaded != null) return loaded;
        synchronized (LOADED) {
            loaded = LOADED.get(key);
            if (loaded == null) {
                Path dir = builder.build(design, options);
                loaded = new Model(design, options, dir, builder.runtime(), readManifest(dir));
                LOADED.put(key, loaded);
            }
            return loaded;
        }
    }

    private static List<PortDeclaration> readManifest(Path dir) {
        try {
            return Files.readAllLines(dir.resolve(ModelCache.COMPLETE_MARKER)).stream()
                    .filter(l -> !l.isBlank()).map(PortDeclaration::fromManifestLine).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh simulator with its own Verilated context and state; close it when done. */
    public Simulator newSimulator() {
        return new Simulator(this, design.top());
    }

    public VerilogDesign design() {
        return design;
    }

    public BuildOptions options() {
        return options;
    }

    /** The cache directory holding the library, the generated C++ and the tool logs. */
    public Path directory() {
        return directory;
    }

    /** The top-level ports, in the order Verilator declares them. */
    public List<PortDeclaration> ports() {
        return ports;
    }

    int portIndex(String name) {
        Integer i = portIndex.get(name);
        return i == null ? -1 : i;
    }
}
