package org.homanic.rtl.grant;

import org.homanic.hdl.Axis;
import org.homanic.hdl.Bool;
import org.homanic.hdl.Module;
import org.homanic.hdl.Stream;
import org.homanic.hdl.UInt;
import org.homanic.hdl.lib.Fifo;

import static org.homanic.hdl.Hdl.*;

/**
 * The grant path of the NIC: the scheduler, a FIFO of decisions, and the GRANT builder whose
 * frames go to the highest-priority egress queue ({@code m_axis}).
 */
public final class GrantUnit extends Module {
    public final Stream<DataEvent> data;
    public final Stream<HostCommand> host;
    public final SchedulerConfig cfg = input(new SchedulerConfig());
    public final UInt now = input(UInt(GrantSchedulerParams.TIME_BITS));
    public final UInt own_mac = input(UInt(48));
    public final UInt own_ipv4 = input(UInt(32));
    public final UInt own_ipv6 = input(UInt(128));
    public final Axis m_axis;
    public final Bool cfg_ready = output(Bool());
    public final UInt count_grants = output(UInt(32));
    public final UInt count_fifo_grants = output(UInt(32));
    public final UInt count_table_full = output(UInt(32));
    public final UInt count_needy = output(UInt(32));
    public final UInt active_high_water = output(UInt(4));
    public final UInt count_gap_refused = output(UInt(32));
    public final UInt table_used;
    /** One-cycle pulse: a new grantable message found its table set full (the host schedules it). */
    public final Bool overflow = output(Bool());
    public final UInt overflow_peer;
    public final UInt overflow_id = output(UInt(64));

    public GrantUnit(GrantSchedulerParams p, int dataWidth) {
        int pb = p.peerBits();
        data = input(new Stream<>(() -> new DataEvent(pb)));
        host = input(new Stream<>(() -> new HostCommand(pb)));
        m_axis = output(new Axis(dataWidth, 1));
        table_used = output(UInt(p.addrBits() + 1));
        overflow_peer = output(UInt(pb));
        GrantScheduler scheduler = instance("scheduler", new GrantScheduler(p));
        GrantBuilder builder = instance("builder", new GrantBuilder(pb, p.addrBits(), dataWidth));
        connect(scheduler.data, data);
        connect(scheduler.host, host);
        connect(scheduler.cfg, cfg);
        comb(scheduler.now, now);
        connect(builder.in, Fifo.after(scheduler.grant, 16));
        comb(builder.own_mac, own_mac);
        comb(builder.own_ipv4, own_ipv4);
        comb(builder.own_ipv6, own_ipv6);
        comb(builder.num_priorities, cfg.num_priorities);
        connect(m_axis, builder.m_axis);
        comb(cfg_ready, scheduler.cfg_ready);
        comb(count_grants, scheduler.count_grants);
        comb(count_fifo_grants, scheduler.count_fifo_grants);
        comb(count_table_full, scheduler.count_table_full);
        comb(count_needy, scheduler.count_needy);
        comb(active_high_water, scheduler.active_high_water);
        comb(count_gap_refused, scheduler.count_gap_refused);
        comb(table_used, scheduler.table_used);
        comb(overflow, scheduler.overflow);
        comb(overflow_peer, scheduler.overflow_peer);
        comb(overflow_id, scheduler.overflow_id);
        unused(scheduler.idle, scheduler.active_count);
    }
}
