package org.homanic.hdl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable description of a top module that tools (the testbench, board
 * wrappers, drivers) read instead of parsing Verilog: ports with widths and directions,
 * parameters, clock domains, and the instance tree.
 */
final class Manifest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Manifest() {}

    static Map<String, Object> of(Module top, String name, Map<Module, String> names) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", name);
        m.put("javaClass", top.getClass().getName());
        m.put("parameters", new LinkedHashMap<>(top.parameters()));
        List<Map<String, Object>> clocks = new ArrayList<>();
        for (ClockDomain d : top.domains().values()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("domain", d.name());
            c.put("clock", d.clock().name());
            c.put("reset", d.reset().name());
            c.put("resetKind", "synchronous, active high");
            clocks.add(c);
        }
        m.put("clockDomains", clocks);
        List<Map<String, Object>> ports = new ArrayList<>();
        for (Signal p : top.ports()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", p.name());
            e.put("direction", p.kind() == Signal.Kind.INPUT ? "input" : "output");
            e.put("width", p.width());
            e.put("signed", p.signed());
            e.put("role", p.role().name().toLowerCase(java.util.Locale.ROOT));
            e.put("domain", p.domainName());
            ports.add(e);
        }
        m.put("ports", ports);
        m.put("instances", Verilog.instancePaths(top, names));
        return m;
    }

    static String toJson(Map<String, Object> manifest) {
        try {
            return JSON.writeValueAsString(manifest) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
