package org.homanic.rtl.nic.sim;

import org.homanic.rtl.nic.HomaNic;
import org.homanic.rtl.nic.NicParams;
import org.homanic.rtl.nic.NicRegs;
import org.homanic.testbench.BuildOptions;
import org.homanic.testbench.Model;
import org.homanic.testbench.Port;
import org.homanic.testbench.Simulator;
import org.homanic.testbench.VerilogDesign;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Verilated {@link HomaNic} behind Java calls, advanced one clock cycle at a time by
 * {@link #cycle}: frames queued for the MAC RX and host TX ports are driven beat by beat, frames
 * leaving the MAC TX and host RX ports are collected whole, host commands and scheduler notices
 * are moved, and registers are read and written through AXI4-Lite. Host RX and scheduler
 * notice ports are always ready; MAC TX is ready when the link says so.
 */
public final class SimNic implements AutoCloseable {
    /** A frame that left a port, with the cycle of its last beat and its {@code tuser}. */
    public record Frame(byte[] bytes, long cycle, int user) {}

    /** What the NIC's ports produce; called from {@link #cycle}. */
    public interface Listener {
        default void macTx(Frame frame) {}
        default void hostRx(int queue, Frame frame) {}
        default void notice(int kind, long peer, long id) {}
        /** {@code eventsBefore}: DATA events the scheduler had taken before it took the command (read from {@code sched_events}). */
        default void commandAccepted(int op, long peer, long id, long cycle, long eventsBefore) {}
    }

    private static final ConcurrentHashMap<NicParams, Model> MODELS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<NicParams, Model> TRACED = new ConcurrentHashMap<>();

    private final NicParams params;
    private final Simulator sim;
    private final int beatBytes;
    private final Listener listener;
    private final Port rxData, rxKeep, rxValid, rxLast, rxUser;
    private final Port txData, txKeep, txValid, txReady, txLast, txUser;
    private final Port htData, htKeep, htValid, htLast, htUser;
    private final Port[] hrData, hrKeep, hrValid, hrLast, hrReady, hmReady;
    private final Port cmdValid, cmdReady, cmdOp, cmdPeer, cmdId;
    private final Port noticeValid, noticeReady, noticeKind, noticePeer, noticeId;
    private final byte[] beat;
    private final Collector macTx;
    private final Collector[] hostRx;
    private final Driver macRx;
    private final Driver hostTx;
    private final ArrayDeque<long[]> commands = new ArrayDeque<>();
    private boolean cmdDriven;
    private boolean txReadyHigh;
    private boolean axilBusy;
    private long stamp;

    /** The compiled model for {@code params} (built once per JVM, cached on disk by content). */
    public static Model model(NicParams params, boolean traced) {
        return (traced ? TRACED : MODELS).computeIfAbsent(params, p -> Model.load(VerilogDesign.of(new HomaNic(p)),
                traced ? BuildOptions.DEFAULT : BuildOptions.FASTEST));
    }

    public SimNic(NicParams params, boolean traced, Listener listener) {
        this.params = params;
        this.listener = listener;
        this.sim = model(params, traced).newSimulator();
        this.beatBytes = params.dataWidth() / 8;
        this.beat = new byte[beatBytes];
        rxData = sim.port("s_axis_mac_rx_tdata"); rxKeep = sim.port("s_axis_mac_rx_tkeep");
        rxValid = sim.port("s_axis_mac_rx_tvalid"); rxLast = sim.port("s_axis_mac_rx_tlast"); rxUser = sim.port("s_axis_mac_rx_tuser");
        txData = sim.port("m_axis_mac_tx_tdata"); txKeep = sim.port("m_axis_mac_tx_tkeep");
        txValid = sim.port("m_axis_mac_tx_tvalid"); txReady = sim.port("m_axis_mac_tx_tready");
        txLast = sim.port("m_axis_mac_tx_tlast"); txUser = sim.port("m_axis_mac_tx_tuser");
        htData = sim.port("s_axis_host_tx_tdata"); htKeep = sim.port("s_axis_host_tx_tkeep");
        htValid = sim.port("s_axis_host_tx_tvalid"); htLast = sim.port("s_axis_host_tx_tlast"); htUser = sim.port("s_axis_host_tx_tuser");
        int queues = params.queues() + 1;
        hrData = new Port[queues]; hrKeep = new Port[queues]; hrValid = new Port[queues]; hrLast = new Port[queues];
        hrReady = new Port[queues]; hmReady = new Port[queues];
        hostRx = new Collector[queues];
        for (int q = 0; q < queues; q++) {
            String p = "m_axis_host_rx_" + q + "_";
            hrData[q] = sim.port(p + "tdata"); hrKeep[q] = sim.port(p + "tkeep"); hrValid[q] = sim.port(p + "tvalid");
            hrLast[q] = sim.port(p + "tlast"); hrReady[q] = sim.port(p + "tready");
            hmReady[q] = sim.port("m_meta_host_rx_" + q + "_ready");
            hostRx[q] = new Collector();
        }
        cmdValid = sim.port("s_cmd_valid"); cmdReady = sim.port("s_cmd_ready"); cmdOp = sim.port("s_cmd_payload_op");
        cmdPeer = sim.port("s_cmd_payload_peer"); cmdId = sim.port("s_cmd_payload_id");
        noticeValid = sim.port("m_notice_valid"); noticeReady = sim.port("m_notice_ready"); noticeKind = sim.port("m_notice_payload_kind");
        noticePeer = sim.port("m_notice_payload_peer"); noticeId = sim.port("m_notice_payload_id");
        macTx = new Collector();
        macRx = new Driver(rxData, rxKeep, rxValid, rxLast, rxUser, true);
        hostTx = new Driver(htData, htKeep, htValid, htLast, htUser, false);
        sim.reset(4);
        for (int q = 0; q < queues; q++) {
            hrReady[q].set(true);
            hmReady[q].set(true);
        }
        noticeReady.set(true);
        sim.port("s_axil_bready").set(true);
        sim.port("s_axil_rready").set(true);
    }

    public NicParams params() { return params; }
    public Simulator simulator() { return sim; }
    public long cycleCount() { return sim.cycle(); }

    /** Queues a frame for the MAC RX port ({@code bad}: the MAC saw an FCS error). */
    public void macRx(byte[] frame, boolean bad) { macRx.queue(frame, bad ? 1 : 0); }

    /** Queues a frame for the host TX port with {@code tuser} (bit 0 override, bits 3..1 level). */
    public void hostTx(byte[] frame, int user) { hostTx.queue(frame, user); }

    /** Queues a host command for the scheduler. */
    public void command(int op, long peer, long id) { commands.add(new long[] {op, peer, id}); }

    /** Frames, commands or beats still waiting to enter the NIC. */
    public boolean inputPending() { return macRx.busy() || hostTx.busy() || !commands.isEmpty(); }

    /**
     * One clock cycle: outputs are taken where valid (MAC TX only if {@code macTxReady}), the next
     * input beats are driven, the clock ticks. Returns whether a MAC TX beat moved.
     */
    public boolean cycle(boolean macTxReady) {
        return cycle(macTxReady, sim.cycle());
    }

    /** {@link #cycle(boolean)} with frames stamped {@code now} (the caller's time: a network's cycle). */
    public boolean cycle(boolean macTxReady, long now) {
        stamp = now;
        boolean txBeat = macTxReady && txValid.isHigh();
        if (txBeat) {
            if (macTx.take(txData, txKeep, txLast)) listener.macTx(macTx.frame(now, (int) txUser.get()));
        }
        for (int q = 0; q < hrValid.length; q++) {
            if (hrValid[q].isHigh() && hostRx[q].take(hrData[q], hrKeep[q], hrLast[q])) {
                listener.hostRx(q, hostRx[q].frame(now, 0));
            }
        }
        if (noticeValid.isHigh()) listener.notice((int) noticeKind.get(), noticePeer.get(), noticeId.get());
        if (macTxReady != txReadyHigh) {
            txReady.set(macTxReady);
            txReadyHigh = macTxReady;
        }
        macRx.drive();
        hostTx.drive();
        boolean fired = false;
        long[] cmd = axilBusy ? null : commands.peek();
        if (cmd != null) {
            if (!cmdDriven) {
                cmdOp.set(cmd[0]);
                cmdPeer.set(cmd[1]);
                cmdId.set(cmd[2]);
                cmdValid.set(true);
                cmdDriven = true;
            }
            sim.eval();
            fired = cmdReady.isHigh();
        }
        sim.tick();
        macRx.advance();
        hostTx.advance();
        if (fired) {
            commands.poll();
            cmdValid.set(false);
            cmdDriven = false;
            // The scheduler takes nothing in the cycle after a command, so this read counts exactly the events before it.
            long before = read(NicRegs.SCHED_EVENTS);
            listener.commandAccepted((int) cmd[0], cmd[1], cmd[2], now, before);
        }
        return txBeat;
    }

    /** Writes a register through AXI4-Lite (all byte strobes); runs cycles until the response. */
    public void write(int address, long value) {
        Port awvalid = sim.port("s_axil_awvalid"), wvalid = sim.port("s_axil_wvalid");
        sim.port("s_axil_awaddr").set(address);
        sim.port("s_axil_wdata").set(value);
        sim.port("s_axil_wstrb").set(0xF);
        awvalid.set(true);
        wvalid.set(true);
        axilWait(() -> sim.port("s_axil_awready").isHigh(), "write address");
        awvalid.set(false);
        wvalid.set(false);
        axilWait(() -> sim.port("s_axil_bvalid").isHigh(), "write response");
    }

    /** Reads a register through AXI4-Lite; runs cycles until the data. */
    public long read(int address) {
        Port arvalid = sim.port("s_axil_arvalid");
        sim.port("s_axil_araddr").set(address);
        arvalid.set(true);
        axilWait(() -> sim.port("s_axil_arready").isHigh(), "read address");
        arvalid.set(false);
        long[] value = new long[1];
        axilWait(() -> {
            boolean v = sim.port("s_axil_rvalid").isHigh();
            if (v) value[0] = sim.port("s_axil_rdata").get();
            return v;
        }, "read data");
        return value[0];
    }

    private void axilWait(java.util.function.BooleanSupplier done, String what) {
        boolean outer = !axilBusy;
        axilBusy = true;
        try {
            for (int i = 0; i < 16; i++) {
                sim.eval();
                boolean d = done.getAsBoolean();
                cycle(false, stamp);
                if (d) return;
            }
        } finally {
            if (outer) axilBusy = false;
        }
        throw new IllegalStateException("AXI4-Lite " + what + " did not come within 16 cycles");
    }

    @Override
    public void close() {
        sim.close();
    }

    /** Assembles frames from the beats of one output port. */
    private final class Collector {
        private byte[] buf = new byte[16384];
        private int len;

        /** Takes the beat on the port; true at the last beat. */
        boolean take(Port data, Port keep, Port last) {
            data.getBytes(beat, 0);
            int n = lanes(keep);
            if (len + n > buf.length) buf = Arrays.copyOf(buf, 2 * buf.length);
            System.arraycopy(beat, 0, buf, len, n);
            len += n;
            return last.isHigh();
        }

        Frame frame(long cycle, int user) {
            Frame f = new Frame(Arrays.copyOf(buf, len), cycle, user);
            len = 0;
            return f;
        }

        private int lanes(Port keep) {
            if (beatBytes <= 64) {
                long k = keep.get();
                return beatBytes == 64 ? 64 - Long.numberOfLeadingZeros(k) : 64 - Long.numberOfLeadingZeros(k & ((1L << beatBytes) - 1));
            }
            byte[] kb = new byte[beatBytes / 8];
            keep.getBytes(kb, 0);
            int n = 0;
            for (byte b : kb) n += Integer.bitCount(b & 0xFF);
            return n;
        }
    }

    /** Drives queued frames onto an input port, one beat per cycle (the NIC's inputs never stall). */
    private final class Driver {
        private final Port data, keep, valid, last, user;
        private final ArrayDeque<byte[]> frames = new ArrayDeque<>();
        private final ArrayDeque<Integer> users = new ArrayDeque<>();
        private byte[] current;
        private int offset;
        private int currentUser;
        private boolean validHigh;
        /** tuser only with the last beat (MAC RX: bad frame), else on every beat (host TX: level). */
        private final boolean userOnLast;

        Driver(Port data, Port keep, Port valid, Port last, Port user, boolean userOnLast) {
            this.data = data; this.keep = keep; this.valid = valid; this.last = last; this.user = user;
            this.userOnLast = userOnLast;
        }

        void queue(byte[] frame, int u) {
            if (frame.length == 0) throw new IllegalArgumentException("empty frame");
            frames.add(frame);
            users.add(u);
        }

        boolean busy() { return current != null || !frames.isEmpty(); }

        void drive() {
            if (current == null && !frames.isEmpty()) {
                current = frames.poll();
                currentUser = users.poll();
                offset = 0;
            }
            if (current == null) {
                if (validHigh) {
                    valid.set(false);
                    validHigh = false;
                }
                return;
            }
            int n = Math.min(beatBytes, current.length - offset);
            data.setBytes(current, offset, n);
            if (beatBytes <= 64) keep.set(n == 64 ? -1L : (1L << n) - 1);
            else keep.setBig(java.math.BigInteger.ONE.shiftLeft(n).subtract(java.math.BigInteger.ONE));
            boolean isLast = offset + n == current.length;
            last.set(isLast);
            user.set(userOnLast && !isLast ? 0 : currentUser & mask(user));
            valid.set(true);
            validHigh = true;
        }

        void advance() {
            if (current == null) return;
            offset += beatBytes;
            if (offset >= current.length) current = null;
        }

        private long mask(Port p) { return p.width() >= 64 ? -1L : (1L << p.width()) - 1; }
    }
}
