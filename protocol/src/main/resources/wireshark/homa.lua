-- Wireshark dissector for Homa (HomaModule wire format: IP protocol 146, and TCP-hijacked
-- packets: IP protocol 6 with TCP flags 0x06 and urgent pointer 0xB97D).
-- Generated from org.homanic.protocol.wire.HomaHeaders by WiresharkDissector; do not edit.
-- Use: wireshark -X lua_script:homa.lua FILE, or copy into ~/.local/lib/wireshark/plugins/

local IPPROTO_HOMA = 146
local HIJACK_FLAGS = 6
local HIJACK_URGENT = 47485
local OFFSET_IN_SEQUENCE = 4294967295

-- Fields {name, offset, size in bytes}: the common header, then per type code the rest.
local common = {
    {"sport", 0, 2},
    {"dport", 2, 2},
    {"sequence", 4, 4},
    {"ack", 8, 3},
    {"type", 11, 1},
    {"doff", 12, 1},
    {"flags", 13, 1},
    {"window", 14, 2},
    {"checksum", 16, 2},
    {"urgent", 18, 2},
    {"sender_id", 20, 8},
}
local layouts = {
  [16] = { name = "DATA", size = 56, fields = {
    {"message_length", 28, 4},
    {"incoming", 32, 4},
    {"ack.client_id", 36, 8},
    {"ack.server_port", 44, 2},
    {"cutoff_version", 46, 2},
    {"retransmit", 48, 1},
    {"pad", 49, 3},
    {"seg.offset", 52, 4},
  }},
  [17] = { name = "GRANT", size = 33, fields = {
    {"offset", 28, 4},
    {"priority", 32, 1},
  }},
  [18] = { name = "RESEND", size = 37, fields = {
    {"offset", 28, 4},
    {"length", 32, 4},
    {"priority", 36, 1},
  }},
  [19] = { name = "RPC_UNKNOWN", size = 28, fields = {
  }},
  [20] = { name = "BUSY", size = 28, fields = {
  }},
  [21] = { name = "CUTOFFS", size = 62, fields = {
    {"unsched_cutoffs[0]", 28, 4},
    {"unsched_cutoffs[1]", 32, 4},
    {"unsched_cutoffs[2]", 36, 4},
    {"unsched_cutoffs[3]", 40, 4},
    {"unsched_cutoffs[4]", 44, 4},
    {"unsched_cutoffs[5]", 48, 4},
    {"unsched_cutoffs[6]", 52, 4},
    {"unsched_cutoffs[7]", 56, 4},
    {"cutoff_version", 60, 2},
  }},
  [22] = { name = "FREEZE", size = 28, fields = {
  }},
  [23] = { name = "NEED_ACK", size = 28, fields = {
  }},
  [24] = { name = "ACK", size = 80, fields = {
    {"num_acks", 28, 2},
    {"acks[0].client_id", 30, 8},
    {"acks[0].server_port", 38, 2},
    {"acks[1].client_id", 40, 8},
    {"acks[1].server_port", 48, 2},
    {"acks[2].client_id", 50, 8},
    {"acks[2].server_port", 58, 2},
    {"acks[3].client_id", 60, 8},
    {"acks[3].server_port", 68, 2},
    {"acks[4].client_id", 70, 8},
    {"acks[4].server_port", 78, 2},
  }},
}

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
