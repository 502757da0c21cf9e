package org.homanic.rtl.nic.sim;

import org.homanic.host.datapath.Capability;
import org.homanic.host.datapath.Datapath;
import org.homanic.host.datapath.PacketBatch;
import org.homanic.protocol.sched.RpcKey;
import org.homanic.protocol.wire.FrameBuilder;
import org.homanic.protocol.wire.HomaConstants;
import org.homanic.protocol.wire.HomaView;
import org.homanic.protocol.wire.PacketType;
import org.homanic.rtl.grant.HostCommand;

import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The host library's datapath on a simulated {@link SimNic}: Homa packets are framed as
 * Ethernet/IPv4 (protocol 146) into the host TX port and unframed from the host RX queues after
 * a fixed host latency (DMA and interrupt); message ends become scheduler commands; the NIC's
 * table-full notices mark the messages the host must grant itself ({@link PacketBatch#NIC_UNTRACKED}).
 * Peers are host numbers: host {@code h} is IPv4 10.0.0.(h+1), MAC 02:00:00:00:00:(h+1).
 */
public final class NicDatapath implements Datapath {
    /** Largest Homa packet: a 1500-byte IP MTU minus the IPv4 header. */
    public static final int MTU = 1500 - 20;
    /** Destination MAC of every frame (the switch routes by IP address). */
    public static final long SWITCH_MAC = 0x02_00_00_00_FF_FFL;

    private final int host;
    private final SimNic nic;
    private final boolean offload;
    private final LongSupplier cycle;
    private final int rxLatencyCycles;
    private final int txWindowBytes;
    private final FrameBuilder builder = new FrameBuilder();
    private final ArrayDeque<SimNic.Frame> rx = new ArrayDeque<>();
    private final ArrayDeque<byte[]> txRing = new ArrayDeque<>();
    private final Set<RpcKey> untracked = new HashSet<>();
    private final HomaView view = new HomaView();
    private long txInFlight;
    private long otherFramesIgnored;

    /**
     * @param offload         true: the NIC schedules grants and assigns priorities; false: the
     *                        baseline (host grants in software, every frame in one FIFO level)
     * @param rxLatencyCycles cycles between a frame's last beat on host RX and the host seeing it
     * @param txWindowBytes   bytes the NIC may hold of this host's frames (its TX ring)
     */
    public NicDatapath(int host, SimNic nic, boolean offload, LongSupplier cycle, int rxLatencyCycles, int txWindowBytes) {
        if (host < 0 || host > 250) throw new IllegalArgumentException("host number must be 0..250, not " + host);
        this.host = host;
        this.nic = nic;
        this.offload = offload;
        this.cycle = cycle;
        this.rxLatencyCycles = rxLatencyCycles;
        this.txWindowBytes = txWindowBytes;
        builder.macs(mac(host), SWITCH_MAC);
    }

    public static long mac(int host) { return 0x02_00_00_00_00_00L | (host + 1); }
    public static int ipv4(int host) { return 0x0A00_0000 | (host + 1); }

    static byte[] ipBytes(int host) {
        int a = ipv4(host);
        return new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
    }

    /** The host number of an IPv4 address of this network, or -1. */
    public static int hostOf(int ipv4) {
        int h = (ipv4 & 0xFF) - 1;
        return (ipv4 & 0xFFFF_FF00) == 0x0A00_0000 && h >= 0 ? h : -1;
    }

    @Override public long localAddress() { return host; }
    @Override public int mtu() { return MTU; }

    @Override
    public Set<Capability> capabilities() {
        return offload ? EnumSet.of(Capability.NIC_SCHEDULES_GRANTS, Capability.NIC_ASSIGNS_PRIORITY) : EnumSet.noneOf(Capability.class);
    }

    @Override
    public int txRoom() {
        return txInFlight + MTU + 100 <= txWindowBytes && txRing.isEmpty() ? 1 : 0;
    }

    @Override
    public void send(PacketBatch batch) {
        for (int i = 0; i < batch.size(); i++) {
            int peer = (int) batch.peer(i);
            builder.addresses(ipBytes(host), ipBytes(peer)).priority(batch.priority(i));
            byte[] frame = new byte[builder.headerLength() + batch.length(i)];
            builder.write(batch.segment(i), 0, batch.length(i), MemorySegment.ofArray(frame), 0);
            txRing.add(frame);
        }
        batch.clear();
        pumpTx();
    }

    /** Moves frames from the ring into the NIC while its share of NIC memory allows. */
    void pumpTx() {
        while (!txRing.isEmpty() && txInFlight + txRing.peek().length <= txWindowBytes) {
            byte[] f = txRing.poll();
            txInFlight += f.length;
            // Baseline: the host overrides the level with 0 (one FIFO queue); else the NIC decides.
            nic.hostTx(f, offload ? 0 : 1);
        }
    }

    /** A frame of this host left the NIC's MAC TX port: its ring space is free again. */
    void transmitted(int bytes) {
        txInFlight -= bytes;
        pumpTx();
    }

    /** A frame arrived on a host RX queue. */
    void received(SimNic.Frame frame) {
        rx.add(frame);
    }

    /** The NIC will not schedule message (peer, id): the host grants it. */
    void untracked(long peer, long id) {
        untracked.add(new RpcKey(peer, id));
    }

    @Override
    public int poll(PacketBatch batch) {
        int added = 0;
        long now = cycle.getAsLong();
        while (!rx.isEmpty() && !batch.isFull() && rx.peek().cycle() + rxLatencyCycles <= now) {
            byte[] f = rx.poll().bytes();
            int ethertype = ((f[12] & 0xFF) << 8) | (f[13] & 0xFF);
            if (ethertype != 0x0800 || f.length < 34 || (f[23] & 0xFF) != HomaConstants.IPPROTO_HOMA) {
                otherFramesIgnored++;
                continue;
            }
            int ihl = (f[14] & 0xF) * 4;
            int total = ((f[16] & 0xFF) << 8) | (f[17] & 0xFF);
            int src = ((f[26] & 0xFF) << 24) | ((f[27] & 0xFF) << 16) | ((f[28] & 0xFF) << 8) | (f[29] & 0xFF);
            int peer = hostOf(src);
            int homaOffset = 14 + ihl;
            int homaLength = total - ihl;
            if (peer < 0 || homaLength <= 0 || homaOffset + homaLength > f.length) {
                otherFramesIgnored++;
                continue;
            }
            MemorySegment packet = MemorySegment.ofArray(f);
            view.wrap(packet, homaOffset);
            int flags = 0;
            if (view.typeCode() == PacketType.DATA.code()
                    && untracked.contains(new RpcKey(Integer.toUnsignedLong(src), view.senderId() ^ 1))) {
                flags = PacketBatch.NIC_UNTRACKED;
            }
            MemorySegment slot = batch.next();
            MemorySegment.copy(packet, homaOffset, slot, 0, homaLength);
            batch.commit(homaLength, peer, (f[15] & 0xFF) >>> 5, flags);
            added++;
        }
        return added;
    }

    @Override
    public void messageEnded(long peer, long localId) {
        if (offload) nic.command(HostCommand.END, Integer.toUnsignedLong(ipv4((int) peer)), localId);
    }

    /** Frames on host RX that were not Homa over IPv4 of this network (none are expected). */
    public long otherFramesIgnored() { return otherFramesIgnored; }

    public long txInFlight() { return txInFlight; }
    public boolean txIdle() { return txRing.isEmpty() && txInFlight == 0; }

    @Override public void close() {}

    @Override public String describe(long peer) { return "host" + peer; }
}
