package org.homanic.rtl.grant.sim;

import org.homanic.hdl.Verilog;
import org.homanic.protocol.sched.GrantConfig;
import org.homanic.protocol.sched.RpcKey;
import org.homanic.rtl.grant.GrantScheduler;
import org.homanic.rtl.grant.GrantSchedulerParams;
import org.homanic.rtl.grant.HostCommand;
import org.homanic.testbench.BuildOptions;
import org.homanic.testbench.Model;
import org.homanic.testbench.Port;
import org.homanic.testbench.Simulator;
import org.homanic.testbench.VerilogDesign;

import java.util.LinkedHashMap;

/**
 * The Verilated grant scheduler behind plain Java calls: configuration, one event offered at
 * a time on the DATA or host stream, GRANTs read off the output stream. The caller runs the
 * cycle loop: set inputs, {@link #eval()}, look at handshakes, {@link #tick()}.
 */
public final class GrantSchedulerSim implements AutoCloseable {

    /** A GRANT as the hardware emitted it. */
    public record HwGrant(long peer, long id, long offset, int priority, int reason, int entry) {}

    /** The reply address the hardware attached to the last GRANT read: mac, ip (low 64 bits), ipv6, sport, dport. */
    public record HwReply(long mac, long ipLow, boolean ipv6, int sport, int dport) {}

    /**
     * An event the front end took (the {@code taken} pulse): a host command (op 1 buffers, 2 end,
     * 3 none) or DATA (op 0) covering [offset, end) of the message, accepted at {@code time}.
     */
    public record Taken(int op, long peer, long id, long offset, long end, long time) {
        public RpcKey key() {
            return new RpcKey(peer, id);
        }
    }

    private final Simulator sim;
    private final Port taken, tOp, tPeer, tId, tOff, tEnd, tTime;
    private final Port now;
    private final Port dataValid, dataReady, dPeer, dId, dLen, dOff, dPay, dInc, dRetx, dBuf;
    private final Port hostValid, hostReady, hOp, hPeer, hId;
    private final Port grantValid, grantReady, gPeer, gId, gOff, gPrio, gReason, gEntry;
    private final Port idle;
    private final Port rMac, rIp, rV6, rSport, rDport, gMac, gIp, gV6, gSport, gDport;

    public GrantSchedulerSim(Simulator sim) {
        this.sim = sim;
        now = sim.port("now");
        dataValid = sim.port("data_valid");
        dataReady = sim.port("data_ready");
        dPeer = sim.port("data_payload_peer");
        dId = sim.port("data_payload_id");
        dLen = sim.port("data_payload_length");
        dOff = sim.port("data_payload_offset");
        dPay = sim.port("data_payload_payload");
        dInc = sim.port("data_payload_incoming");
        dRetx = sim.port("data_payload_retransmit");
        dBuf = sim.port("data_payload_buffers");
        hostValid = sim.port("host_valid");
        hostReady = sim.port("host_ready");
        hOp = sim.port("host_payload_op");
        hPeer = sim.port("host_payload_peer");
        hId = sim.port("host_payload_id");
        grantValid = sim.port("grant_valid");
        grantReady = sim.port("grant_ready");
        gPeer = sim.port("grant_payload_peer");
        gId = sim.port("grant_payload_id");
        gOff = sim.port("grant_payload_offset");
        gPrio = sim.port("grant_payload_priority");
        gReason = sim.port("grant_payload_reason");
        gEntry = sim.port("grant_payload_entry");
        idle = sim.port("idle");
        taken = sim.port("taken");
        tOp = sim.port("taken_op");
        tPeer = sim.port("taken_peer");
        tId = sim.port("taken_id");
        tOff = sim.port("taken_offset");
        tEnd = sim.port("taken_end");
        tTime = sim.port("taken_time");
        rMac = sim.port("data_payload_reply_mac");
        rIp = sim.port("data_payload_reply_ip");
        rV6 = sim.port("data_payload_reply_ipv6");
        rSport = sim.port("data_payload_reply_sport");
        rDport = sim.port("data_payload_reply_dport");
        gMac = sim.port("grant_payload_reply_mac");
        gIp = sim.port("grant_payload_reply_ip");
        gV6 = sim.port("grant_payload_reply_ipv6");
        gSport = sim.port("grant_payload_reply_sport");
        gDport = sim.port("grant_payload_reply_dport");
    }

    /** The design as Verilog for the testbench. */
    public static VerilogDesign design(GrantSchedulerParams params) {
        Verilog.Design d = Verilog.emit(new GrantScheduler(params));
        return new VerilogDesign(d.top(), new LinkedHashMap<>(d.verilogFiles()));
    }

