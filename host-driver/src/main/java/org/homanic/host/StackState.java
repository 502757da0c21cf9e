package org.homanic.host;

import org.homanic.host.api.HomaRpcException;
import org.homanic.host.datapath.Capability;
import org.homanic.host.datapath.Datapath;
import org.homanic.host.datapath.PacketBatch;
import org.homanic.host.metrics.Metrics;
import org.homanic.host.pool.BufferPool;
import org.homanic.host.pool.MessageBuffer;
import org.homanic.host.timer.Clock;
import org.homanic.host.tx.OutgoingMessage;
import org.homanic.host.tx.PacketWriter;
import org.homanic.host.tx.PayloadPool;
import org.homanic.host.tx.SrptQueue;
import org.homanic.protocol.prio.ReceiverCutoffs;
import org.homanic.protocol.sched.Decision;
import org.homanic.protocol.sched.GrantScheduler;
import org.homanic.protocol.wire.DataView;
import org.homanic.protocol.wire.HomaConstants;
import org.homanic.protocol.wire.RpcIds;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The state of one {@link HomaStack} that its API calls, its receive path
 * ({@link PacketReceiver}) and its timer ({@link RpcTimer}) share, with what they all do to
 * it: send DATA in SRPT order, end RPCs, hand results to sockets, apply the grant scheduler's
 * decisions, place messages that wait for buffers. Everything here is guarded by {@link #lock}.
 */
final class StackState {
    final HomaStack stack;
    final Datapath datapath;
    final HostConfig config;
    final Clock clock;
    final long startNanos;
    final Arena arena = Arena.ofShared();
    final BufferPool pool;
    final Metrics metrics = new Metrics();
    final ReentrantLock lock = new ReentrantLock();
    final PacketWriter writer;
    /** Where send and reply copy outgoing messages (not under {@link #lock}: it has its own). */
    final PayloadPool payloads;
    /** Null when the NIC schedules grants. */
    final GrantScheduler scheduler;
    /** The datapath's NIC schedules grants; the host schedules only messages it flags untracked. */
    final boolean nicSchedulesGrants;
    final ReceiverCutoffs receiverCutoffs = new ReceiverCutoffs();
    final SrptQueue<Rpc> sendQueue;
    final LongMap<Rpc> clientRpcs = new LongMap<>();
    final LongMap<Peer> peers = new LongMap<>();
    final HomaSocket[] sockets = new HomaSocket[0x10000];
    final ArrayList<Rpc> live = new ArrayList<>();
    /** Messages without buffers, smallest first (SRPT), then oldest. */
    final PriorityQueue<Rpc> waitingForBuffers = new PriorityQueue<>(
            Comparator.<Rpc>comparingInt(r -> r.in.length()).thenComparingLong(r -> r.in.arrivalOrder()));
    /** Future completions, run once the lock is released. */
    final ArrayList<Runnable> deferred = new ArrayList<>();
    /** Timer ticks so far. */
    long tick;
    /** Sequence numbers for messages: ties in SRPT orders go to the older. */
    long order;
    /** Bytes of outgoing messages held (wmem). */
    long outgoingBytes;
    /** The socket whose receiver, waiting for any message, runs the packet path now (under the lock); else null. */
    HomaSocket pollingFor;

    StackState(HomaStack stack, Datapath datapath, HostConfig config, Clock clock) {
        this.stack = stack;
        this.datapath = datapath;
        this.config = config;
        this.clock = clock;
        this.startNanos = clock.nanoTime();
        this.pool = new BufferPool(arena, config.poolBytes());
        this.payloads = new PayloadPool(arena, HomaConstants.MAX_MESSAGE_LENGTH);
        int mtu = datapath.mtu();
        if (mtu <= DataView.HEADER_LENGTH + HomaConstants.MAX_HEADER) throw new IllegalArgumentException("MTU " + mtu + " leaves no room for data");
        this.writer = new PacketWriter(datapath, () -> new PacketBatch(arena, config.batchSize(), mtu), metrics);
        // The software scheduler also serves messages a NIC scheduler could not hold (table full).
        this.nicSchedulesGrants = datapath.capabilities().contains(Capability.NIC_SCHEDULES_GRANTS);
        this.scheduler = new GrantScheduler(config.grants());
        this.sendQueue = new SrptQueue<>(config.pacerFifoFraction());
    }

    // ---------------------------------------------------------------- grants and buffers

    void apply(List<Decision> decisions) {
        for (Decision d : decisions) {
            Peer peer = peers.get(d.rpc().peer());
            Rpc rpc = peer == null ? null : (RpcIds.isClientId(d.rpc().id()) ? clientRpcs.get(d.rpc().id()) : peer.serverRpcs.get(d.rpc().id()));
            if (rpc == null || rpc.in == null) continue;
            switch (d) {
                case Decision.Grant g -> {
                    rpc.in.raiseGranted(g.offset());
                    writer.grant(peer.address, rpc.socket.port, rpc.peerPort, rpc.id, g.offset(), g.priority(), controlLevel());
                }
                case Decision.Resend r -> writer.resend(peer.address, rpc.socket.port, rpc.peerPort, rpc.id,
                        r.offset(), r.length(), r.priority(), r.priority());
            }
        }
    }

    /** Places waiting messages, smallest first, while the pool has room; each restarts its sender. */
    void grantBuffersToWaiting() {
        while (!waitingForBuffers.isEmpty()) {
            Rpc r = waitingForBuffers.peek();
            MessageBuffer pages = pool.allocate(r.in.length());
            if (pages == null) return;
            waitingForBuffers.poll();
            r.waitingForBuffers = false;
            r.in.attach(pages);
            r.silentTicks = 0;
            metrics.increment(Metrics.Counter.BUFFER_RESTARTS);
            if (r.softwareGrants) {
                apply(scheduler.onBufferAvailable(now(), r.key));
            } else {
                int level = numPriorities() - 2;
                writer.resend(r.peer.address, r.socket.port, r.peerPort, r.id, 0, HomaConstants.RESEND_ALL, level, level);
            }
        }
    }

    // ---------------------------------------------------------------- send path

    /** Sends up to the per-round budget of DATA packets, in SRPT order. Returns how many. */
    int pumpTx() {
        int budget = Math.min(config.txPacketsPerRound(), datapath.txRoom());
        int maxPayload = writer.maxPayload();
        int sent = 0;
        while (sent < budget) {
            int i = sendQueue.pick();
            if (i < 0) break;
            OutgoingMessage m = sendQueue.message(i);
            Rpc r = sendQueue.owner(i);
            if (!m.hasSendable()) {
                sendQueue.remove(m);
                continue;
            }
            long offset = m.nextOffset();
            int count = (int) Math.min(maxPayload, m.length() - offset);
            int level = r.peer.priorities.dataLevel(offset, m.length(), config.unschedBytes(), m.schedPriority());
            long ack = r.peer.popAck();
            writer.data(r.peer.address, r.socket.port, r.peerPort, r.id, m, offset, count, m.unscheduled(), ack,
                    r.peer.lastAckPort, r.peer.priorities.cutoffVersion(), false, level);
            m.advance(count);
            sent++;
            if (!m.hasSendable()) sendQueue.remove(m);
        }
        return sent;
    }

    /** Sends again the packets covering message bytes [start, end), flagged as retransmissions. */
    void retransmit(Rpc rpc, long start, long end, int priority) {
        int maxPayload = writer.maxPayload();
        OutgoingMessage m = rpc.out;
        for (long o = start - start % maxPayload; o < end; o += maxPayload) {
            int count = (int) Math.min(maxPayload, m.length() - o);
            long ack = rpc.peer.popAck();
            writer.data(rpc.peer.address, rpc.socket.port, rpc.peerPort, rpc.id, m, o, count, end, ack,
                    rpc.peer.lastAckPort, rpc.peer.priorities.cutoffVersion(), true, priority);
            metrics.increment(Metrics.Counter.PACKETS_RETRANSMITTED);
        }
    }

    /** A finished client RPC's ack waits for a DATA packet to the server; five waiting go in an ACK. */
    void storeAck(Rpc rpc) {
        Peer peer = rpc.peer;
        if (peer.ackCount == HomaConstants.MAX_ACKS_PER_PKT) {
            writer.ack(peer.address, rpc.socket.port, rpc.peerPort, rpc.id, peer.ackIds, peer.ackPorts, peer.ackCount, controlLevel());
            peer.ackCount = 0;
            return;
        }
        peer.ackIds[peer.ackCount] = rpc.id;
        peer.ackPorts[peer.ackCount] = rpc.peerPort;
        peer.ackCount++;
    }

    // ---------------------------------------------------------------- RPC lifetime

    void failClient(Rpc rpc, HomaRpcException failure) {
        endRpc(rpc);
        deliver(rpc.socket, rpc.id, rpc.isPrivate, failure);
    }

    /** Forgets an RPC everywhere and frees what it holds; idempotent. */
    void endRpc(Rpc rpc) {
        if (rpc.state == Rpc.State.DEAD) return;
        rpc.state = Rpc.State.DEAD;
        if (rpc.isClient()) {
            clientRpcs.remove(rpc.id);
        } else {
            rpc.peer.serverRpcs.remove(rpc.id);
            rpc.peer.rememberFinished(rpc.id);
        }
        removeLive(rpc);
        if (rpc.out != null) {
            sendQueue.remove(rpc.out);
            outgoingBytes -= rpc.out.length();
            // Its packets were copied into packet slots as they went: nothing refers to the bytes now.
            if (rpc.out.buffer() != null) payloads.release(rpc.out.buffer());
        }
        if (rpc.in != null) {
            if (rpc.waitingForBuffers) {
                waitingForBuffers.remove(rpc);
                rpc.waitingForBuffers = false;
            }
            MessageBuffer pages = rpc.in.detach();
            if (pages != null) {
                pool.release(pages);
                grantBuffersToWaiting();
            }
            if (rpc.softwareGrants) apply(scheduler.onRpcEnd(now(), rpc.key));
            else tellNicEnded(rpc);
        }
    }

    /** The NIC scheduled {@code rpc}'s incoming message: it may forget it (once). */
    void tellNicEnded(Rpc rpc) {
        if (!rpc.nicToldEnded) {
            rpc.nicToldEnded = true;
            datapath.messageEnded(rpc.peer.address, rpc.id);
        }
    }

    void deliver(HomaSocket socket, long id, boolean isPrivate, Object result) {
        if (socket.closed) {
            if (result instanceof HomaMessage m) pool.release(bufferOf(m));
            return;
        }
        if (isPrivate) {
            CompletableFuture<HomaMessage> f = socket.privateFutures.remove(id);
            if (f != null) {
                socket.privateResults.remove(id);
                defer(() -> {
                    if (!complete(f, result) && result instanceof HomaMessage m) m.release();
                });
            } else if (socket.privateResults.containsKey(id)) {
                socket.privateResults.put(id, result);
            } else if (result instanceof HomaMessage m) {
                pool.release(bufferOf(m)); // private RPC aborted meanwhile
            }
        } else {
            CompletableFuture<HomaMessage> f = socket.waiters.poll();
            if (f != null) {
                defer(() -> {
                    if (!complete(f, result)) requeue(socket, id, result);
                });
            } else {
                socket.ready.add(result);
                // The thread polling right now waits on this socket for any message: it takes
                // this one after its round (and wakes the socket's other waiters if more are left).
                if (socket == pollingFor) return;
            }
        }
        wakeReceivers(socket, isPrivate);
    }

    /**
     * Under the lock: a message is ready on {@code socket}. Wakes the threads waiting on its
     * condition, and one thread waiting on it in a wait of its own (every one with {@code all},
     * for a private message or a closed socket) that no delivery has woken yet; the wake-up
     * itself waits until the lock is free.
     */
    void wakeReceivers(HomaSocket socket, boolean all) {
        socket.arrived.signalAll();
        for (ThreadWait w : socket.waitingThreads) {
            if (w.woken || w.owner == Thread.currentThread()) continue;
            w.woken = true;
            defer(w::wakeUp);
            if (!all) return;
        }
    }

    /** A future was cancelled before its message came: give the message to the next taker. */
    void requeue(HomaSocket socket, long id, Object result) {
        lock.lock();
        try {
            deliver(socket, id, false, result);
        } finally {
            unlockAndRunDeferred();
        }
    }

    static boolean complete(CompletableFuture<HomaMessage> f, Object result) {
        return result instanceof HomaMessage m ? f.complete(m) : f.completeExceptionally((Throwable) result);
    }

    static HomaMessage unwrap(Object o) {
        if (o instanceof HomaRpcException e) throw e;
        return (HomaMessage) o;
    }


    /**
     * Whether a message is partly moved: an incoming one not yet complete, or an outgoing one
     * not yet fully sent. Then packets are due even when no receiver waits for a message.
     */
    boolean messagesInFlight() {
        for (int i = 0, n = live.size(); i < n; i++) {
            Rpc r = live.get(i);
            switch (r.state) {
                case CLIENT_INCOMING, SERVER_INCOMING -> { return true; }
                case CLIENT_OUTGOING, SERVER_OUTGOING -> { if (!r.out.fullySent()) return true; }
                default -> { }
            }
        }
        return false;
    }

    void addLive(Rpc r) {
        r.liveIndex = live.size();
        live.add(r);
    }

    void removeLive(Rpc r) {
        int i = r.liveIndex;
        if (i < 0) return;
        Rpc last = live.removeLast();
        if (last != r) {
            live.set(i, last);
            last.liveIndex = i;
        }
        r.liveIndex = -1;
    }

    Peer peer(long address) {
        Peer p = peers.get(address);
        if (p == null) peers.put(address, p = new Peer(address, numPriorities()));
        return p;
    }

    int numPriorities() { return config.numPriorities(); }
    int controlLevel() { return numPriorities() - 1; }

    /** Nanoseconds since the stack opened: never negative, as the grant scheduler requires. */
    long now() { return clock.nanoTime() - startNanos; }

    void defer(Runnable r) { deferred.add(r); }

    /**
     * Unlocks; then, once the lock is free, sends the packets written under it and completes
     * futures, so that neither a long send nor a user callback runs under it.
     */
    void unlockAndRunDeferred() {
        boolean last = lock.getHoldCount() == 1;
        List<Runnable> todo = null;
        if (last && !deferred.isEmpty()) {
            todo = new ArrayList<>(deferred);
            deferred.clear();
        }
        lock.unlock();
        if (!last) return;
        // The packets written under the lock go out now that it is free.
        writer.sendQueued();
        if (todo != null) for (Runnable r : todo) r.run();
    }

    static MessageBuffer bufferOf(HomaMessage m) {
        return m.buffer();
    }
}
