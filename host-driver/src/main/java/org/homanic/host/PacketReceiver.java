package org.homanic.host;

import org.homanic.host.api.HomaAddress;
import org.homanic.host.api.PeerUnreachableException;
import org.homanic.host.datapath.Datapath;
import org.homanic.host.datapath.PacketBatch;
import org.homanic.host.metrics.DropReason;
import org.homanic.host.metrics.Metrics;
import org.homanic.host.pool.BufferPool;
import org.homanic.host.pool.MessageBuffer;
import org.homanic.host.rx.IncomingMessage;
import org.homanic.host.tx.OutgoingMessage;
import org.homanic.host.tx.PacketWriter;
import org.homanic.host.tx.SrptQueue;
import org.homanic.protocol.prio.ReceiverCutoffs;
import org.homanic.protocol.rx.Reassembly;
import org.homanic.protocol.sched.DataArrival;
import org.homanic.protocol.sched.GrantScheduler;
import org.homanic.protocol.wire.AckView;
import org.homanic.protocol.wire.CutoffsView;
import org.homanic.protocol.wire.DataView;
import org.homanic.protocol.wire.FrameParser;
import org.homanic.protocol.wire.GrantView;
import org.homanic.protocol.wire.HomaConstants;
import org.homanic.protocol.wire.HomaView;
import org.homanic.protocol.wire.PacketType;
import org.homanic.protocol.wire.ResendView;
import org.homanic.protocol.wire.RpcIds;

import java.lang.foreign.MemorySegment;

/**
 * The receive path of a stack: validates each packet with the protocol's parser, finds its
 * RPC and acts on it as HomaModule's {@code homa_dispatch_pkts} does (DATA into reassembly and
 * the grant scheduler, GRANT, RESEND, RPC_UNKNOWN, BUSY, NEED_ACK, ACK, CUTOFFS), counting
 * every packet it drops by reason. Flyweight views, no allocation per packet beyond what the
 * grant scheduler model takes. Runs under the stack's lock.
 */
final class PacketReceiver {
    private final StackState s;
    private final Datapath datapath;
    private final Metrics metrics;
    private final PacketWriter writer;
    private final BufferPool pool;
    private final GrantScheduler scheduler;
    private final ReceiverCutoffs receiverCutoffs;
    private final SrptQueue<Rpc> sendQueue;
    private final LongMap<Rpc> clientRpcs;
    private final HomaSocket[] sockets;
    private final java.util.ArrayList<Rpc> live;
    private final java.util.PriorityQueue<Rpc> waitingForBuffers;
    private final FrameParser parser = new FrameParser();
    private final HomaView common = new HomaView();
    private final DataView data = new DataView();
    private final GrantView grantView = new GrantView();
    private final ResendView resendView = new ResendView();
    private final AckView ackView = new AckView();
    private final CutoffsView cutoffsView = new CutoffsView();
    private final long[] cutoffsScratch = new long[HomaConstants.MAX_PRIORITIES];
    private final long[] unreachablePeers = new long[16];
    private final int[] unreachablePorts = new int[16];

    PacketReceiver(StackState s) {
        this.s = s;
        this.datapath = s.datapath;
        this.metrics = s.metrics;
        this.writer = s.writer;
        this.pool = s.pool;
        this.scheduler = s.scheduler;
        this.receiverCutoffs = s.receiverCutoffs;
        this.sendQueue = s.sendQueue;
        this.clientRpcs = s.clientRpcs;
        this.sockets = s.sockets;
        this.live = s.live;
        this.waitingForBuffers = s.waitingForBuffers;
    }

