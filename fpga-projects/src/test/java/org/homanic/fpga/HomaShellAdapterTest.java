package org.homanic.fpga;

import org.homanic.hdl.Verilog;
import org.homanic.rtl.nic.NicParams;
import org.homanic.testbench.AxiLiteMaster;
import org.homanic.testbench.BuildOptions;
import org.homanic.testbench.Model;
import org.homanic.testbench.Simulator;
import org.homanic.testbench.VerilogDesign;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The shell adapter around the NIC in Verilator (64-bit datapath and two host queues, so the
 * model builds and runs fast; the adapter's logic is the same at every width):
 * other traffic reaches the host unchanged through the default queue with its queue number and
 * length beside every beat; host frames leave to the MAC whole, with their length on every beat,
 * and complete with their tag; the register window reaches the NIC's map and the host channel.
 */
class HomaShellAdapterTest {
    static final NicParams P = new NicParams(64, 2, 16384, 16384, 64, 16384, 16384, 16, 32, 64, 4, 2, 4);
    static final int BEAT = P.dataWidth() / 8;
    static final long SEED = Long.getLong("homa.seed", 11);

    Simulator sim;
    final List<byte[]> hostRx = new ArrayList<>();
    final List<long[]> hostRxSide = new ArrayList<>();   // per frame: queue, bytes (checked equal on every beat)
    final List<byte[]> macTx = new ArrayList<>();
    final List<Long> macTxBytes = new ArrayList<>();
    final List<Long> completions = new ArrayList<>();
    byte[] rxPartial = new byte[0], txPartial = new byte[0];
    long rxQueue = -1, rxBytes = -1, txBytes = -1;
    boolean txStarted;

    void tick() {
        sim.eval();
        if (sim.port("m_axis_host_rx_tvalid").isHigh() && sim.port("m_axis_host_rx_tready").isHigh()) {
            long q = sim.port("m_host_rx_queue").get(), b = sim.port("m_host_rx_bytes").get();
            if (rxPartial.length == 0) { rxQueue = q; rxBytes = b; }
            assertEquals(rxQueue, q, "queue steady through the frame");
            assertEquals(rxBytes, b, "length steady through the frame");
            rxPartial = append(rxPartial, "m_axis_host_rx_");
            if (sim.port("m_axis_host_rx_tlast").isHigh()) {
                hostRx.add(rxPartial);
                hostRxSide.add(new long[] {rxQueue, rxBytes});
                rxPartial = new byte[0];
            }
        }
        boolean txValid = sim.port("m_axis_mac_tx_tvalid").isHigh();
        if (txStarted) assertTrue(txValid, "a whole frame leaves without gaps");
        if (txValid && sim.port("m_axis_mac_tx_tready").isHigh()) {
            long b = sim.port("m_mac_tx_bytes").get();
            if (txPartial.length == 0) txBytes = b;
            assertEquals(txBytes, b, "length steady through the frame");
            txPartial = append(txPartial, "m_axis_mac_tx_");
            txStarted = !sim.port("m_axis_mac_tx_tlast").isHigh();
            if (!txStarted) {
                macTx.add(txPartial);
                macTxBytes.add(txBytes);
                txPartial = new byte[0];
            }
        }
        if (sim.port("m_tx_cpl_valid").isHigh() && sim.port("m_tx_cpl_ready").isHigh()) {
            completions.add(sim.port("m_tx_cpl_tag").get());
        }
        sim.tick();
    }

    byte[] append(byte[] partial, String prefix) {
        byte[] beat = new byte[BEAT];
        sim.port(prefix + "tdata").getBytes(beat, 0);
        long keep = sim.port(prefix + "tkeep").get() & ((1L << BEAT) - 1);
        int n = 64 - Long.numberOfLeadingZeros(keep);
        byte[] grown = Arrays.copyOf(partial, partial.length + n);
        System.arraycopy(beat, 0, grown, partial.length, n);
        return grown;
    }

    void send(String prefix, byte[] frame) {
        for (int off = 0; off < frame.length; off += BEAT) {
            int n = Math.min(BEAT, frame.length - off);
            sim.port(prefix + "tdata").setBytes(frame, off, n);
            sim.port(prefix + "tkeep").set(n == BEAT ? (1L << BEAT) - 1 : (1L << n) - 1);
            sim.port(prefix + "tlast").set(off + n == frame.length);
            sim.port(prefix + "tvalid").set(true);
            for (int i = 0; ; i++) {
                sim.eval();
                boolean taken = sim.port(prefix + "tready").isHigh();
                tick();
                if (taken) break;
                assertTrue(i < 1000, prefix + " stalled");
            }
        }
        sim.port(prefix + "tvalid").set(false);
    }

    /** A frame the NIC passes as other traffic: an Ethernet frame with a non-IP ethertype. */
    static byte[] otherFrame(Random rnd, int length) {
        byte[] f = new byte[length];
        rnd.nextBytes(f);
        f[12] = (byte) 0x88;
        f[13] = (byte) 0xB5;   // IEEE local experimental ethertype: not IP
        return f;
    }

    AxiLiteMaster axil;

    long read(int address) {
        return axil.read(address);
    }

    void write(int address, long value) {
        axil.write(address, value);
    }

    void run(int cycles) {
        for (int i = 0; i < cycles; i++) tick();
    }

    @Test
    void framesSizesCompletionsAndTheRegisterWindow() {
        System.out.println("HomaShellAdapterTest seed " + SEED + " (-Dhoma.seed=N to change)");
        Random rnd = new Random(SEED);
        Verilog.Design d = Verilog.emit(new HomaShellAdapter(P, true));
        Model model = Model.load(new VerilogDesign(d.top(), new LinkedHashMap<>(d.verilogFiles())), BuildOptions.FASTEST);
        try (Simulator s = model.newSimulator()) {
            sim = s;
            axil = new AxiLiteMaster(s, "s_axil", this::tick);
            sim.reset(4);
            sim.port("m_axis_host_rx_tready").set(true);
            sim.port("m_axis_mac_tx_tready").set(true);
            sim.port("m_tx_cpl_ready").set(true);

            // Register window: bit 12 picks the NIC's map or the host channel.
            assertEquals(0x484F4D43L, read(0x000), "the NIC's id register");
            write(HostChannel.BASE, 0x0A000001L);
            assertEquals(0x0A000001L, read(HostChannel.BASE), "host channel cmd_peer");
            assertEquals(0x484F4D43L, read(0x000), "the NIC's map is untouched");

            // Other traffic: MAC RX to the host's default queue (index = queues), unchanged.
            List<byte[]> sentRx = new ArrayList<>();
            for (int len : new int[] {60, 64, 61, 1514, 200}) {
                byte[] f = otherFrame(rnd, len);
                sentRx.add(f);
                send("s_axis_mac_rx_", f);
            }
            run(400);
            assertEquals(sentRx.size(), hostRx.size(), "every frame reaches the host");
            for (int i = 0; i < sentRx.size(); i++) {
                assertArrayEquals(sentRx.get(i), hostRx.get(i), "frame " + i + " unchanged");
                assertEquals(P.queues(), hostRxSide.get(i)[0], "frame " + i + " in the default queue");
                assertEquals(sentRx.get(i).length, hostRxSide.get(i)[1], "frame " + i + " length");
            }

            // Host TX: to the MAC whole, with its length; each frame completes with its tag.
            List<byte[]> sentTx = new ArrayList<>();
            int[] lengths = {100, 64, 1500, 65};
            for (int i = 0; i < lengths.length; i++) {
                byte[] f = otherFrame(rnd, lengths[i]);
                sentTx.add(f);
                sim.port("s_host_tx_tag").set(0x100 + i);
                send("s_axis_host_tx_", f);
            }
            run(600);
            assertEquals(List.of(0x100L, 0x101L, 0x102L, 0x103L), completions);
            assertEquals(sentTx.size(), macTx.size(), "every host frame reaches the MAC");
            for (int i = 0; i < sentTx.size(); i++) {
                assertArrayEquals(sentTx.get(i), macTx.get(i), "host frame " + i + " unchanged");
                assertEquals((long) sentTx.get(i).length, macTxBytes.get(i), "host frame " + i + " length");
            }
        }
    }
}
