package org.homanic.rtl.grant;

import org.homanic.hdl.Verilog;
import org.homanic.hdl.tools.Lint;
import org.homanic.hdl.tools.ToolRun;
import org.homanic.protocol.wire.Checksums;
import org.homanic.protocol.wire.FrameBuilder;
import org.homanic.protocol.wire.FrameParser;
import org.homanic.protocol.wire.GrantView;
import org.homanic.protocol.wire.PacketType;
import org.homanic.testbench.AxiStreamFrame;
import org.homanic.testbench.AxiStreamPorts;
import org.homanic.testbench.AxiStreamSink;
import org.homanic.testbench.BuildOptions;
import org.homanic.testbench.Model;
import org.homanic.testbench.Port;
import org.homanic.testbench.Simulator;
import org.homanic.testbench.VerilogDesign;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GRANT frames from the RTL builder, byte for byte against the protocol module's FrameBuilder and
 * GrantView (with an independently computed Homa checksum), and parsed back by FrameParser.
 */
class GrantBuilderTest {
    private static final long OWN_MAC = 0x02_aa_bb_cc_dd_eeL;
    private static final byte[] OWN_V4 = {10, 1, 2, 3};
    private static final byte[] OWN_V6 = HexFormat.of().parseHex("fd000000000000000000000000000001");

    private record Case(long id, long offset, int prio, long mac, byte[] ip, int sport, int dport) {}

    @Test
    void isLintClean() throws Exception {
        ToolRun lint = Lint.verilator(Verilog.emit(new GrantBuilder(32, 6, 512)));
        assertFalse(lint.output().contains("%Warning"), lint::output);
        assertEquals(0, lint.exitCode(), lint::output);
    }

