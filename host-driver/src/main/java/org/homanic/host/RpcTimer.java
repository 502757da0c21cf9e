package org.homanic.host;

import org.homanic.host.api.RpcTimeoutException;
import org.homanic.host.metrics.Metrics;
import org.homanic.host.tx.PacketWriter;
import org.homanic.protocol.rx.Reassembly;
import org.homanic.protocol.wire.HomaConstants;
import org.homanic.protocol.wire.PacketType;

import java.util.ArrayList;

/**
 * The stack's timer (spec 5, HomaModule {@code homa_timer.c}): once per tick every live RPC
 * is checked for silence; it asks for retransmission, times out, or (a server whose response
 * is out) asks for the client's ack. Runs under the stack's lock.
 */
final class RpcTimer {
    private final StackState s;
    private final HostConfig config;
    private final Metrics metrics;
    private final PacketWriter writer;
    private final ArrayList<Rpc> live;

    RpcTimer(StackState s) {
        this.s = s;
        this.config = s.config;
        this.metrics = s.metrics;
        this.writer = s.writer;
        this.live = s.live;
    }

    void onTick() {
        s.tick++;
        metrics.increment(Metrics.Counter.TIMER_TICKS);
        for (int i = live.size() - 1; i >= 0; i--) {
            if (i < live.size()) checkTimer(live.get(i));
        }
    }

    /** HomaModule's {@code homa_timer_check_rpc}: resend after silence, time out after more. */
    private void checkTimer(Rpc r) {
        var t = config.timers();
        if (r.state == Rpc.State.SERVER_OUTGOING && r.out.fullySent()) {
            if (r.doneTick < 0) {
                r.doneTick = s.tick;
            } else if (s.tick - r.doneTick >= t.requestAckTicks()) {
                writer.bare(PacketType.NEED_ACK, r.peer.address, r.socket.port, r.peerPort, r.id, s.controlLevel());
                // A client that never answers is gone: stop asking after as long as a client would wait.
                if (++r.needAcksSent > t.timeoutTicks()) {
                    metrics.increment(Metrics.Counter.SERVER_RPCS_REAPED);
                    s.endRpc(r);
                    return;
                }
            }
        }
        boolean receiving = r.state == Rpc.State.CLIENT_INCOMING || r.state == Rpc.State.SERVER_INCOMING;
        if (receiving) {
            if (r.waitingForBuffers || r.in.received() >= r.in.granted()) {
                r.silentTicks = 0;
                return;
            }
        } else if (!r.isClient()) {
            r.silentTicks = 0; // a server holding the whole request has nothing to ask for
            return;
        }
        if (r.state == Rpc.State.CLIENT_OUTGOING && r.out.hasSendable()) {
            r.silentTicks = 0; // granted bytes unsent: the ball is in our court
            return;
        }
        r.silentTicks++;
        if (r.silentTicks < t.resendTicks()) return;
        if (r.silentTicks >= t.timeoutTicks()) {
            if (r.isClient()) {
                metrics.increment(Metrics.Counter.CLIENT_TIMEOUTS);
                s.failClient(r, new RpcTimeoutException(r.id, r.cookie, r.silentTicks));
            } else {
                metrics.increment(Metrics.Counter.SERVER_TIMEOUTS);
                s.endRpc(r);
            }
            return;
        }
        if ((r.silentTicks - t.resendTicks()) % t.resendInterval() == 0) requestRetransmission(r);
    }

    /** RESEND for every gap and for [recvEnd, granted); RESEND(0, all) when nothing arrived. */
    private void requestRetransmission(Rpc r) {
        int level = s.controlLevel();
        if (r.in == null) {
            writer.resend(r.peer.address, r.socket.port, r.peerPort, r.id, 0, HomaConstants.RESEND_ALL, level, level);
            return;
        }
        Reassembly re = r.in.reassembly();
        for (Reassembly.Gap g : re.gaps()) {
            writer.resend(r.peer.address, r.socket.port, r.peerPort, r.id, g.start(), g.end() - g.start(), level, level);
        }
        if (re.recvEnd() < r.in.granted()) {
            writer.resend(r.peer.address, r.socket.port, r.peerPort, r.id, re.recvEnd(), r.in.granted() - re.recvEnd(), level, level);
        }
    }
}
