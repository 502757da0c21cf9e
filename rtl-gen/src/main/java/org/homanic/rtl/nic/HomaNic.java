package org.homanic.rtl.nic;

import org.homanic.hdl.AxiLite;
import org.homanic.hdl.Axis;
import org.homanic.hdl.Bits;
import org.homanic.hdl.Bool;
import org.homanic.hdl.Module;
import org.homanic.hdl.Stream;
import org.homanic.hdl.UInt;
import org.homanic.hdl.Vec;
import org.homanic.hdl.lib.Fifo;
import org.homanic.rtl.classifier.ClassifierRegisters;
import org.homanic.rtl.classifier.CsrBlock;
import org.homanic.rtl.classifier.EgressClassifier;
import org.homanic.rtl.classifier.IngressClassifier;
import org.homanic.rtl.classifier.IngressMeta;
import org.homanic.rtl.grant.DataEvent;
import org.homanic.rtl.grant.GrantUnit;
import org.homanic.rtl.grant.HostCommand;

import static org.homanic.hdl.Hdl.*;

/**
 * The Homa NIC: the ingress classifier steers MAC RX frames to the host queues and reports each
 * delivered DATA packet to the grant scheduler; the scheduler's GRANTs, built into frames, enter
 * the egress classifier above every priority level; host TX frames get their priority and leave
 * through the eight strict-priority queues. One AXI4-Lite block ({@link NicRegisters}) holds the
 * counters and configuration of all parts. Port table: {@code docs/nic.md}.
 */
public final class HomaNic extends Module {
    /** Width of the scheduler's peer number: the IPv4 address, or the XOR-fold of an IPv6 address. */
    public static final int PEER_BITS = 32;
    public static final int NOTICE_DEPTH = 16;

    public final Axis s_axis_mac_rx;
    public final Axis m_axis_mac_tx;
    public final Vec<Axis> m_axis_host_rx;
    public final Vec<Stream<IngressMeta>> m_meta_host_rx;
    public final Axis s_axis_host_tx;
    public final Stream<HostCommand> s_cmd;
    public final Stream<SchedNotice> m_notice;
    public final AxiLite s_axil;

