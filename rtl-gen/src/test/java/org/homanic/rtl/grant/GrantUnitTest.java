package org.homanic.rtl.grant;

import org.homanic.hdl.Verilog;
import org.homanic.protocol.sched.DataArrival;
import org.homanic.protocol.sched.Decision;
import org.homanic.protocol.sched.GrantConfig;
import org.homanic.protocol.sched.GrantScheduler;
import org.homanic.protocol.sched.RpcKey;
import org.homanic.protocol.wire.FrameParser;
import org.homanic.protocol.wire.GrantView;
import org.homanic.protocol.wire.PacketType;
import org.homanic.testbench.AxiStreamPorts;
import org.homanic.testbench.AxiStreamSink;
import org.homanic.testbench.BuildOptions;
import org.homanic.testbench.Model;
import org.homanic.testbench.Simulator;
import org.homanic.testbench.VerilogDesign;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole grant path (scheduler → FIFO → builder): DATA events in, GRANT frames out, each
 * frame parsed by FrameParser and compared with the reference model's GRANT for the same events,
 * sent to the address its message's DATA came from.
 */
class GrantUnitTest {

    @Test
    void dataEventsBecomeGrantFrames() {
        Random rnd = new Random(3);
        GrantSchedulerParams params = new GrantSchedulerParams(64, 4, 32, 2);
        Verilog.Design d = Verilog.emit(new GrantUnit(params, 512));
        Model model = Model.load(new VerilogDesign(d.top(), new LinkedHashMap<>(d.verilogFiles())), BuildOptions.FASTEST);
        GrantConfig config = GrantConfig.defaults().withMaxIncoming(150_000);
        GrantScheduler ref = new GrantScheduler(config);
        List<Decision.Grant> expected = new ArrayList<>();
        try (Simulator sim = model.newSimulator()) {
            sim.port("cfg_max_overcommit").set(config.maxOvercommit());
            sim.port("cfg_max_incoming").set(config.maxIncoming());
            sim.port("cfg_window").set(0);
            sim.port("cfg_grant_fifo_fraction").set(config.grantFifoFraction());
            sim.port("cfg_fifo_grant_increment").set(config.fifoGrantIncrement());
            sim.port("cfg_link_mbps").set(config.linkMbps());
            sim.port("cfg_num_priorities").set(config.numPriorities());
            sim.port("cfg_max_sched_prio").set(config.maxSchedPrio());
            sim.port("own_mac").set(0x02_00_00_00_00_99L);
            sim.port("own_ipv4").set(0x0a_00_00_63L);
            sim.port("own_ipv6").setBig(BigInteger.ONE.shiftLeft(127).add(BigInteger.valueOf(0x99)));
            AxiStreamSink sink = new AxiStreamSink(AxiStreamPorts.of(sim, "m_axis_"), rnd).backPressure(0.2);
            sim.reset(4);
            for (int i = 0; i < 2000 && !sim.port("cfg_ready").isHigh(); i++) sim.tick();
            long[] sent = new long[4];
            long cycle = 0;
            long time = 0;
            for (int e = 0; e < 120; e++) {
                int m = rnd.nextInt(4);
                long length = 200_000 + 100_000L * m;
                if (sent[m] >= length) continue;
                long payload = Math.min(1400, length - sent[m]);
                RpcKey key = new RpcKey(m, 100 + 2L * m);
                sim.port("data_payload_peer").set(key.peer());
                sim.port("data_payload_id").set(key.id());
                sim.port("data_payload_length").set(length);
                sim.port("data_payload_offset").set(sent[m]);
                sim.port("data_payload_payload").set(payload);
                sim.port("data_payload_incoming").set(30_000);
                sim.port("data_payload_buffers").set(true);
                sim.port("data_payload_reply_mac").set(0x02_00_00_00_10_00L + m);
                sim.port("data_payload_reply_ip").setBig(BigInteger.valueOf(0x0a_00_01_00L + m));
                sim.port("data_payload_reply_ipv6").set(m == 3);
                sim.port("data_payload_reply_sport").set(40_000 + m);
                sim.port("data_payload_reply_dport").set(99);
                sim.port("data_valid").set(true);
                sim.port("now").set(time);
                boolean accepted = false;
                while (!accepted) {
                    sink.drive();
                    sim.eval();
                    accepted = sim.port("data_ready").isHigh();
                    sink.sample(cycle++);
                    sim.tick();
                }
                sim.port("data_valid").set(false);
                List<Decision> outs = ref.onData(time, new DataArrival(key, length, 30_000, sent[m], payload));
                for (Decision dec : outs) {
                    if (dec instanceof Decision.Grant g) expected.add(g);
                }
                sent[m] += payload;
                time += 1_000;
                for (int i = 0; i < 60; i++) {
                    sink.drive();
                    sim.eval();
                    sink.sample(cycle++);
                    sim.tick();
                }
            }
            for (int i = 0; i < 2000 && sink.received().size() < expected.size(); i++) {
                sink.drive();
                sim.eval();
                sink.sample(cycle++);
                sim.tick();
            }
            assertTrue(expected.size() > 20, "too few grants: " + expected.size());
            if (expected.size() != sink.received().size()) {
                System.out.println("hardware count_grants " + sim.port("count_grants").get());
                FrameParser fp = new FrameParser();
                for (int i = 0; i < Math.max(expected.size(), sink.received().size()); i++) {
                    String got = "-";
                    if (i < sink.received().size()) {
                        byte[] f = sink.received().get(i).data();
                        MemorySegment seg = MemorySegment.ofArray(f);
                        fp.parseFrame(seg, 0, f.length);
                        GrantView v = new GrantView().wrap(seg, fp.homaOffset());
                        got = v.senderId() + " " + v.offset() + " " + v.priority();
                    }
                    System.out.println(i + ": " + (i < expected.size() ? expected.get(i) : "-") + " | " + got);
                }
            }
            assertEquals(expected.size(), sink.received().size());
            FrameParser parser = new FrameParser();
            for (int i = 0; i < expected.size(); i++) {
                Decision.Grant g = expected.get(i);
                byte[] f = sink.received().get(i).data();
                MemorySegment seg = MemorySegment.ofArray(f);
                assertTrue(parser.parseFrame(seg, 0, f.length), "frame " + i + ": " + parser.rejection());
                assertEquals(PacketType.GRANT, parser.type());
                assertEquals(g.rpc().peer() == 3 ? 6 : 4, parser.ipVersion(), "frame " + i);
                GrantView v = new GrantView().wrap(seg, parser.homaOffset());
                assertEquals(g.offset(), v.offset(), "frame " + i + " " + g);
                assertEquals(g.priority(), v.priority(), "frame " + i + " " + g);
                assertEquals(g.rpc().id(), v.senderId(), "frame " + i);
                assertEquals(99, v.sport());
                assertEquals(40_000 + g.rpc().peer(), v.dport());
                assertEquals(0x10_00L + g.rpc().peer(), ((f[4] & 0xFFL) << 8) | (f[5] & 0xFFL), "destination MAC of frame " + i);
            }
        }
    }
}