    void handlePacket(MemorySegment packet, int length, long from, int flags) {
        if (!parser.parseHoma(packet, 0, length)) {
            metrics.rejected(parser.rejection());
            return;
        }
        PacketType type = parser.type();
        metrics.received(type);
        common.wrap(packet, 0);
        int dport = common.dport();
        int sport = common.sport();
        long localId = RpcIds.localId(common.senderId());
        if (type == PacketType.CUTOFFS) {
            cutoffsView.wrap(packet, 0);
            for (int i = 0; i < cutoffsScratch.length; i++) cutoffsScratch[i] = cutoffsView.cutoff(i);
            s.peer(from).priorities.onCutoffs(cutoffsScratch, cutoffsView.cutoffVersion());
            return;
        }
        HomaSocket socket = sockets[dport];
        if (socket == null && type == PacketType.NEED_ACK) {
            // The client socket closed since: nothing there wants the response any more. Ack it,
            // or the server asks again every tick until it gives up (seconds later).
            Peer peer = s.peer(from);
            writer.ack(peer.address, dport, sport, localId, peer.ackIds, peer.ackPorts, peer.ackCount, s.controlLevel());
            peer.ackCount = 0;
            return;
        }
        if (socket == null) {
            metrics.dropped(DropReason.UNKNOWN_PORT);
            if (type == PacketType.DATA && RpcIds.isRequest(localId)) datapath.reportPortUnreachable(from, dport);
            return;
        }
        Peer peer = s.peer(from);
        switch (type) {
            case DATA -> onData(packet, socket, peer, sport, localId, (flags & PacketBatch.NIC_UNTRACKED) != 0);
            case GRANT -> onGrant(packet, socket, peer, localId);
            case RESEND -> onResend(packet, socket, peer, sport, localId);
            case RPC_UNKNOWN -> onRpcUnknown(socket, peer, localId);
            case BUSY -> {
                Rpc rpc = find(socket, peer, localId);
                if (rpc == null) metrics.dropped(DropReason.UNKNOWN_RPC); else rpc.silentTicks = 0;
            }
            case NEED_ACK -> onNeedAck(socket, peer, sport, localId);
            case ACK -> onAck(packet, socket, peer, localId);
            case FREEZE, CUTOFFS -> { } // FREEZE only stops kernel time traces
        }
    }

    private Rpc find(HomaSocket socket, Peer peer, long localId) {
        Rpc r = RpcIds.isClientId(localId) ? clientRpcs.get(localId) : peer.serverRpcs.get(localId);
        return r != null && r.peer == peer && r.socket == socket ? r : null;
    }

    private void onData(MemorySegment packet, HomaSocket socket, Peer peer, int sport, long localId, boolean untracked) {
        data.wrap(packet, 0);
        long length = data.messageLength();
        long offset = data.offset();
        long count = parser.payloadLength();
        long incoming = data.incoming();
        int cutoffVersion = data.cutoffVersion();
        if (data.ackClientId() != 0) acked(peer, data.ackClientId(), data.ackServerPort());
        Rpc rpc;
        if (RpcIds.isRequest(localId)) {
            rpc = peer.serverRpcs.get(localId);
            if (rpc == null) {
                if (peer.isFinished(localId)) {
                    metrics.dropped(DropReason.FINISHED_RPC);
                    return;
                }
                if (!socket.server) {
                    metrics.dropped(DropReason.NOT_A_SERVER);
                    datapath.reportPortUnreachable(peer.address, socket.port);
                    return;
                }
                rpc = new Rpc(localId, socket, peer, sport, 0, false, Rpc.State.SERVER_INCOMING);
                peer.serverRpcs.put(localId, rpc);
                s.addLive(rpc);
                startIncoming(rpc, (int) length, incoming, untracked);
            } else if (rpc.socket != socket) {
                metrics.dropped(DropReason.UNKNOWN_RPC);
                return;
            }
        } else {
            rpc = clientRpcs.get(localId);
            if (rpc == null || rpc.peer != peer || rpc.socket != socket) {
                metrics.dropped(DropReason.UNKNOWN_RPC);
                return;
            }
            if (rpc.state == Rpc.State.CLIENT_OUTGOING) {
                // The first response packet proves the server has the whole request.
                rpc.state = Rpc.State.CLIENT_INCOMING;
                sendQueue.remove(rpc.out);
            }
            if (rpc.in == null) startIncoming(rpc, (int) length, incoming, untracked);
        }
        IncomingMessage in = rpc.in;
        if (in.length() != length) {
            metrics.dropped(DropReason.LENGTH_MISMATCH);
            return;
        }
        rpc.silentTicks = 0;
        if (receiverCutoffs.shouldSendCutoffs(cutoffVersion, peer.lastCutoffsTick, s.tick)) {
            writer.cutoffs(peer.address, socket.port, sport, receiverCutoffs.cutoffs(), receiverCutoffs.version(), s.controlLevel());
            peer.lastCutoffsTick = s.tick;
        }
        boolean receiving = rpc.state == Rpc.State.CLIENT_INCOMING || rpc.state == Rpc.State.SERVER_INCOMING;
        if (rpc.waitingForBuffers) {
            metrics.dropped(DropReason.NO_BUFFER_SPACE);
        } else {
            Reassembly.Outcome outcome = in.accept(packet, DataView.HEADER_LENGTH, offset, count);
            if (outcome.kept()) metrics.add(Metrics.Counter.DATA_BYTES_RECEIVED, count);
            else metrics.reassemblyDrop(outcome);
        }
        if (!receiving) return;
        if (rpc.softwareGrants) {
            s.apply(scheduler.onData(s.now(), new DataArrival(rpc.key, length, incoming, offset, count, !rpc.waitingForBuffers)));
        }
        if (!rpc.waitingForBuffers && in.complete()) completeIncoming(rpc);
    }

