package org.homanic.hdl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Elaborates a design and writes it as Verilog-2005: names everything, runs the checks (and
 * refuses to emit when one fails), then writes one file per distinct module plus a JSON
 * manifest of the top. The same design always gives the same text.
 *
 * <pre>{@code
 * Verilog.Design design = Verilog.emit(new Counter(8));
 * design.write(Path.of("out"));          // Counter.v, Counter.json
 * }</pre>
 */
public final class Verilog {
    private Verilog() {}

    /** The emitted text of a design. */
    public record Design(String top, SortedMap<String, String> files, Map<String, Object> manifest) {

        /** Only the Verilog files, in a deterministic order. */
        public SortedMap<String, String> verilogFiles() {
            SortedMap<String, String> v = new TreeMap<>();
            files.forEach((k, text) -> {
                if (k.endsWith(".v")) {
                    v.put(k, text);
                }
            });
            return v;
        }

        /** Writes every file into {@code dir} (created if needed) and returns their paths. */
        public List<Path> write(Path dir) throws IOException {
            Files.createDirectories(dir);
            List<Path> out = new ArrayList<>();
            for (Map.Entry<String, String> e : files.entrySet()) {
                Path p = dir.resolve(e.getKey());
                Files.writeString(p, e.getValue());
                out.add(p);
            }
            return out;
        }
    }

    /** Elaborates {@code top} and emits it; throws {@link HdlException} if the design fails a check. */
    public static Design emit(Module top) {
        if (top.parent() != null) {
            throw new HdlException(top.location(), top.moduleName() + " is an instance inside "
                    + top.parent().moduleName() + "; emit the top of the hierarchy");
        }
        List<Module> postOrder = new ArrayList<>();
        collect(top, postOrder);
        for (Module m : postOrder) {
            Namer.name(m);
        }
        for (Module m : postOrder) {
            Namer.checkUnique(m);
        }
        Checks checks = new Checks();
        Map<Module, Netlist> netlists = new IdentityHashMap<>();
        for (Module m : postOrder) {
            Netlist net = new Netlist(m);
            netlists.put(m, net);
            checks.check(m, net);
        }

        Map<Module, String> names = new IdentityHashMap<>();
        Map<String, String> nameByBody = new HashMap<>();
        Map<String, Integer> variants = new HashMap<>();
        SortedMap<String, String> files = new TreeMap<>();
        for (Module m : postOrder) {
            if (m instanceof BlackBox bb) {
                names.put(m, bb.moduleName());
                if (bb.verilogSource() != null) {
                    files.put(bb.moduleName() + ".v", bb.verilogSource());
                }
                continue;
            }
            String body = new VerilogEmitter(m, netlists.get(m), names).emit();
            String name = nameByBody.get(body);
            if (name == null) {
                int n = variants.merge(m.moduleName(), 1, Integer::sum);
                name = n == 1 ? m.moduleName() : m.moduleName() + "_" + (n - 1);
                nameByBody.put(body, name);
                files.put(name + ".v", body.replace(VerilogEmitter.NAME, name));
            }
            names.put(m, name);
        }
        String topName = names.get(top);
        Map<String, Object> manifest = Manifest.of(top, topName, names);
        files.put(topName + ".json", Manifest.toJson(manifest));
        return new Design(topName, Collections.unmodifiableSortedMap(files), manifest);
    }

    private static void collect(Module m, List<Module> postOrder) {
        for (Module child : m.children()) {
            collect(child, postOrder);
        }
        postOrder.add(m);
    }

    /** For tools: the instance tree as paths ("top.fifo.mem") to module names. */
    static Map<String, String> instancePaths(Module top, Map<Module, String> names) {
        Map<String, String> out = new LinkedHashMap<>();
        walk(top, names.get(top), names, out);
        return out;
    }

    private static void walk(Module m, String path, Map<Module, String> names, Map<String, String> out) {
        out.put(path, names.get(m));
        for (Module c : m.children()) {
            walk(c, path + "." + c.instanceName(), names, out);
        }
    }
}
