package org.homanic.rtl.nic.sim;

import org.homanic.protocol.wire.DataView;
import org.homanic.protocol.wire.FrameBuilder;
import org.homanic.protocol.wire.PacketType;
import org.homanic.protocol.workload.Workload;
import org.homanic.rtl.nic.NicParams;
import org.homanic.testbench.CppHarness;
import org.homanic.testbench.Model;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Simulation speed of the 4-host pipeline: (a) a plain C++ Verilator harness ticking four
 * {@code HomaNic} models with a fixed stimulus (back-to-back Homa DATA frames into every MAC RX
 * port, every output always ready), (b) the same stimulus and models driven from Java through
 * {@link SimNic}, (c) the whole simulated network ({@link SimNetwork}: host stacks, switch,
 * W3 RPCs at 70% load). Figures are network cycles per second (one cycle ticks every NIC) of CPU
 * time of the running thread; (a) and (b) must see the same output frames.
 */
public final class NicPipelineBench {
    private NicPipelineBench() {}

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public record Result(int nics, long cycles, double cppCyclesPerSecond, double javaCyclesPerSecond,
                         double networkCyclesPerSecond, long framesOutCpp, long framesOutJava, long networkMessages) {
        public double ratioJavaToCpp() { return javaCyclesPerSecond / cppCyclesPerSecond; }
        public double ratioNetworkToCpp() { return networkCyclesPerSecond / cppCyclesPerSecond; }
    }

