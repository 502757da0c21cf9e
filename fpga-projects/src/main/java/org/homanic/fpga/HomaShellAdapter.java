package org.homanic.fpga;

import org.homanic.hdl.AxiLite;
import org.homanic.hdl.Axis;
import org.homanic.hdl.Bool;
import org.homanic.hdl.Bundle;
import org.homanic.hdl.Module;
import org.homanic.hdl.Stream;
import org.homanic.hdl.UInt;
import org.homanic.hdl.lib.Arbiter;
import org.homanic.hdl.lib.Fifo;
import org.homanic.hdl.lib.RegSlice;
import org.homanic.rtl.nic.HomaNic;
import org.homanic.rtl.nic.NicParams;

import static org.homanic.hdl.Hdl.*;

/**
 * {@link HomaNic} with the four streams a NIC shell offers around its host interface: MAC RX,
 * MAC TX, host RX and host TX, each one AXI-Stream, plus the AXI4-Lite register window. The
 * shell wrappers ({@link CorundumAppBlock}, {@link OpenNicPlugin}) instantiate it and map it
 * onto their own port names; everything shell-independent is here, in the hdl.
 *
 * <ul>
 * <li>Host RX: the NIC's host queues (and the default queue) merged packet by packet,
 *     round robin, with each frame's queue number and length (from its metadata, so valid from
 *     the first beat) beside it. A queue's frame leaves only when its metadata is there.</li>
 * <li>MAC TX: optionally stored and forwarded whole, with the frame length beside every beat.</li>
 * <li>Host TX: each frame's completion tag (Corundum's TX tag) is queued when the NIC takes
 *     the frame's last beat and offered on {@code m_tx_cpl}; host TX stalls while
 *     {@value #TAG_DEPTH} completions wait.</li>
 * <li>The scheduler's host commands and notices: {@link HostChannel}, registers at
 *     {@link HostChannel#BASE} above the NIC's register map in the same window.</li>
 * </ul>
 */
public final class HomaShellAdapter extends Module {
    public static final int TAG_DEPTH = 32;
    static final int QUEUE_BITS = 4;
    /** The adapter's register window: the NIC's map (4 KiB) and the host channel above it. */
    public static final int ADDRESS_BITS = 13;
    static final int BYTES_BITS = 16;
    /** Store-and-forward buffer for MAC TX sizes: the largest frame (9018 bytes) fits. */
    static final int FRAME_BUFFER_BYTES = 16384;
    static final int LENGTH_DEPTH = 64;

    public final Axis s_axis_mac_rx;
    public final Axis m_axis_mac_tx;
    public final UInt m_mac_tx_bytes;
    public final Axis m_axis_host_rx;
    public final UInt m_host_rx_queue;
    public final UInt m_host_rx_bytes;
    public final Axis s_axis_host_tx;
    public final UInt s_host_tx_tag;
    public final Bool m_tx_cpl_valid;
    public final Bool m_tx_cpl_ready;
    public final UInt m_tx_cpl_tag;
    public final AxiLite s_axil;

    /** One host RX beat with the frame's queue and length. */
    public static final class HostBeat extends Bundle {
        public final UInt data;
        public final UInt keep;
        public final Bool last = Bool();
        public final UInt queue = UInt(QUEUE_BITS);
        public final UInt bytes = UInt(BYTES_BITS);

        public HostBeat(int width) {
            data = UInt(width);
            keep = UInt(width / 8);
        }
    }

    @Override
    public String moduleName() {
        return "HomaShellAdapter";
    }

    /**
     * {@code wholeFrameSizes}: MAC TX frames leave only when whole, with their length on every
     * beat (OpenNIC's 250 MHz interface wants {@code tuser_size} valid and unchanged from the
     * first beat); without it they pass straight through and {@code m_mac_tx_bytes} is 0.
     */
    public HomaShellAdapter(NicParams p, boolean wholeFrameSizes) {
        int w = p.dataWidth();
        if (p.queues() + 1 > (1 << QUEUE_BITS)) {
            throw new IllegalArgumentException("at most " + ((1 << QUEUE_BITS) - 1) + " host queues fit the shells' queue field, not " + p.queues());
        }
        s_axis_mac_rx = input("s_axis_mac_rx", new Axis(w, 1));
        m_axis_mac_tx = output("m_axis_mac_tx", new Axis(w, 1));
        m_mac_tx_bytes = output("m_mac_tx_bytes", UInt(BYTES_BITS));
        m_axis_host_rx = output("m_axis_host_rx", new Axis(w, 1));
        m_host_rx_queue = output("m_host_rx_queue", UInt(QUEUE_BITS));
        m_host_rx_bytes = output("m_host_rx_bytes", UInt(BYTES_BITS));
        s_axis_host_tx = input("s_axis_host_tx", new Axis(w, 1));
        s_host_tx_tag = input("s_host_tx_tag", UInt(16));
        m_tx_cpl_valid = output("m_tx_cpl_valid", Bool());
        m_tx_cpl_ready = input("m_tx_cpl_ready", Bool());
        m_tx_cpl_tag = output("m_tx_cpl_tag", UInt(16));
        s_axil = input("s_axil", new AxiLite(ADDRESS_BITS));

        HomaNic nic = instance("nic", new HomaNic(p));
        connect(nic.s_axis_mac_rx, s_axis_mac_rx);

        // The scheduler's host commands and notices travel as registers above the NIC's map.
        HostChannel channel = instance("host_channel", new HostChannel());
        connect(nic.s_cmd, channel.m_cmd);
        connect(channel.s_notice, nic.m_notice);
        splitWindow(nic.s_axil, channel.s_axil);

        macTx(nic, w, wholeFrameSizes);
        hostRx(nic, p, w);
        hostTx(nic);
    }

