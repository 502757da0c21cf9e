package org.homanic.fpga;

import org.homanic.rtl.classifier.ClassifierRegisters.Register;

import java.util.List;

/**
 * The register map as JSON for host software ({@code org.homanic.host.board.RegisterMap} reads
 * it): {@code {"registers": [{"name", "offset", "access", "reset", "description"}, …]}}.
 */
final class RegisterMapJson {
    private RegisterMapJson() {}

    static String of(List<Register> registers) {
        StringBuilder sb = new StringBuilder("{\n  \"addressBits\": 12,\n  \"registers\": [\n");
        for (int i = 0; i < registers.size(); i++) {
            Register r = registers.get(i);
            sb.append("    {\"name\": \"").append(r.name()).append("\", \"offset\": ").append(r.offset())
                    .append(", \"access\": \"").append(r.access()).append("\", \"reset\": ").append(r.reset())
                    .append(", \"description\": \"").append(escape(r.description())).append("\"}")
                    .append(i + 1 < registers.size() ? ",\n" : "\n");
        }
        return sb.append("  ]\n}\n").toString();
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.toString();
    }
}
