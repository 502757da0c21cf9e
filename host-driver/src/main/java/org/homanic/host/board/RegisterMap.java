package org.homanic.host.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The NIC's register map as {@code ./homa board} writes it ({@code registers/register-map.json},
 * generated from rtl-gen's {@code NicRegisters}): register names to byte offsets and access.
 */
public final class RegisterMap {
    /** One register: name, byte offset in the NIC's window, whether software may write it. */
    public record Register(String name, int offset, boolean writable, long reset) {}

    private final Map<String, Register> byName;
    private final int windowBytes;

    public RegisterMap(Map<String, Register> registers, int addressBits) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(registers));
        this.windowBytes = 1 << addressBits;
    }

    public static RegisterMap load(Path json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        JsonNode regs = root.get("registers");
        if (regs == null || !regs.isArray() || root.get("addressBits") == null) {
            throw new IOException(json + " is not a register map (expected addressBits and a registers array)");
        }
        Map<String, Register> m = new LinkedHashMap<>();
        for (JsonNode r : regs) {
            String name = r.get("name").asText();
            m.put(name, new Register(name, r.get("offset").asInt(), r.get("access").asText().equals("RW"), r.get("reset").asLong()));
        }
        return new RegisterMap(m, root.get("addressBits").asInt());
    }

    /** The register called {@code name}; an error naming the unknown register otherwise. */
    public Register get(String name) {
        Register r = byName.get(name);
        if (r == null) {
            throw new IllegalArgumentException("the NIC has no register '" + name + "'");
        }
        return r;
    }

    public Map<String, Register> all() {
        return byName;
    }

    /** Bytes of the NIC's register window (the map repeats beyond it). */
    public int windowBytes() {
        return windowBytes;
    }
}
