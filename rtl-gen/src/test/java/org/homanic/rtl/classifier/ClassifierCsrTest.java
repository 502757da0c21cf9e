package org.homanic.rtl.classifier;

import org.homanic.hdl.Verilog;
import org.homanic.protocol.prio.SenderPriorities;
import org.homanic.protocol.wire.Checksums;
import org.homanic.protocol.wire.FrameBuilder;
import org.homanic.protocol.wire.HomaView;
import org.homanic.protocol.wire.NetHeaders;
import org.homanic.protocol.wire.PacketType;
import org.homanic.testbench.AxiLiteMaster;
import org.homanic.testbench.BuildOptions;
import org.homanic.testbench.Model;
import org.homanic.testbench.Port;
import org.homanic.testbench.Simulator;
import org.homanic.testbench.VerilogDesign;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The whole classifier through its AXI4-Lite block: registers, counters, configuration in effect. */
class ClassifierCsrTest {
    static final IngressClassifier.Params IN = IngressClassifier.Params.DEFAULT;
    static final EgressClassifier.Params OUT = new EgressClassifier.Params(512, 16384, 16384, 4, 16);

    final List<byte[]> macTx = new ArrayList<>();
    byte[] txPartial = new byte[0];
    Simulator sim;

    void tick() {
        if (sim.port("m_axis_mac_tx_tvalid").isHigh()) {
            byte[] beat = new byte[64];
            sim.port("m_axis_mac_tx_tdata").getBytes(beat, 0);
            long keep = sim.port("m_axis_mac_tx_tkeep").get();
            int n = 64 - Long.numberOfLeadingZeros(keep);
            byte[] grown = Arrays.copyOf(txPartial, txPartial.length + n);
            System.arraycopy(beat, 0, grown, txPartial.length, n);
            txPartial = grown;
            if (sim.port("m_axis_mac_tx_tlast").isHigh()) {
                macTx.add(txPartial);
                txPartial = new byte[0];
            }
        }
        sim.tick();
    }

    AxiLiteMaster axil;

    long read(int address) {
        return axil.read(address);
    }

    void write(int address, long value, int strobes) {
        axil.write(address, value, strobes);
    }

    void send(String prefix, byte[] frame) {
        Port valid = sim.port(prefix + "tvalid"), data = sim.port(prefix + "tdata"), keep = sim.port(prefix + "tkeep"),
                last = sim.port(prefix + "tlast");
        for (int off = 0; off < frame.length; off += 64) {
            int n = Math.min(64, frame.length - off);
            data.setBytes(frame, off, n);
            keep.set(n == 64 ? -1L : (1L << n) - 1);
            last.set(off + n == frame.length);
            valid.set(true);
            tick();
        }
        valid.set(false);
    }

    @Test
    void registersCountersAndConfiguration() {
        Verilog.Design d = Verilog.emit(new HomaClassifier(IN, OUT));
        Model model = Model.load(new VerilogDesign(d.top(), new LinkedHashMap<>(d.verilogFiles())), BuildOptions.FASTEST);
        try (Simulator s = model.newSimulator()) {
            sim = s;
            axil = new AxiLiteMaster(s, "s_axil", this::tick);
            sim.reset(2);
            for (int q = 0; q <= IN.queues(); q++) {
                sim.port("m_axis_host_" + q + "_tready").set(true);
                sim.port("m_meta_host_" + q + "_ready").set(true);
            }
            sim.port("m_event_ready").set(true);
            sim.port("m_axis_mac_tx_tready").set(true);

            assertEquals(0x484F4D43L, read(ClassifierRegs.ID));
            assertEquals(ClassifierRegisters.IDENTITY_MAP, read(ClassifierRegs.PRIORITY_MAP));
            assertEquals(40_000, read(ClassifierRegs.UNSCHED_BYTES));
            assertEquals(Integer.MAX_VALUE, read(ClassifierRegs.DEFAULT_CUTOFF_6));
            assertEquals(0, read(0xFFC), "unmapped reads 0");

            int[] map = {3, 0, 7, 1, 6, 2, 5, 4};
            long packed = 0;
            for (int i = 0; i < 8; i++) packed |= (long) map[i] << (3 * i);
            write(ClassifierRegs.PRIORITY_MAP, packed, 0xF);
            assertEquals(packed, read(ClassifierRegs.PRIORITY_MAP));
            write(ClassifierRegs.UNSCHED_BYTES, 0xAABBCCDDL, 0b0101);          // bytes 0 and 2 only
            assertEquals((40_000 & 0xFF00FF00L) | 0x00BB00DDL, read(ClassifierRegs.UNSCHED_BYTES));
            write(ClassifierRegs.ID, 0, 0xF);
            assertEquals(0x484F4D43L, read(ClassifierRegs.ID), "read-only");

            // Ingress: one valid BUSY, one with a broken IPv4 checksum.
            byte[] homa = new byte[28];
            new HomaView().wrap(MemorySegment.ofArray(homa), 0).initCommon(PacketType.BUSY, 5, 6, 8);
            byte[] good = new FrameBuilder().priority(3).build(homa);
            byte[] bad = good.clone();
            bad[14 + 10] ^= 0x40;
            send("s_axis_rx_", good);
            send("s_axis_rx_", bad);
            for (int i = 0; i < 50; i++) tick();
            assertEquals(2, read(ClassifierRegs.RX_FRAMES));
            assertEquals(1, read(ClassifierRegs.RX_HOMA_VALID));
            assertEquals(1, read(ClassifierRegs.RX_REASON_IPV4_BAD_CHECKSUM));
            assertEquals(1, read(ClassifierRegs.RX_DELIVERED_HOMA));

            // Egress: a control packet leaves at level 7 with priority_map[7] in its TOS.
            send("s_axis_host_tx_", good);
            for (int i = 0; i < 60; i++) tick();
            assertEquals(1, macTx.size());
            byte[] tx = macTx.getFirst();
            MemorySegment seg = MemorySegment.ofArray(tx);
            assertEquals(map[7], NetHeaders.IPV4.field("priority").get(seg, 14));
            assertEquals(0xFFFF, Checksums.onesComplementSum(seg, 14, 20, 0), "checksum updated");
            assertEquals(SenderPriorities.wireValue(7, map), NetHeaders.IPV4.field("priority").get(seg, 14));
            assertEquals(1, read(ClassifierRegs.TX_FRAMES));
            assertEquals(1, read(ClassifierRegs.TX_ENQUEUED_7));
        }
    }
}