    @ParameterizedTest(name = "{0}-bit data")
    @ValueSource(ints = {64, 512})
    void framesMatchTheProtocolModule(int dataWidth) {
        String fixed = System.getProperty("homa.seed");
        long seed = fixed != null ? Long.decode(fixed) : 77;
        System.out.println("[homa] GrantBuilderTest seed " + seed);
        Random rnd = new Random(seed);
        Verilog.Design d = Verilog.emit(new GrantBuilder(32, 6, dataWidth));
        Model model = Model.load(new VerilogDesign(d.top(), new LinkedHashMap<>(d.verilogFiles())), BuildOptions.FASTEST);
        int numPriorities = 8;
        try (Simulator sim = model.newSimulator()) {
            sim.port("own_mac").set(OWN_MAC);
            sim.port("own_ipv4").set(ByteBuffer.wrap(OWN_V4).getInt() & 0xFFFFFFFFL);
            sim.port("own_ipv6").setBig(new BigInteger(1, OWN_V6));
            sim.port("num_priorities").set(numPriorities);
            Port valid = sim.port("in_valid"), ready = sim.port("in_ready");
            AxiStreamSink sink = new AxiStreamSink(AxiStreamPorts.of(sim, "m_axis_"), rnd).backPressure(0.3);
            sim.reset(2);
            List<Case> cases = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                boolean v6 = rnd.nextBoolean();
                byte[] ip = new byte[v6 ? 16 : 4];
                rnd.nextBytes(ip);
                cases.add(new Case(rnd.nextLong(), rnd.nextInt(1_000_001), rnd.nextInt(8), rnd.nextLong() & 0xFFFF_FFFF_FFFFL,
                        ip, rnd.nextInt(65536), rnd.nextInt(65536)));
            }
            int next = 0;
            for (long cycle = 0; cycle < 20_000 && sink.received().size() < cases.size(); cycle++) {
                boolean offer = next < cases.size() && rnd.nextInt(4) != 0;
                valid.set(offer);
                if (offer) drive(sim, cases.get(next));
                sink.drive();
                sim.eval();
                if (offer && ready.isHigh()) next++;
                sink.sample(cycle);
                sim.tick();
            }
            assertEquals(cases.size(), sink.received().size());
            FrameParser parser = new FrameParser();
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                byte[] got = sink.received().get(i).data();
                byte[] want = expected(c, numPriorities - 1);
                assertArrayEquals(want, got, "frame " + i + " (seed " + seed + ")\n want " + HexFormat.of().formatHex(want)
                        + "\n got  " + HexFormat.of().formatHex(got));
                MemorySegment seg = MemorySegment.ofArray(got);
                assertTrue(parser.parseFrame(seg, 0, got.length), "frame " + i + ": " + parser.rejection());
                assertEquals(PacketType.GRANT, parser.type());
                assertEquals(numPriorities - 1, parser.priority());
                GrantView g = new GrantView().wrap(seg, parser.homaOffset());
                assertEquals(c.offset(), g.offset());
                assertEquals(c.prio(), g.priority());
                assertEquals(c.id(), g.senderId());
                assertEquals(c.dport(), g.sport());
                assertEquals(c.sport(), g.dport());
                assertEquals(0xFFFF, homaSum(got, parser.homaOffset(), c.ip().length == 16), "Homa checksum of frame " + i);
                if (c.ip().length == 4) {
                    assertEquals(0xFFFF, Checksums.onesComplementSum(seg, 14, 20, 0), "IPv4 header checksum of frame " + i);
                }
            }
        }
    }

    private static void drive(Simulator sim, Case c) {
        sim.port("in_payload_id").set(c.id());
        sim.port("in_payload_offset").set(c.offset());
        sim.port("in_payload_priority").set(c.prio());
        sim.port("in_payload_reply_mac").set(c.mac());
        sim.port("in_payload_reply_ip").setBig(new BigInteger(1, c.ip()));
        sim.port("in_payload_reply_ipv6").set(c.ip().length == 16);
        sim.port("in_payload_reply_sport").set(c.sport());
        sim.port("in_payload_reply_dport").set(c.dport());
    }

    /** The frame the protocol module builds for this GRANT, with the TCP-style checksum filled in. */
    private static byte[] expected(Case c, int level) {
        boolean v6 = c.ip().length == 16;
        byte[] homa = new byte[33];
        MemorySegment h = MemorySegment.ofArray(homa);
        GrantView g = new GrantView().wrap(h, 0);
        g.initCommon(PacketType.GRANT, c.dport(), c.sport(), c.id());
        g.offset(c.offset()).priority(c.prio());
        byte[] src = v6 ? OWN_V6 : OWN_V4;
        byte[] pseudo = pseudoHeader(src, c.ip());
        int sum = Checksums.onesComplementSum(MemorySegment.ofArray(pseudo), 0, pseudo.length, 0);
        sum = Checksums.onesComplementSum(h, 0, homa.length, sum);
        g.checksum(~sum & 0xFFFF);
        return new FrameBuilder().macs(OWN_MAC, c.mac()).addresses(src, c.ip()).priority(level).ipId(0).build(homa);
    }

    private static byte[] pseudoHeader(byte[] src, byte[] dst) {
        ByteBuffer b = ByteBuffer.allocate(src.length == 16 ? 40 : 12);
        b.put(src).put(dst);
        if (src.length == 16) {
            b.putInt(33).putInt(6);
        } else {
            b.put((byte) 0).put((byte) 6).putShort((short) 33);
        }
        return b.array();
    }

    /** Pseudo-header + Homa header sum of a received frame: 0xFFFF when the checksum is right. */
    private static int homaSum(byte[] frame, long homaOffset, boolean v6) {
        int ipStart = 14;
        byte[] src = java.util.Arrays.copyOfRange(frame, ipStart + (v6 ? 8 : 12), ipStart + (v6 ? 24 : 16));
        byte[] dst = java.util.Arrays.copyOfRange(frame, ipStart + (v6 ? 24 : 16), ipStart + (v6 ? 40 : 20));
        byte[] pseudo = pseudoHeader(src, dst);
        int sum = Checksums.onesComplementSum(MemorySegment.ofArray(pseudo), 0, pseudo.length, 0);
        return Checksums.onesComplementSum(MemorySegment.ofArray(frame), homaOffset, 33, sum);
    }
}