    /** Builds (or finds in the cache) the model without trace code. */
    public static Model model(GrantSchedulerParams params) {
        return Model.load(design(params), BuildOptions.FASTEST);
    }

    public Simulator simulator() {
        return sim;
    }

    /** Resets, writes the configuration registers and waits until the derived values are ready. */
    public void start(GrantConfig c) {
        dataValid.set(false);
        hostValid.set(false);
        grantReady.set(true);
        now.set(0);
        sim.port("cfg_max_overcommit").set(c.maxOvercommit());
        sim.port("cfg_max_incoming").set(c.maxIncoming());
        sim.port("cfg_window").set(c.window());
        sim.port("cfg_unsched_bytes").set(40_000);
        sim.port("cfg_grant_fifo_fraction").set(c.grantFifoFraction());
        sim.port("cfg_fifo_grant_increment").set(c.fifoGrantIncrement());
        sim.port("cfg_link_mbps").set(c.linkMbps());
        sim.port("cfg_num_priorities").set(c.numPriorities());
        sim.port("cfg_max_sched_prio").set(c.maxSchedPrio());
        sim.reset(4);
        for (int i = 0; i < 2000 && !sim.port("cfg_ready").isHigh(); i++) sim.tick();
        if (!sim.port("cfg_ready").isHigh()) throw new IllegalStateException("cfg_ready never rose");
    }

    public void setTime(long ns) {
        now.set(ns);
    }

    public void offerData(long peer, long id, long length, long offset, long payload, long incoming,
                          boolean retransmit, boolean buffers) {
        hostValid.set(false);
        dataValid.set(true);
        dPeer.set(peer);
        dId.set(id);
        dLen.set(length);
        dOff.set(offset);
        dPay.set(payload);
        dInc.set(incoming);
        dRetx.set(retransmit);
        dBuf.set(buffers);
    }

    /** Sets the reply address fields of the DATA event being offered (the IP's low 64 bits). */
    public void offerReply(HwReply r) {
        rMac.set(r.mac());
        rIp.setWords(new long[] {r.ipLow(), 0});
        rV6.set(r.ipv6());
        rSport.set(r.sport());
        rDport.set(r.dport());
    }

    /** The reply address of the GRANT on the output now. */
    public HwReply grantReply() {
        long[] words = new long[2];
        gIp.getWords(words);
        return new HwReply(gMac.get(), words[0], gV6.isHigh(), (int) gSport.get(), (int) gDport.get());
    }

    public void offerHost(int op, RpcKey key) {
        dataValid.set(false);
        hostValid.set(true);
        hOp.set(op);
        hPeer.set(key.peer());
        hId.set(key.id());
    }

    public void offerBuffers(RpcKey key) {
        offerHost(HostCommand.BUFFERS, key);
    }

    public void offerEnd(RpcKey key) {
        offerHost(HostCommand.END, key);
    }

    public void withdraw() {
        dataValid.set(false);
        hostValid.set(false);
    }

    public void eval() {
        sim.eval();
    }

    /** After {@link #eval()}: the offered event moves at the next edge. */
    public boolean accepting() {
        return (dataValid.isHigh() && dataReady.isHigh()) || (hostValid.isHigh() && hostReady.isHigh());
    }

    public void setGrantReady(boolean ready) {
        grantReady.set(ready);
    }

    /** After {@link #eval()}: a GRANT moves at the next edge. */
    public boolean grantFires() {
        return grantValid.isHigh() && grantReady.isHigh();
    }

    public HwGrant grant() {
        return new HwGrant(gPeer.get(), gId.get(), gOff.get(), (int) gPrio.get(), (int) gReason.get(), (int) gEntry.get());
    }

    /** After {@link #eval()}: the overflow pulse is high (a new message found its table set full). */
    public boolean overflowPulse() {
        return sim.port("overflow").isHigh();
    }

    /** The key the last overflow pulse reported. */
    public RpcKey overflowKey() {
        return new RpcKey(sim.port("overflow_peer").get(), sim.port("overflow_id").get());
    }

    /** After {@link #eval()}: the event the front end takes in this cycle, or null. */
    public Taken taken() {
        if (!taken.isHigh()) return null;
        return new Taken((int) tOp.get(), tPeer.get(), tId.get(), tOff.get(), tEnd.get(), tTime.get());
    }

    public boolean idle() {
        return idle.isHigh();
    }

    public long counter(String name) {
        return sim.port(name).get();
    }

    public void tick() {
        sim.tick();
    }

    @Override
    public void close() {
        sim.close();
    }
}