    /**
     * Address bit 12 picks the NIC's register block (0) or the host channel (1). One write and
     * one read are in flight at a time over both, so their responses never meet.
     */
    private void splitWindow(AxiLite csr, AxiLite chan) {
        int bit = HostChannel.ADDRESS_BITS;
        Bool toChanW = s_axil.awaddr.bit(bit);
        Bool busyW = let("write_busy", csr.bvalid.or(chan.bvalid));
        comb(csr.awaddr, s_axil.awaddr.bits(bit - 1, 0));
        comb(chan.awaddr, s_axil.awaddr.bits(bit - 1, 0));
        comb(csr.wdata, s_axil.wdata);
        comb(chan.wdata, s_axil.wdata);
        comb(csr.wstrb, s_axil.wstrb);
        comb(chan.wstrb, s_axil.wstrb);
        comb(csr.awvalid, s_axil.awvalid.and(toChanW.not()).and(busyW.not()));
        comb(csr.wvalid, s_axil.wvalid.and(toChanW.not()).and(busyW.not()));
        comb(chan.awvalid, s_axil.awvalid.and(toChanW).and(busyW.not()));
        comb(chan.wvalid, s_axil.wvalid.and(toChanW).and(busyW.not()));
        comb(s_axil.awready, mux(toChanW, chan.awready, csr.awready));
        comb(s_axil.wready, mux(toChanW, chan.wready, csr.wready));
        comb(s_axil.bvalid, csr.bvalid.or(chan.bvalid));
        comb(s_axil.bresp, mux(chan.bvalid, chan.bresp, csr.bresp));
        comb(csr.bready, s_axil.bready);
        comb(chan.bready, s_axil.bready);

        Bool toChanR = s_axil.araddr.bit(bit);
        Bool busyR = let("read_busy", csr.rvalid.or(chan.rvalid));
        comb(csr.araddr, s_axil.araddr.bits(bit - 1, 0));
        comb(chan.araddr, s_axil.araddr.bits(bit - 1, 0));
        comb(csr.arvalid, s_axil.arvalid.and(toChanR.not()).and(busyR.not()));
        comb(chan.arvalid, s_axil.arvalid.and(toChanR).and(busyR.not()));
        comb(s_axil.arready, mux(toChanR, chan.arready, csr.arready).and(busyR.not()));
        comb(s_axil.rvalid, csr.rvalid.or(chan.rvalid));
        comb(s_axil.rdata, mux(chan.rvalid, chan.rdata, csr.rdata));
        comb(s_axil.rresp, mux(chan.rvalid, chan.rresp, csr.rresp));
        comb(csr.rready, s_axil.rready);
        comb(chan.rready, s_axil.rready);
    }

