package org.homanic.testbench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * A design to simulate: the name of its top module and its Verilog sources, file name to text,
 * in the order Verilator reads them. This is the only way a design enters the testbench, so a
 * generator (the hdl) and hand-written files look the same to it.
 */
public record VerilogDesign(String top, SequencedMap<String, String> files) {

    public VerilogDesign {
        Objects.requireNonNull(top, "top");
        if (!top.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("top module name is not a plain Verilog identifier: '" + top + "'");
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("design '" + top + "' has no Verilog files");
        }
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : files.entrySet()) {
            String name = e.getKey();
            // Files are written side by side into one build directory: a bare file name keeps them there.
            if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
                throw new IllegalArgumentException("Verilog file name must be a bare file name: '" + name + "'");
            }
            copy.put(name, Objects.requireNonNull(e.getValue(), name));
        }
        files = Collections.unmodifiableSequencedMap(copy);
    }

    /** A design of one file. */
    public static VerilogDesign of(String top, String fileName, String verilog) {
        LinkedHashMap<String, String> files = new LinkedHashMap<>();
        files.put(fileName, verilog);
        return new VerilogDesign(top, files);
    }

    /** Reads Verilog files from disk, in the order given. */
    public static VerilogDesign fromFiles(String top, Path... paths) {
        LinkedHashMap<String, String> files = new LinkedHashMap<>();
        for (Path p : paths) {
            String name = p.getFileName().toString();
            try {
                if (files.put(name, Files.readString(p, StandardCharsets.UTF_8)) != null) {
                    throw new IllegalArgumentException("two Verilog files named '" + name + "'");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read Verilog file " + p, e);
            }
        }
        return new VerilogDesign(top, files);
    }

    /** Reads Verilog files that are class-path resources, named relative to {@code anchor}'s package. */
    public static VerilogDesign fromResources(String top, Class<?> anchor, String... resources) {
        LinkedHashMap<String, String> files = new LinkedHashMap<>();
        for (String r : resources) {
            try (var in = anchor.getResourceAsStream(r)) {
                if (in == null) {
                    throw new IllegalArgumentException("no resource '" + r + "' next to " + anchor.getName());
                }
                String name = r.substring(r.lastIndexOf('/') + 1);
                files.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read resource " + r, e);
            }
        }
        return new VerilogDesign(top, files);
    }
}
