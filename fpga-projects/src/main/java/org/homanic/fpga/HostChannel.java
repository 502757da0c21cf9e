package org.homanic.fpga;

import org.homanic.hdl.AxiLite;
import org.homanic.hdl.Bool;
import org.homanic.hdl.Module;
import org.homanic.hdl.Stream;
import org.homanic.hdl.UInt;
import org.homanic.hdl.lib.Fifo;
import org.homanic.rtl.grant.HostCommand;
import org.homanic.rtl.nic.HomaNic;
import org.homanic.rtl.nic.SchedNotice;

import java.util.List;

import static org.homanic.hdl.Hdl.*;

/**
 * The grant scheduler's host channel as registers, for shells whose only path from the host to
 * the NIC is the AXI4-Lite window: the host writes a command's peer and id, then its op, which
 * queues the command ({@value #COMMAND_DEPTH} deep plus the one at its output; a full queue drops it and counts it); the
 * head notice is readable and a write to {@code notice_pop} removes it. Full 32-bit writes
 * only (strobes are not looked at). One write and one read at a time, OKAY responses, read data
 * registered, unmapped addresses read 0.
 */
public final class HostChannel extends Module {
    public static final int COMMAND_DEPTH = 16;
    /** Where the channel sits in the shell adapter's window: above the NIC's 4 KiB register map. */
    public static final int BASE = 0x1000;
    public static final int ADDRESS_BITS = 12;

    /** One register of the channel: offset inside the channel, whether the host writes it. */
    public record Register(String name, int offset, boolean writable, String description) {}

    public static final List<Register> REGISTERS = List.of(
            new Register("cmd_peer", 0x00, true, "command: the scheduler's peer number (docs/nic.md)"),
            new Register("cmd_id_lo", 0x04, true, "command: RPC id bits 31..0"),
            new Register("cmd_id_hi", 0x08, true, "command: RPC id bits 63..32"),
            new Register("cmd_op", 0x0C, true, "write op (bits 1..0: 1 buffers available, 2 message ended) to queue the command; reads 0"),
            new Register("notice_status", 0x10, false, "bit 0: a notice waits; bits 2..1: its kind (1 = not scheduled by the NIC, table full)"),
            new Register("notice_peer", 0x14, false, "head notice: peer number"),
            new Register("notice_id_lo", 0x18, false, "head notice: RPC id bits 31..0"),
            new Register("notice_id_hi", 0x1C, false, "head notice: RPC id bits 63..32"),
            new Register("notice_pop", 0x20, true, "write (any value) to remove the head notice; reads 0"),
            new Register("cmd_dropped", 0x24, false, "commands lost because the command queue was full"));

    public final AxiLite s_axil = input("s_axil", new AxiLite(ADDRESS_BITS));
    public final Stream<HostCommand> m_cmd = output("m_cmd", new Stream<>(() -> new HostCommand(HomaNic.PEER_BITS)));
    public final Stream<SchedNotice> s_notice = input("s_notice", new Stream<>(SchedNotice::new));

    private static int offset(String name) {
        return REGISTERS.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow().offset();
    }

    public HostChannel() {
        UInt peer = reg("cmd_peer", UInt(32), 0);
        UInt idLo = reg("cmd_id_lo", UInt(32), 0);
        UInt idHi = reg("cmd_id_hi", UInt(32), 0);
        UInt dropped = reg("cmd_dropped", UInt(32), 0);

        // Write channel.
        Bool bvalid = reg("bvalid", Bool(), 0);
        Bool doWrite = let("do_write", s_axil.awvalid.and(s_axil.wvalid).and(bvalid.not()));
        comb(s_axil.awready, doWrite);
        comb(s_axil.wready, doWrite);
        comb(s_axil.bvalid, bvalid);
        comb(s_axil.bresp, lit(0, 2));
        when(doWrite, () -> sync(bvalid, TRUE)).elseWhen(s_axil.bready, () -> sync(bvalid, FALSE));
        when(doWrite.and(s_axil.awaddr.eq(offset("cmd_peer"))), () -> sync(peer, s_axil.wdata));
        when(doWrite.and(s_axil.awaddr.eq(offset("cmd_id_lo"))), () -> sync(idLo, s_axil.wdata));
        when(doWrite.and(s_axil.awaddr.eq(offset("cmd_id_hi"))), () -> sync(idHi, s_axil.wdata));
        unused(s_axil.wstrb);

        Fifo<HostCommand> commands = instance("commands", new Fifo<>(() -> new HostCommand(HomaNic.PEER_BITS), COMMAND_DEPTH));
        Bool push = let("push", doWrite.and(s_axil.awaddr.eq(offset("cmd_op"))));
        comb(commands.in.valid, push);
        comb(commands.in.payload.op, s_axil.wdata.bits(1, 0));
        comb(commands.in.payload.peer, peer);
        comb(commands.in.payload.id, cat(idHi, idLo));
        when(push.and(commands.in.ready.not()), () -> sync(dropped, dropped.add(1)));
        connect(m_cmd, commands.out);
        unused(commands.level);

        comb(s_notice.ready, doWrite.and(s_axil.awaddr.eq(offset("notice_pop"))));

        // Read channel.
        Bool rvalid = reg("rvalid", Bool(), 0);
        UInt rdata = reg("rdata", UInt(32), 0);
        Bool doRead = let("do_read", s_axil.arvalid.and(rvalid.not()));
        comb(s_axil.arready, doRead);
        comb(s_axil.rvalid, rvalid);
        comb(s_axil.rdata, rdata);
        comb(s_axil.rresp, lit(0, 2));
        when(doRead, () -> sync(rvalid, TRUE)).elseWhen(s_axil.rready, () -> sync(rvalid, FALSE));
        SchedNotice n = s_notice.payload;
        UInt value = wire("read_value", UInt(32));
        comb(value, 0);
        UInt a = s_axil.araddr;
        when(a.eq(offset("cmd_peer")), () -> comb(value, peer));
        when(a.eq(offset("cmd_id_lo")), () -> comb(value, idLo));
        when(a.eq(offset("cmd_id_hi")), () -> comb(value, idHi));
        when(a.eq(offset("notice_status")), () -> comb(value, cat(n.kind, s_notice.valid)));
        when(a.eq(offset("notice_peer")), () -> comb(value, n.peer));
        when(a.eq(offset("notice_id_lo")), () -> comb(value, n.id.bits(31, 0)));
        when(a.eq(offset("notice_id_hi")), () -> comb(value, n.id.bits(63, 32)));
        when(a.eq(offset("cmd_dropped")), () -> comb(value, dropped));
        when(doRead, () -> sync(rdata, value));
    }
}