    private void macTx(HomaNic nic, int w, boolean wholeFrameSizes) {
        Axis out = nic.m_axis_mac_tx;
        unused(out.tuser);
        comb(m_axis_mac_tx.tuser, 0);
        if (!wholeFrameSizes) {
            comb(m_axis_mac_tx.tdata, out.tdata);
            comb(m_axis_mac_tx.tkeep, out.tkeep);
            comb(m_axis_mac_tx.tvalid, out.tvalid);
            comb(m_axis_mac_tx.tlast, out.tlast);
            comb(out.tready, m_axis_mac_tx.tready);
            comb(m_mac_tx_bytes, 0);
            return;
        }
        // Store and forward: a frame leaves once it is whole, with its length on every beat.
        // The buffer holds the largest frame the egress can hold (its staging buffer), so a
        // stored frame always completes.
        int beats = Integer.highestOneBit(Math.max(2, FRAME_BUFFER_BYTES / (w / 8)));
        Fifo<Axis.Beat> frames = instance("tx_frames", new Fifo<>(() -> new Axis.Beat(w, 1), beats));
        Fifo<UInt> lengths = instance("tx_lengths", new Fifo<>(() -> UInt(BYTES_BITS), LENGTH_DEPTH));
        Bool room = frames.in.ready.and(lengths.in.ready);
        comb(frames.in.valid, out.tvalid.and(room));
        comb(frames.in.payload.data, out.tdata);
        comb(frames.in.payload.keep, out.tkeep);
        comb(frames.in.payload.last, out.tlast);
        comb(frames.in.payload.user, 0);
        comb(out.tready, room);
        UInt before = reg("mac_tx_bytes_before", UInt(BYTES_BITS), 0);
        Bool take = out.tvalid.and(room);
        when(take, () -> sync(before, mux(out.tlast, lit(0, BYTES_BITS), before.add(w / 8))));
        comb(lengths.in.valid, take.and(out.tlast));
        comb(lengths.in.payload, before.add(keptBytes(out.tkeep)));

        Bool whole = frames.out.valid.and(lengths.out.valid);
        comb(m_axis_mac_tx.tdata, frames.out.payload.data);
        comb(m_axis_mac_tx.tkeep, frames.out.payload.keep);
        comb(m_axis_mac_tx.tlast, frames.out.payload.last);
        comb(m_axis_mac_tx.tvalid, whole);
        comb(m_mac_tx_bytes, lengths.out.payload);
        comb(frames.out.ready, m_axis_mac_tx.tready.and(lengths.out.valid));
        comb(lengths.out.ready, m_axis_mac_tx.tready.and(whole).and(frames.out.payload.last));
        unused(frames.out.payload.user, frames.level, lengths.level);
    }

    /** The number of kept bytes of a beat whose tkeep is contiguous from lane 0. */
    private UInt keptBytes(UInt keep) {
        int lanes = keep.width();
        int bits = 32 - Integer.numberOfLeadingZeros(lanes);
        UInt count = wire("kept_bytes", UInt(bits));
        comb(count, 0);
        for (int i = 0; i < lanes; i++) {
            Bool top = i + 1 < lanes ? keep.bit(i).and(keep.bit(i + 1).not()) : keep.bit(i);
            int n = i + 1;
            when(top, () -> comb(count, n));
        }
        return count;
    }

    private void hostRx(HomaNic nic, NicParams p, int w) {
        int inputs = p.queues() + 1;
        Arbiter<HostBeat> arb = instance("host_rx_arbiter",
                new Arbiter<>(() -> new HostBeat(w), inputs, Arbiter.Policy.ROUND_ROBIN, b -> b.last));
        for (int q = 0; q < inputs; q++) {
            Axis data = nic.m_axis_host_rx.get(q);
            Stream<org.homanic.rtl.classifier.IngressMeta> meta = nic.m_meta_host_rx.get(q);
            Stream<HostBeat> in = arb.in.get(q);
            comb(in.valid, data.tvalid.and(meta.valid));
            comb(in.payload.data, data.tdata);
            comb(in.payload.keep, data.tkeep);
            comb(in.payload.last, data.tlast);
            comb(in.payload.queue, q);
            comb(in.payload.bytes, meta.payload.length.resize(BYTES_BITS));
            comb(data.tready, in.ready.and(meta.valid));
            comb(meta.ready, in.fire().and(data.tlast));
            unused(data.tuser, meta.payload);
        }
        unused(arb.grant);
        Stream<HostBeat> staged = RegSlice.after(arb.out);
        comb(m_axis_host_rx.tdata, staged.payload.data);
        comb(m_axis_host_rx.tkeep, staged.payload.keep);
        comb(m_axis_host_rx.tlast, staged.payload.last);
        comb(m_axis_host_rx.tvalid, staged.valid);
        comb(m_axis_host_rx.tuser, 0);
        comb(m_host_rx_queue, staged.payload.queue);
        comb(m_host_rx_bytes, staged.payload.bytes);
        comb(staged.ready, m_axis_host_rx.tready);
    }

    private void hostTx(HomaNic nic) {
        Axis in = nic.s_axis_host_tx;
        Fifo<UInt> tags = instance("tx_tags", new Fifo<>(() -> UInt(16), TAG_DEPTH));
        Bool room = tags.in.ready;
        comb(in.tdata, s_axis_host_tx.tdata);
        comb(in.tkeep, s_axis_host_tx.tkeep);
        comb(in.tlast, s_axis_host_tx.tlast);
        comb(in.tvalid, s_axis_host_tx.tvalid.and(room));
        comb(in.tuser, 0);
        comb(s_axis_host_tx.tready, in.tready.and(room));
        comb(tags.in.valid, s_axis_host_tx.tvalid.and(s_axis_host_tx.tlast).and(in.tready).and(room));
        comb(tags.in.payload, s_host_tx_tag);
        comb(m_tx_cpl_valid, tags.out.valid);
        comb(m_tx_cpl_tag, tags.out.payload);
        comb(tags.out.ready, m_tx_cpl_ready);
        unused(s_axis_host_tx.tuser, tags.level);
    }
}
