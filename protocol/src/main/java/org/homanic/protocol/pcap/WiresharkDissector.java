package org.homanic.protocol.pcap;

import org.homanic.protocol.wire.Field;
import org.homanic.protocol.wire.HeaderLayout;
import org.homanic.protocol.wire.HomaConstants;
import org.homanic.protocol.wire.HomaHeaders;
import org.homanic.protocol.wire.PacketType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the Wireshark Lua dissector for Homa from the header declarations, so its field
 * positions cannot drift from {@link org.homanic.protocol.wire.HomaHeaders}. The generated text
 * is shipped as the resource {@value #RESOURCE}; a test checks the shipped copy is current.
 * Regenerate with {@code java ... WiresharkDissector FILE}.
 */
public final class WiresharkDissector {
    public static final String RESOURCE = "/wireshark/homa.lua";

    private WiresharkDissector() {}

    /** The shipped dissector text. */
    public static String shipped() throws IOException {
        try (InputStream in = WiresharkDissector.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IOException("resource " + RESOURCE + " is missing from the build");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The dissector text generated from the declarations. */
    public static String lua() {
        StringBuilder s = new StringBuilder();
        s.append("-- Wireshark dissector for Homa (HomaModule wire format: IP protocol 146, and TCP-hijacked\n")
                .append("-- packets: IP protocol 6 with TCP flags 0x06 and urgent pointer 0xB97D).\n")
                .append("-- Generated from org.homanic.protocol.wire.HomaHeaders by WiresharkDissector; do not edit.\n")
                .append("-- Use: wireshark -X lua_script:homa.lua FILE, or copy into ~/.local/lib/wireshark/plugins/\n\n");
        s.append("local IPPROTO_HOMA = ").append(HomaConstants.IPPROTO_HOMA).append('\n');
        s.append("local HIJACK_FLAGS = ").append(HomaConstants.HIJACK_FLAGS).append('\n');
        s.append("local HIJACK_URGENT = ").append(HomaConstants.HIJACK_URGENT).append('\n');
        s.append("local OFFSET_IN_SEQUENCE = ").append(HomaConstants.OFFSET_IN_SEQUENCE).append("\n\n");
        s.append("-- Fields {name, offset, size in bytes}: the common header, then per type code the rest.\n");
        s.append("local common = {\n");
        appendFields(s, HomaHeaders.COMMON, 0);
        s.append("}\n");
        s.append("local layouts = {\n");
        for (PacketType t : PacketType.values()) {
            s.append("  [").append(t.code()).append("] = { name = \"").append(t.name()).append("\", size = ")
                    .append(t.minLength()).append(", fields = {\n");
            appendFields(s, t.layout(), HomaHeaders.COMMON.size());
            s.append("  }},\n");
        }
        s.append("}\n\n");
        s.append(ENGINE);
        return s.toString();
    }

    private static void appendFields(StringBuilder s, HeaderLayout layout, int from) {
        for (Field f : layout.fields()) {
            if (f.offset() < from) continue;
            if (f.isBitField()) throw new IllegalStateException("Homa headers have no bit fields: " + f);
            s.append("    {\"").append(f.name()).append("\", ").append(f.offset()).append(", ").append(f.size()).append("},\n");
        }
    }

    /** The part of the dissector that does not depend on the layouts. */
    private static final String ENGINE = """
            local homa = Proto("homa", "Homa")
            local homa_hijack = Proto("homa_tcp", "Homa (TCP hijack)")

            local type_names = {}
            for code, l in pairs(layouts) do type_names[code] = l.name end

            -- One ProtoField per field name; the same name means the same field in every type.
            local protofields = {}
            local makers = { [1] = ProtoField.uint8, [2] = ProtoField.uint16, [3] = ProtoField.uint24,
                             [4] = ProtoField.uint32, [8] = ProtoField.uint64 }
            local function each_field(fn)
              for _, f in ipairs(common) do fn(f) end
              local codes = {}
              for code in pairs(layouts) do codes[#codes + 1] = code end
              table.sort(codes)
              for _, code in ipairs(codes) do
                for _, f in ipairs(layouts[code].fields) do fn(f) end
              end
            end
            each_field(function(f)
              local name, size = f[1], f[3]
              if not protofields[name] then
                local abbrev = "homa." .. name:gsub("[%[%]]", "_"):gsub("%.", "_")
                if name == "type" then
                  protofields[name] = ProtoField.uint8(abbrev, name, base.DEC, type_names)
                else
                  protofields[name] = makers[size](abbrev, name, base.DEC)
                end
              end
            end)
            local f_data_offset = ProtoField.uint32("homa.data_offset", "data offset (effective)", base.DEC)
            local f_payload_length = ProtoField.uint32("homa.payload_length", "payload length", base.DEC)
            local f_payload = ProtoField.bytes("homa.payload", "payload")
            local f_hijacked = ProtoField.bool("homa.hijacked", "hijacked TCP")
            local all = { f_data_offset, f_payload_length, f_payload, f_hijacked }
            for _, pf in pairs(protofields) do all[#all + 1] = pf end
            homa.fields = all

            local e_short = ProtoExpert.new("homa.short", "Shorter than the header of its type", expert.group.MALFORMED, expert.severity.ERROR)
            local e_type = ProtoExpert.new("homa.bad_type", "Unknown Homa packet type", expert.group.MALFORMED, expert.severity.ERROR)
            homa.experts = { e_short, e_type }

            local function dissect(tvb, pinfo, tree, hijacked)
              pinfo.cols.protocol = "Homa"
              local len = tvb:len()
              local subtree = tree:add(homa, tvb(), "Homa")
              subtree:add(f_hijacked, hijacked):set_generated()
              if len < 28 then
                subtree:add_proto_expert_info(e_short)
                return len
              end
              local code = tvb(11, 1):uint()
              local l = layouts[code]
              if not l then
                subtree:add(protofields["type"], tvb(11, 1))
                subtree:add_proto_expert_info(e_type)
                pinfo.cols.info = string.format("Unknown type 0x%02x", code)
                return len
              end
              if len < l.size then
                subtree:add_proto_expert_info(e_short)
                return len
              end
              subtree:append_text(", " .. l.name)
              for _, f in ipairs(common) do
                subtree:add(protofields[f[1]], tvb(f[2], f[3]))
              end
              for _, f in ipairs(l.fields) do
                subtree:add(protofields[f[1]], tvb(f[2], f[3]))
              end
              local info = string.format("%s %d → %d id %s", l.name, tvb(0, 2):uint(), tvb(2, 2):uint(),
                                         tostring(tvb(20, 8):uint64()))
              if l.name == "DATA" then
                local offset = tvb(52, 4):uint()
                if offset == OFFSET_IN_SEQUENCE then offset = tvb(4, 4):uint() end
                subtree:add(f_data_offset, offset):set_generated()
                subtree:add(f_payload_length, len - l.size):set_generated()
                if len > l.size then subtree:add(f_payload, tvb(l.size)) end
                info = info .. string.format(" offset %d length %d of %d", offset, len - l.size, tvb(28, 4):uint())
              elseif l.name == "GRANT" then
                info = info .. string.format(" offset %d priority %d", tvb(28, 4):uint(), tvb(32, 1):uint())
              end
              pinfo.cols.info = info
              return len
            end

            function homa.dissector(tvb, pinfo, tree)
              return dissect(tvb, pinfo, tree, false)
            end

            -- IP protocol 6 carries real TCP unless the hijack marker is present.
            local ip_proto = DissectorTable.get("ip.proto")
            local tcp = ip_proto:get_dissector(6)
            function homa_hijack.dissector(tvb, pinfo, tree)
              if tvb:len() >= 20 and tvb(13, 1):uint() == HIJACK_FLAGS and tvb(18, 2):uint() == HIJACK_URGENT then
                return dissect(tvb, pinfo, tree, true)
              end
              if tcp then return tcp:call(tvb, pinfo, tree) end
              return 0
            end

            ip_proto:add(IPPROTO_HOMA, homa)
            ip_proto:add(6, homa_hijack)
            """;

    /** Writes the generated dissector to the file named by the only argument. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: WiresharkDissector OUTPUT.lua");
            System.exit(2);
        }
        Files.writeString(Path.of(args[0]), lua());
    }
}
