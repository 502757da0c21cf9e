package org.homanic.rtl.nic.sim;

import org.homanic.host.HomaStack;
import org.homanic.host.HostConfig;
import org.homanic.host.timer.VirtualClock;
import org.homanic.protocol.sched.GrantConfig;
import org.homanic.rtl.nic.NicParams;
import org.homanic.rtl.nic.NicRegisters;
import org.homanic.rtl.nic.NicRegs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * N hosts, each a Verilated {@link org.homanic.rtl.nic.HomaNic} ({@link SimNic}) under a host
 * library stack ({@link HomaStack} on a {@link NicDatapath}), joined by a {@link SwitchModel}.
 * Everything advances in NIC clock cycles: every cycle each NIC ticks and the switch moves
 * frames; every {@code hostRoundCycles} the virtual clock catches up and each stack runs one
 * round of its packet path. Each host's uplink is paced at the link rate (MAC TX ready only while
 * the link has credit), frames reach the switch after the propagation delay, and leave it
 * serialized at the link rate after its strict-priority queues.
 */
public final class SimNetwork implements AutoCloseable {

    /**
     * @param offload         NIC grant scheduling and priorities; false: the baseline (no NIC
     *                        scheduling, host grants in software, one FIFO level, all traffic at priority 0)
     * @param hostRoundCycles cycles between two rounds of each host's packet path
     * @param rxLatencyCycles cycles from host RX to the host seeing the packet (DMA, interrupt)
     * @param txWindowBytes   bytes of a host's frames the NIC may hold (below one level queue, so none is dropped)
     * @param portBufferBytes switch buffer per output port
     * @param scoreboard      check every NIC's GRANTs against the reference scheduler
     * @param wave            host 0's NIC waveform (FST) and its cycle window, or null
     */
    public record Config(int hosts, NicParams nic, boolean offload, double linkGbps, long propagationNs, long portBufferBytes,
                         int hostRoundCycles, int rxLatencyCycles, int txWindowBytes, long unschedBytes, GrantConfig grants,
                         boolean scoreboard, Path pcap, Path wave, long waveFrom, long waveTo) {
        public Config {
            if (hosts < 2 || hosts > 64) throw new IllegalArgumentException("hosts must be 2..64, not " + hosts);
            if (nic.queues() != 1) throw new IllegalArgumentException("the simulated network's NIC has one Homa host queue (queues=1)");
            if (!(linkGbps > 0) || linkGbps > (double) nic.dataWidth() / nic.clockNs()) {
                throw new IllegalArgumentException("link rate must be positive and at most the NIC's " + nic.dataWidth() / nic.clockNs() + " Gbit/s, not " + linkGbps);
            }
            if (propagationNs < 0 || hostRoundCycles < 1 || rxLatencyCycles < 0) throw new IllegalArgumentException("negative delay");
            if (txWindowBytes < 2 * 1600 || txWindowBytes > nic.levelBytes() - 1600) {
                throw new IllegalArgumentException("TX window must hold two frames and stay below one level queue");
            }
            if (portBufferBytes < 9018) throw new IllegalArgumentException("switch port buffer must hold a frame");
            if (wave != null && (waveFrom < 0 || waveTo <= waveFrom)) throw new IllegalArgumentException("wave window a:b needs 0 <= a < b");
        }

        /** The simulated network's defaults: SIM NICs (256 bits, one Homa queue), 25 Gbit/s, 250 ns links. */
        public static Config defaults(int hosts, boolean offload) {
            return new Config(hosts, simNic(), offload, 25, 250, 512 * 1024, 32, 250, 12_000, 10_000,
                    GrantConfig.defaults().withoutFifo(), offload, null, null, 0, 0);
        }

        public Config withPcap(Path p) {
            return new Config(hosts, nic, offload, linkGbps, propagationNs, portBufferBytes, hostRoundCycles, rxLatencyCycles,
                    txWindowBytes, unschedBytes, grants, scoreboard, p, wave, waveFrom, waveTo);
        }

        public Config withWave(Path p, long from, long to) {
            return new Config(hosts, nic, offload, linkGbps, propagationNs, portBufferBytes, hostRoundCycles, rxLatencyCycles,
                    txWindowBytes, unschedBytes, grants, scoreboard, pcap, p, from, to);
        }

        public Config withLink(double gbps, long propNs) {
            return new Config(hosts, nic, offload, gbps, propNs, portBufferBytes, hostRoundCycles, rxLatencyCycles,
                    txWindowBytes, unschedBytes, grants, scoreboard, pcap, wave, waveFrom, waveTo);
        }

        public Config withNic(NicParams p) {
            return new Config(hosts, p, offload, linkGbps, propagationNs, portBufferBytes, hostRoundCycles, rxLatencyCycles,
                    txWindowBytes, unschedBytes, grants, scoreboard, pcap, wave, waveFrom, waveTo);
        }

        public Config withScoreboard(boolean on) {
            return new Config(hosts, nic, offload, linkGbps, propagationNs, portBufferBytes, hostRoundCycles, rxLatencyCycles,
                    txWindowBytes, unschedBytes, grants, on, pcap, wave, waveFrom, waveTo);
        }
    }

