package org.homanic.protocol.pcap;

import org.homanic.protocol.wire.DataView;
import org.homanic.protocol.wire.Field;
import org.homanic.protocol.wire.FrameBuilder;
import org.homanic.protocol.wire.FrameParser;
import org.homanic.protocol.wire.PacketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The shipped Lua dissector is the one generated from the declarations, and Debian's tshark,
 * running it on a pcap this project wrote, shows every field of every packet type with the
 * value the bytes hold. tshark must be on PATH (./homa installs it).
 */
class DissectorTest {

    @Test
    void shippedDissectorIsCurrent() throws IOException {
        assertEquals(WiresharkDissector.lua(), WiresharkDissector.shipped(),
                "protocol/src/main/resources" + WiresharkDissector.RESOURCE + " is stale; regenerate it with WiresharkDissector.main");
    }

    @Test
    void tsharkShowsEveryFieldOfEveryType(@TempDir Path dir) throws Exception {
        List<byte[]> frames = new ArrayList<>();
        FrameBuilder v4 = new FrameBuilder().priority(7);
        for (PacketType t : PacketType.values()) frames.add(v4.build(SamplePackets.of(t, false)));
        // The same packets hijacked (IP protocol 6) over IPv6 with a VLAN tag.
        byte[] src = new byte[16], dst = new byte[16];
        src[0] = dst[0] = (byte) 0xfd;
        src[15] = 1;
        dst[15] = 2;
        FrameBuilder v6 = new FrameBuilder().addresses(src, dst).vlan(100, 0).hijack(true).priority(3);
        for (PacketType t : PacketType.values()) frames.add(v6.build(SamplePackets.of(t, true)));

        Path pcap = dir.resolve("homa.pcap");
        try (PcapWriter w = new PcapWriter(pcap)) {
            for (int i = 0; i < frames.size(); i++) w.write(1_000L * i, frames.get(i));
        }
        Path lua = dir.resolve("homa.lua");
        Files.writeString(lua, WiresharkDissector.shipped());
        String out = tshark(lua, pcap);

        List<String> blocks = splitFrames(out);
        assertEquals(frames.size(), blocks.size(), "one block per frame in:\n" + out);
        FrameParser parser = new FrameParser();
        for (int i = 0; i < frames.size(); i++) {
            byte[] f = frames.get(i);
            assertTrue(parser.parseFrame(MemorySegment.ofArray(f), 0, f.length), String.valueOf(parser.rejection()));
            PacketType type = parser.type();
            String block = blocks.get(i);
            assertTrue(block.contains("Homa, " + type.name()), "frame " + (i + 1) + " not dissected as " + type + ":\n" + block);
            assertEquals(parser.hijacked(), block.contains("hijacked TCP: True"), "hijack flag of frame " + (i + 1));
            Map<String, Long> values = type.layout().decode(MemorySegment.ofArray(f), parser.homaOffset());
            for (Field field : type.layout().fields()) {
                long v = values.get(field.name());
                String shown = field.name().equals("type") ? type.name() + " (" + v + ")" : Long.toUnsignedString(v);
                Pattern line = Pattern.compile("^\\s+" + Pattern.quote(field.name() + ": " + shown) + "$", Pattern.MULTILINE);
                if (!line.matcher(block).find()) fail("frame " + (i + 1) + " (" + type + "): no line '" + field.name() + ": " + shown + "' in:\n" + block);
            }
            if (type == PacketType.DATA) {
                DataView d = new DataView().wrap(MemorySegment.ofArray(f), parser.homaOffset());
                assertTrue(block.contains("data offset (effective): " + d.offset()), block);
                assertTrue(block.contains("payload length: " + parser.payloadLength()), block);
            }
        }
    }

    private static String tshark(Path lua, Path pcap) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("tshark", "-X", "lua_script:" + lua, "-r", pcap.toString(), "-V")
                    .redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new IOException("tshark is not installed (apt-get install tshark; ./homa test installs it)", e);
        }
        p.getOutputStream().close();
        byte[] stdout = p.getInputStream().readAllBytes();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("tshark did not finish");
        }
        String out = new String(stdout, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "tshark failed: " + stderr);
        assertTrue(!stderr.contains("Lua: Error"), "Lua error: " + stderr);
        return out;
    }

    private static List<String> splitFrames(String out) {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("^Frame \\d+:", Pattern.MULTILINE).matcher(out);
        int start = -1;
        while (m.find()) {
            if (start >= 0) blocks.add(out.substring(start, m.start()));
            start = m.start();
        }
        if (start >= 0) blocks.add(out.substring(start));
        return blocks;
    }
}