    private void startIncoming(Rpc rpc, int length, long incoming, boolean untracked) {
        // With the NIC scheduling grants the host cannot know the grant; it treats all as granted,
        // unless the NIC says it could not track the message: then the host schedules it itself.
        rpc.softwareGrants = !s.nicSchedulesGrants || untracked;
        rpc.in = new IncomingMessage(length, rpc.softwareGrants ? incoming : length, s.order++);
        MessageBuffer pages = pool.allocate(length);
        if (pages == null) {
            rpc.waitingForBuffers = true;
            waitingForBuffers.add(rpc);
            metrics.increment(Metrics.Counter.BUFFER_WAITS);
        } else {
            rpc.in.attach(pages);
        }
    }

    private void completeIncoming(Rpc rpc) {
        if (!rpc.softwareGrants) s.tellNicEnded(rpc);
        HomaAddress from = new HomaAddress(rpc.peer.address, rpc.peerPort);
        if (rpc.isClient()) {
            HomaMessage m = new HomaMessage(s.stack, rpc.id, rpc.cookie, from, rpc.in.detach());
            s.endRpc(rpc);
            s.storeAck(rpc);
            metrics.increment(Metrics.Counter.CLIENT_RPCS_COMPLETED);
            s.deliver(rpc.socket, rpc.id, rpc.isPrivate, m);
        } else {
            rpc.state = Rpc.State.SERVER_IN_SERVICE;
            HomaMessage m = new HomaMessage(s.stack, rpc.id, 0, from, rpc.in.detach());
            metrics.increment(Metrics.Counter.REQUESTS_DELIVERED);
            s.deliver(rpc.socket, rpc.id, false, m);
        }
    }

    private void onGrant(MemorySegment packet, HomaSocket socket, Peer peer, long localId) {
        Rpc rpc = find(socket, peer, localId);
        if (rpc == null) {
            metrics.dropped(DropReason.UNKNOWN_RPC);
            return;
        }
        if (rpc.state != Rpc.State.CLIENT_OUTGOING && rpc.state != Rpc.State.SERVER_OUTGOING) {
            metrics.dropped(DropReason.WRONG_STATE);
            return;
        }
        grantView.wrap(packet, 0);
        rpc.silentTicks = 0;
        rpc.out.onGrant(grantView.offset(), grantView.priority());
        if (rpc.out.hasSendable()) sendQueue.offer(rpc.out, rpc);
    }