    public HomaNic(NicParams p) {
        param("DATA_WIDTH", p.dataWidth());
        param("QUEUES", p.queues());
        param("SCHED_ENTRIES", p.schedEntries());
        param("CLOCK_NS", p.clockNs());
        int w = p.dataWidth();
        s_axis_mac_rx = input("s_axis_mac_rx", new Axis(w, 1));
        m_axis_mac_tx = output("m_axis_mac_tx", new Axis(w, 4));
        m_axis_host_rx = output("m_axis_host_rx", new Vec<>(p.queues() + 1, i -> new Axis(w, 1)));
        m_meta_host_rx = output("m_meta_host_rx", new Vec<>(p.queues() + 1, i -> new Stream<>(IngressMeta::new)));
        s_axis_host_tx = input("s_axis_host_tx", new Axis(w, 4));
        s_cmd = input("s_cmd", new Stream<>(() -> new HostCommand(PEER_BITS)));
        m_notice = output("m_notice", new Stream<>(SchedNotice::new));
        s_axil = input("s_axil", new AxiLite(ClassifierRegisters.ADDRESS_BITS));

        IngressClassifier ingress = instance("ingress", new IngressClassifier(p.ingress()));
        EgressClassifier egress = instance("egress", new EgressClassifier(p.egress()));
        GrantUnit grants = instance("grants", new GrantUnit(p.scheduler(), w));
        CsrBlock csr = instance("csr", new CsrBlock(NicRegisters.ALL, NicRegisters.CONFIG));

        connect(ingress.s_axis, s_axis_mac_rx);
        for (int q = 0; q <= p.queues(); q++) {
            connect(m_axis_host_rx.get(q), ingress.m_axis.get(q));
            connect(m_meta_host_rx.get(q), ingress.m_meta.get(q));
        }
        connect(egress.s_learn, ingress.m_learn);
        connect(egress.s_axis, s_axis_host_tx);
        connect(egress.s_nic, grants.m_axis);
        connect(m_axis_mac_tx, egress.m_axis);
        connect(csr.s_axil, s_axil);
        connect(grants.host, s_cmd);

        // Each delivered DATA packet becomes a scheduler event.
        Stream<IngressMeta> ev = ingress.m_event;
        IngressMeta m = ev.payload;
        DataEvent d = grants.data.payload;
        UInt enable = cfg(csr, "sched_enable");
        Bool scheduling = enable.bit(0);
        comb(grants.data.valid, ev.valid.and(scheduling));
        comb(ev.ready, grants.data.ready.or(scheduling.not()));
        UInt peer = m.peer;
        comb(d.peer, mux(m.ipv6, peer.bits(127, 96).xor(peer.bits(95, 64)).xor(peer.bits(63, 32)).xor(peer.bits(31, 0)),
                peer.bits(31, 0)));
        comb(d.id, m.localId);
        // The classifier drops DATA with message_length above 1,000,000 or offset at or past it: 20 bits hold both.
        comb(d.length, m.messageLength.bits(19, 0));
        comb(d.offset, m.offset.bits(19, 0));
        comb(d.payload, m.payloadLength);
        comb(d.incoming, m.incoming);
        comb(d.retransmit, m.retransmit);
        comb(d.buffers, TRUE);
        comb(d.reply.ip, peer);
        comb(d.reply.ipv6, m.ipv6);
        comb(d.reply.sport, m.sport);
        comb(d.reply.dport, m.dport);
        unused(m.homa, m.queue, m.length, m.vlan, m.hijacked, m.priority, m.type,
                m.messageLength.bits(31, 20), m.offset.bits(31, 20));

        // Table-full notices to the host; a full notice FIFO loses the notice and counts it.
        Stream<SchedNotice> notice = wire("notice", new Stream<>(SchedNotice::new));
        Stream<SchedNotice> noticeOut = Fifo.after(notice, NOTICE_DEPTH);
        connect(m_notice, noticeOut);
        comb(notice.valid, grants.overflow.and(notice.ready));
        comb(notice.payload.kind, lit(SchedNotice.TABLE_FULL, 2));
        comb(notice.payload.peer, grants.overflow_peer);
        comb(notice.payload.id, grants.overflow_id);

        UInt events = reg("count_events", UInt(32), 0);
        UInt commands = reg("count_commands", UInt(32), 0);
        UInt noticesDropped = reg("count_notices_dropped", UInt(32), 0);
        when(grants.data.fire(), () -> sync(events, events.add(1)));
        when(s_cmd.fire(), () -> sync(commands, commands.add(1)));
        when(grants.overflow.and(notice.ready.not()), () -> sync(noticesDropped, noticesDropped.add(1)));
        UInt now = reg("now", UInt(48), 0);
        sync(now, now.add(p.clockNs()));
        comb(grants.now, now);

        // Counters, in register map order.
        int n = 0;
        for (int i = 0; i < ingress.counters.size(); i++) comb(csr.counters.get(n++), ingress.counters.get(i));
        for (int i = 0; i < egress.counters.size(); i++) comb(csr.counters.get(n++), egress.counters.get(i));
        UInt[] sched = {events, commands, grants.count_grants, grants.count_fifo_grants, grants.count_table_full,
                grants.count_needy, grants.count_gap_refused, grants.table_used.extend(32),
                grants.active_high_water.extend(32), noticesDropped, cat(lit(0, 31), grants.cfg_ready)};
        if (sched.length != NicRegisters.SCHED_COUNTERS.size()) throw new IllegalStateException("scheduler counters out of step with NicRegisters");
        for (UInt c : sched) comb(csr.counters.get(n++), c);

        // Configuration.
        UInt map = cfg(csr, "priority_map");
        UInt level = cfg(csr, "default_level");
        UInt hostLimit = cfg(csr, "host_queue_limit");
        UInt levelLimit = cfg(csr, "level_queue_limit");
        UInt unsched = cfg(csr, "unsched_bytes");
        comb(egress.cfg_priority_map, map.bits(23, 0));
        comb(egress.cfg_default_level, level.bits(2, 0));
        comb(egress.cfg_unsched_bytes, unsched);
        Bits[] cut = new Bits[7];
        for (int i = 1; i < 8; i++) cut[7 - i] = cfg(csr, "default_cutoff_" + i);
        comb(egress.cfg_default_cutoffs, cat(cut));
        comb(ingress.cfg_queue_limit, hostLimit.bits(15, 0));
        comb(egress.cfg_level_limit, levelLimit.bits(15, 0));

        UInt overcommit = cfg(csr, "sched_max_overcommit");
        UInt fraction = cfg(csr, "sched_grant_fifo_fraction");
        UInt increment = cfg(csr, "sched_fifo_grant_increment");
        UInt mbps = cfg(csr, "sched_link_mbps");
        UInt prios = cfg(csr, "sched_num_priorities");
        UInt schedPrio = cfg(csr, "sched_max_sched_prio");
        UInt macLo = cfg(csr, "own_mac_lo"), macHi = cfg(csr, "own_mac_hi");
        UInt gmacLo = cfg(csr, "grant_mac_lo"), gmacHi = cfg(csr, "grant_mac_hi");
        comb(grants.cfg.max_overcommit, overcommit.bits(3, 0));
        comb(grants.cfg.max_incoming, cfg(csr, "sched_max_incoming"));
        comb(grants.cfg.window, cfg(csr, "sched_window"));
        comb(grants.cfg.unsched_bytes, unsched);
        comb(grants.cfg.grant_fifo_fraction, fraction.bits(9, 0));
        comb(grants.cfg.fifo_grant_increment, increment.bits(19, 0));
        comb(grants.cfg.link_mbps, mbps.bits(19, 0));
        comb(grants.cfg.num_priorities, prios.bits(3, 0));
        comb(grants.cfg.max_sched_prio, schedPrio.bits(2, 0));
        comb(grants.own_mac, cat(macHi.bits(15, 0), macLo));
        comb(grants.own_ipv4, cfg(csr, "own_ipv4"));
        comb(grants.own_ipv6, cat(cfg(csr, "own_ipv6_3"), cfg(csr, "own_ipv6_2"), cfg(csr, "own_ipv6_1"), cfg(csr, "own_ipv6_0")));
        comb(d.reply.mac, cat(gmacHi.bits(15, 0), gmacLo));
        unused(map.bits(31, 24), level.bits(31, 3), hostLimit.bits(31, 16), levelLimit.bits(31, 16),
                overcommit.bits(31, 4), fraction.bits(31, 10), increment.bits(31, 20), mbps.bits(31, 20),
                prios.bits(31, 4), schedPrio.bits(31, 3), macHi.bits(31, 16), gmacHi.bits(31, 16), enable.bits(31, 1));
    }

    private static UInt cfg(CsrBlock csr, String name) {
        return csr.config.get(NicRegisters.configIndex(name));
    }
}