    /** The NIC of the simulated network: {@link NicParams#SIM}. */
    public static NicParams simNic() {
        return NicParams.SIM;
    }

    /** One host: its NIC, datapath, stack and uplink. */
    public final class Host implements SimNic.Listener {
        public final int index;
        public final SimNic nic;
        public final NicDatapath datapath;
        public final HomaStack stack;
        public final GrantScoreboard scoreboard;
        private final ArrayDeque<long[]> toSwitchTimes = new ArrayDeque<>();
        private final ArrayDeque<byte[]> toSwitch = new ArrayDeque<>();
        private final ArrayDeque<long[]> fromSwitchTimes = new ArrayDeque<>();
        private final ArrayDeque<byte[]> fromSwitch = new ArrayDeque<>();
        private double credit;
        private long nicGrants;
        private long notices;
        private long framesOut;

        Host(int index, boolean traced) {
            this.index = index;
            this.nic = new SimNic(config.nic(), traced, this);
            this.datapath = new NicDatapath(index, nic, config.offload(), () -> cycle, config.rxLatencyCycles(), config.txWindowBytes());
            this.scoreboard = config.scoreboard() ? new GrantScoreboard(config.grants(), config.nic().gaps()) : null;
            configure();
            HostConfig hc = HostConfig.defaults().withUnschedBytes(config.unschedBytes()).withGrants(config.grants())
                    .withPoolBytes(16L << 20);
            this.stack = HomaStack.open(datapath, hc, clock);
        }

        private void configure() {
            long mac = NicDatapath.mac(index);
            GrantConfig g = config.grants();
            nic.write(NicRegs.OWN_MAC_LO, mac & 0xFFFF_FFFFL);
            nic.write(NicRegs.OWN_MAC_HI, mac >>> 32);
            nic.write(NicRegs.OWN_IPV4, Integer.toUnsignedLong(NicDatapath.ipv4(index)));
            nic.write(NicRegs.GRANT_MAC_LO, NicDatapath.SWITCH_MAC & 0xFFFF_FFFFL);
            nic.write(NicRegs.GRANT_MAC_HI, NicDatapath.SWITCH_MAC >>> 32);
            nic.write(NicRegs.UNSCHED_BYTES, config.unschedBytes());
            nic.write(NicRegs.SCHED_MAX_OVERCOMMIT, g.maxOvercommit());
            nic.write(NicRegs.SCHED_MAX_INCOMING, g.maxIncoming());
            nic.write(NicRegs.SCHED_WINDOW, g.window());
            nic.write(NicRegs.SCHED_GRANT_FIFO_FRACTION, g.grantFifoFraction());
            nic.write(NicRegs.SCHED_FIFO_GRANT_INCREMENT, g.fifoGrantIncrement());
            nic.write(NicRegs.SCHED_LINK_MBPS, Math.round(config.linkGbps() * 1000));
            nic.write(NicRegs.SCHED_NUM_PRIORITIES, g.numPriorities());
            nic.write(NicRegs.SCHED_MAX_SCHED_PRIO, g.maxSchedPrio());
            nic.write(NicRegs.SCHED_ENABLE, config.offload() ? 1 : 0);
            // The baseline has no priorities: every level goes out as priority 0.
            if (!config.offload()) nic.write(NicRegs.PRIORITY_MAP, 0);
            for (int i = 0; i < 500 && nic.read(NicRegs.SCHED_CFG_READY) == 0; i++) {
                for (int k = 0; k < 10; k++) nic.cycle(false);
            }
        }

        void step() {
            while (!fromSwitchTimes.isEmpty() && fromSwitchTimes.peek()[0] <= cycle) {
                fromSwitchTimes.poll();
                nic.macRx(fromSwitch.poll(), false);
            }
            credit = Math.min(credit + bytesPerCycle, 2.0 * beatBytes);
            if (nic.cycle(credit >= beatBytes, cycle)) credit -= beatBytes;
            while (!toSwitchTimes.isEmpty() && toSwitchTimes.peek()[0] <= cycle) {
                toSwitchTimes.poll();
                byte[] f = toSwitch.poll();
                if (pcap != null) pcap.write(Math.round(cycle * config.nic().clockNs()), f);
                network.arrive(f, index);
            }
        }

        @Override
        public void macTx(SimNic.Frame frame) {
            credit -= SwitchModel.WIRE_OVERHEAD;
            framesOut++;
            if ((frame.user() & 8) != 0) {
                nicGrants++;
                if (scoreboard != null) scoreboard.nicFrame(frame.bytes());
            } else {
                datapath.transmitted(frame.bytes().length);
            }
            toSwitchTimes.add(new long[] {frame.cycle() + propagationCycles});
            toSwitch.add(frame.bytes());
        }