    private void onResend(MemorySegment packet, HomaSocket socket, Peer peer, int sport, long localId) {
        Rpc rpc = find(socket, peer, localId);
        if (rpc == null) {
            writer.bare(PacketType.RPC_UNKNOWN, peer.address, socket.port, sport, localId, s.controlLevel());
            return;
        }
        resendView.wrap(packet, 0);
        rpc.silentTicks = 0;
        boolean sending = rpc.state == Rpc.State.CLIENT_OUTGOING || rpc.state == Rpc.State.SERVER_OUTGOING;
        if (!sending) {
            if (rpc.isClient()) metrics.dropped(DropReason.WRONG_STATE);
            else writer.bare(PacketType.BUSY, peer.address, socket.port, sport, rpc.id, s.controlLevel());
            return;
        }
        OutgoingMessage out = rpc.out;
        long start = resendView.offset();
        long length = resendView.length();
        long end = length == HomaConstants.RESEND_ALL ? out.nextOffset() : Math.min(start + length, out.length());
        if (length != HomaConstants.RESEND_ALL && out.raiseGranted(end) && out.hasSendable()) {
            sendQueue.offer(out, rpc); // the receiver asks beyond our grant: a GRANT was lost
        }
        long sentEnd = Math.min(end, out.nextOffset());
        if (start >= sentEnd) {
            writer.bare(PacketType.BUSY, peer.address, socket.port, sport, rpc.id, s.controlLevel());
            return;
        }
        s.retransmit(rpc, start, sentEnd, resendView.priority());
    }

    private void onRpcUnknown(HomaSocket socket, Peer peer, long localId) {
        Rpc rpc = find(socket, peer, localId);
        if (rpc == null) {
            metrics.dropped(DropReason.UNKNOWN_RPC);
            return;
        }
        if (!rpc.isClient()) {
            s.endRpc(rpc);
        } else if (rpc.state == Rpc.State.CLIENT_OUTGOING) {
            // Everything sent so far was lost: send it again at the unscheduled level.
            rpc.silentTicks = 0;
            s.retransmit(rpc, 0, rpc.out.nextOffset(), rpc.peer.priorities.unscheduledLevel(rpc.out.length()));
        } else {
            metrics.dropped(DropReason.WRONG_STATE);
        }
    }

    private void onNeedAck(HomaSocket socket, Peer peer, int sport, long localId) {
        if (find(socket, peer, localId) != null) return; // response not complete yet: our RESENDs will get it
        writer.ack(peer.address, socket.port, sport, localId, peer.ackIds, peer.ackPorts, peer.ackCount, s.controlLevel());
        peer.ackCount = 0;
    }

    private void onAck(MemorySegment packet, HomaSocket socket, Peer peer, long localId) {
        ackView.wrap(packet, 0);
        acked(peer, RpcIds.localId(localId), socket.port);
        int n = Math.min(ackView.numAcks(), HomaConstants.MAX_ACKS_PER_PKT);
        for (int i = 0; i < n; i++) acked(peer, ackView.ackClientId(i), ackView.ackServerPort(i));
    }

    /** The client has the response of (clientId, serverPort): the server forgets the RPC. */
    private void acked(Peer peer, long clientId, int serverPort) {
        if (!RpcIds.isClientId(clientId)) return;
        long serverId = RpcIds.serverId(clientId);
        Rpc rpc = peer.serverRpcs.get(serverId);
        if (rpc != null && rpc.socket.port == serverPort) {
            metrics.increment(Metrics.Counter.SERVER_RPCS_ACKED);
            s.endRpc(rpc);
        } else if (rpc == null) {
            peer.rememberFinished(serverId);
        }
    }

    boolean handleUnreachable() {
        int n = datapath.pollUnreachable(unreachablePeers, unreachablePorts);
        for (int k = 0; k < n; k++) {
            long host = unreachablePeers[k];
            int port = unreachablePorts[k];
            for (int i = live.size() - 1; i >= 0; i--) {
                if (i >= live.size()) continue;
                Rpc r = live.get(i);
                if (r.isClient() && r.peer.address == host && (port == 0 || r.peerPort == port)) {
                    metrics.increment(Metrics.Counter.PEER_UNREACHABLE);
                    s.failClient(r, new PeerUnreachableException(r.id, r.cookie, datapath.describe(host) + ":" + r.peerPort));
                }
            }
        }
        return n > 0;
    }
}