    /** Eight DATA frames of different RPCs (80 kB messages, so the scheduler grants), IPv4, 1,000 bytes of payload. */
    static List<byte[]> frames() {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            byte[] homa = new byte[DataView.HEADER_LENGTH + 1000];
            MemorySegment seg = MemorySegment.ofArray(homa);
            new DataView().wrap(seg, 0).initCommon(PacketType.DATA, 40000 + i, 4000, 2L * (i + 1));
            new DataView().wrap(seg, 0).messageLength(80_000).incoming(10_000).segOffset(0);
            FrameBuilder b = new FrameBuilder().addresses(new byte[] {10, 0, 0, (byte) (2 + i)}, new byte[] {10, 0, 0, 1}).priority(6);
            out.add(b.build(homa));
        }
        return out;
    }

    public static Result run(int nics, long cycles, long networkMessages) throws IOException {
        NicParams p = SimNetwork.simNic();
        List<byte[]> frames = frames();
        Model model = SimNic.model(p, false);
        CppHarness harness = CppHarness.build(model, cppMain(p, frames));
        String[] cpp = harness.run(Long.toString(cycles), Integer.toString(nics)).strip().split("\\s+");
        double cppRate = Double.parseDouble(cpp[0]);
        long cppFrames = Long.parseLong(cpp[1]);

        long[] javaFrames = {0};
        SimNic.Listener count = new SimNic.Listener() {
            @Override public void macTx(SimNic.Frame f) { javaFrames[0]++; }
            @Override public void hostRx(int q, SimNic.Frame f) { javaFrames[0]++; }
        };
        List<SimNic> sims = new ArrayList<>();
        for (int i = 0; i < nics; i++) sims.add(new SimNic(p, false, count));
        int[] next = new int[nics];
        long t0 = CPU.getCurrentThreadCpuTime();
        for (long c = 0; c < cycles; c++) {
            for (int i = 0; i < nics; i++) {
                SimNic n = sims.get(i);
                if (!n.inputPending()) {
                    n.macRx(frames.get(next[i]), false);
                    next[i] = (next[i] + 1) % frames.size();
                }
                n.cycle(true);
            }
        }
        double javaRate = cycles / ((CPU.getCurrentThreadCpuTime() - t0) / 1e9);
        sims.forEach(SimNic::close);

        NetworkSimulation.Report r = NetworkSimulation.run(SimNetwork.Config.defaults(nics, true), Workload.named("w3"), 0.7,
                networkMessages, 1, 500_000_000L, null);
        if (r.rpcsCompleted() != networkMessages || r.scoreboardMismatches() != 0) {
            throw new IllegalStateException("the network run was not clean: " + r.firstError() + " " + r.scoreboard());
        }
        return new Result(nics, cycles, cppRate, javaRate, r.simulatedCyclesPerCpuSecond(), cppFrames, javaFrames[0], networkMessages);
    }

    /** The C++ harness: the same frames, the same order, the same readiness as the Java loop above. */
    static String cppMain(NicParams p, List<byte[]> frames) {
        int beat = p.dataWidth() / 8;
        StringBuilder f = new StringBuilder();
        f.append("static const int NFRAMES = ").append(frames.size()).append(";\n");
        f.append("static const int LEN[] = {");
        for (byte[] x : frames) f.append(x.length).append(',');
        f.append("};\nstatic const unsigned char DATA[][").append(frames.stream().mapToInt(x -> x.length).max().orElse(1)).append("] = {");
        for (byte[] x : frames) {
            f.append('{');
            for (byte b : x) f.append(b & 0xFF).append(',');
            f.append("},");
        }
        f.append("};\n");
        String setData = beat > 8
                ? "for (int w = 0; w < " + beat / 4 + "; w++) { uint32_t v = 0; for (int k = 3; k >= 0; k--) { int at = off + 4 * w + k; v = (v << 8) | (at < end ? DATA[fr][at] : 0); } m->s_axis_mac_rx_tdata[w] = v; }"
                : "{ uint64_t v = 0; for (int k = " + (beat - 1) + "; k >= 0; k--) { int at = off + k; v = (v << 8) | (at < end ? DATA[fr][at] : 0); } m->s_axis_mac_rx_tdata = v; }";
        String keepAll = beat == 64 ? "~0ULL" : "((1ULL << " + beat + ") - 1)";
        String hostReady = "";
        for (int q = 0; q <= p.queues(); q++) {
            hostReady += "m->m_axis_host_rx_" + q + "_tready = 1; m->m_meta_host_rx_" + q + "_ready = 1;\n";
        }
        String hostCount = "";
        for (int q = 0; q <= p.queues(); q++) {
            hostCount += "if (m->m_axis_host_rx_" + q + "_tvalid && m->m_axis_host_rx_" + q + "_tlast) frames_out++;\n";
        }
        return """
                #include <ctime>
                #include <cstdio>
                #include <cstdlib>
                %s
                static double thread_seconds() { timespec t; clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
                static inline void tick(VerilatedContext* ctx, VHomaNic* m) { m->clk = 1; m->eval(); ctx->timeInc(5); m->clk = 0; m->eval(); ctx->timeInc(5); }
                int main(int argc, char** argv) {
                    const long cycles = std::atol(argv[1]);
                    const int nics = std::atoi(argv[2]);
                    VerilatedContext* ctx[16]; VHomaNic* nic[16]; int fr_[16], off_[16];
                    long frames_out = 0;
                    for (int i = 0; i < nics; i++) {
                        ctx[i] = new VerilatedContext(); nic[i] = new VHomaNic(ctx[i], "TOP"); VHomaNic* m = nic[i];
                        m->rst = 1; for (int k = 0; k < 4; k++) tick(ctx[i], m); m->rst = 0; m->eval();
                        %s
                        m->m_notice_ready = 1; m->m_axis_mac_tx_tready = 1; m->s_axil_bready = 1; m->s_axil_rready = 1;
                        fr_[i] = 0; off_[i] = 0;
                    }
                    const double start = thread_seconds();
                    for (long c = 0; c < cycles; c++) {
                        for (int i = 0; i < nics; i++) {
                            VHomaNic* m = nic[i];
                            if (m->m_axis_mac_tx_tvalid && m->m_axis_mac_tx_tlast) frames_out++;
                            %s
                            int fr = fr_[i], off = off_[i], end = LEN[fr];
                            int n = end - off < %d ? end - off : %d;
                            %s
                            m->s_axis_mac_rx_tkeep = n == %d ? %s : ((1ULL << n) - 1);
                            m->s_axis_mac_rx_tlast = off + n == end;
                            m->s_axis_mac_rx_tuser = 0;
                            m->s_axis_mac_rx_tvalid = 1;
                            tick(ctx[i], m);
                            off += %d;
                            if (off >= end) { off = 0; fr = (fr + 1) %% NFRAMES; }
                            fr_[i] = fr; off_[i] = off;
                        }
                    }
                    const double secs = thread_seconds() - start;
                    std::printf("%%.1f %%ld\\n", cycles / secs, frames_out);
                    for (int i = 0; i < nics; i++) { nic[i]->final(); delete nic[i]; delete ctx[i]; }
                    return 0;
                }
                """.formatted(f, hostReady, hostCount, beat, beat, setData, beat, keepAll, beat);
    }
}