        @Override
        public void hostRx(int queue, SimNic.Frame frame) {
            datapath.received(frame);
            if (scoreboard != null) scoreboard.hostRx(frame.bytes(), frame.cycle());
        }

        @Override
        public void commandAccepted(int op, long peer, long id, long at, long eventsBefore) {
            if (scoreboard != null) scoreboard.command(op, peer, id, eventsBefore);
        }

        @Override
        public void notice(int kind, long peer, long id) {
            notices++;
            datapath.untracked(peer, id);
            if (scoreboard != null) scoreboard.notice(peer, id);
        }

        void deliver(byte[] frame, long at) {
            fromSwitchTimes.add(new long[] {at});
            fromSwitch.add(frame);
        }

        boolean quiet() {
            return toSwitch.isEmpty() && fromSwitch.isEmpty() && !nic.inputPending() && datapath.txIdle();
        }

        public long nicGrants() { return nicGrants; }
        public long notices() { return notices; }
        public long framesOut() { return framesOut; }
    }

    private final Config config;
    private final VirtualClock clock = new VirtualClock(0);
    private final SwitchModel network;
    private final List<Host> hosts = new ArrayList<>();
    private final PcapWriter pcap;
    private final double bytesPerCycle;
    private final int beatBytes;
    private final long propagationCycles;
    private long cycle;
    private boolean waveOpen;

    public SimNetwork(Config config) throws IOException {
        this.config = config;
        double clockNs = config.nic().clockNs();
        this.bytesPerCycle = config.linkGbps() * clockNs / 8;
        this.beatBytes = config.nic().dataWidth() / 8;
        this.propagationCycles = Math.round(config.propagationNs() / clockNs);
        this.network = new SwitchModel(config.hosts(), config.linkGbps(), clockNs, propagationCycles, config.portBufferBytes(),
                (port, frame, at, from) -> hosts.get(port).deliver(frame, at));
        this.pcap = config.pcap() != null ? new PcapWriter(config.pcap()) : null;
        for (int h = 0; h < config.hosts(); h++) hosts.add(new Host(h, h == 0 && config.wave() != null));
        this.cycle = 0;
    }

    public Config config() { return config; }
    public List<Host> hosts() { return hosts; }
    public Host host(int i) { return hosts.get(i); }
    public SwitchModel fabric() { return network; }
    public long cycle() { return cycle; }
    public long nanos() { return Math.round(cycle * (double) config.nic().clockNs()); }
    public VirtualClock clock() { return clock; }

    /** One NIC clock cycle of the whole network (and a host round every hostRoundCycles). */
    public void step() {
        if (config.wave() != null) wave();
        for (Host h : hosts) h.step();
        network.cycle(cycle);
        cycle++;
        if (cycle % config.hostRoundCycles() == 0) {
            clock.advance(Math.round(cycle * (double) config.nic().clockNs()) - clock.nanoTime());
            for (Host h : hosts) {
                h.stack.runOnce();
                if (h.scoreboard != null) h.scoreboard.advance(cycle, false);
            }
        }
    }

    private void wave() {
        var sim = hosts.get(0).nic.simulator();
        if (!waveOpen && cycle == config.waveFrom()) {
            sim.openWaveform(config.wave());
            waveOpen = true;
        } else if (waveOpen && cycle == config.waveTo()) {
            sim.closeWaveform();
            waveOpen = false;
        }
    }

    /** Runs until {@code done} holds (checked every host round) or {@code maxCycles} more cycles passed; returns whether done. */
    public boolean runUntil(BooleanSupplier done, long maxCycles) {
        long end = cycle + maxCycles;
        while (cycle < end) {
            step();
            if (cycle % config.hostRoundCycles() == 0 && done.getAsBoolean()) return true;
        }
        return false;
    }

    /** Nothing queued anywhere outside the NICs and the stacks. */
    public boolean quiet() {
        if (!network.idle(cycle)) return false;
        for (Host h : hosts) if (!h.quiet()) return false;
        return true;
    }

    /** Gives every scoreboard its remaining events. */
    public void flushScoreboards() {
        for (Host h : hosts) if (h.scoreboard != null) h.scoreboard.advance(cycle, true);
    }

    /** A NIC register of host {@code h} (runs that NIC a few cycles on its own: use between runs only). */
    public long register(int h, String name) {
        return hosts.get(h).nic.read(NicRegisters.named(name).offset());
    }

    @Override
    public void close() throws IOException {
        for (Host h : hosts) {
            h.stack.close();
            if (waveOpen && h.index == 0) h.nic.simulator().closeWaveform();
            h.nic.close();
        }
        if (pcap != null) pcap.close();
    }
}
