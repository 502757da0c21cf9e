package org.homanic.fpga;

import org.homanic.rtl.classifier.ClassifierRegisters.Register;

import java.util.List;

/**
 * The register map as JSON for host software ({@code org.homanic.host.board.RegisterMap} reads
 * it): {@code {"registers": [{"name", "offset", "access", "reset", "description"}, …]}}.
 */
final class RegisterMapJson {
    private RegisterMapJson() {}

    /** The NIC's registers, then the host channel's at {@link HostChannel#BASE}. */
    static String of(List<Register> registers) {
        StringBuilder sb = new StringBuilder("{\n  \"addressBits\": " + HomaShellAdapter.ADDRESS_BITS + ",\n  \"registers\": [\n");
        for (Register r : registers) {
            entry(sb, r.name(), r.offset(), r.access().name(), r.reset(), r.description());
            sb.append(",\n");
        }
        List<HostChannel.Register> ch = HostChannel.REGISTERS;
        for (int i = 0; i < ch.size(); i++) {
            HostChannel.Register r = ch.get(i);
            entry(sb, r.name(), HostChannel.BASE + r.offset(), r.writable() ? "RW" : "RO", 0, "host channel: " + r.description());
            sb.append(i + 1 < ch.size() ? ",\n" : "\n");
        }
        return sb.append("  ]\n}\n").toString();
    }

    private static void entry(StringBuilder sb, String name, int offset, String access, long reset, String description) {
        sb.append("    {\"name\": \"").append(name).append("\", \"offset\": ").append(offset)
                .append(", \"access\": \"").append(access).append("\", \"reset\": ").append(reset)
                .append(", \"description\": \"").append(escape(description)).append("\"}");
    }

    /** The host channel's registers as a Markdown table (offsets in the adapter's window). */
    static String channelMarkdown() {
        StringBuilder sb = new StringBuilder("\n## Host channel (offset 0x1000 of the same window)\n\n| offset | name | access | meaning |\n|---|---|---|---|\n");
        for (HostChannel.Register r : HostChannel.REGISTERS) {
            sb.append(String.format("| 0x%04X | `%s` | %s | %s |%n", HostChannel.BASE + r.offset(), r.name(), r.writable() ? "WO/RW" : "RO", r.description()));
        }
        return sb.toString();
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
