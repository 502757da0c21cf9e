package org.homanic.host;

import org.homanic.host.api.HomaAddress;
import org.homanic.host.api.HomaRpcException;
import org.homanic.host.api.InvalidRpcArgumentException;
import org.homanic.host.api.NoBufferSpaceException;
import org.homanic.host.api.PeerUnreachableException;
import org.homanic.host.api.RpcAbortedException;
import org.homanic.host.api.RpcTimeoutException;
import org.homanic.host.datapath.Capability;
import org.homanic.host.datapath.Datapath;
import org.homanic.host.datapath.PacketBatch;
import org.homanic.host.metrics.DropReason;
import org.homanic.host.metrics.Metrics;
import org.homanic.host.metrics.MetricsSnapshot;
import org.homanic.host.pool.BufferPool;
import org.homanic.host.pool.MessageBuffer;
import org.homanic.host.rx.IncomingMessage;
import org.homanic.host.timer.Clock;
import org.homanic.host.tx.OutgoingMessage;
import org.homanic.host.tx.PacketWriter;
import org.homanic.host.tx.SrptQueue;
import org.homanic.protocol.prio.ReceiverCutoffs;
import org.homanic.protocol.rx.Reassembly;
import org.homanic.protocol.sched.DataArrival;
import org.homanic.protocol.sched.Decision;
import org.homanic.protocol.sched.GrantScheduler;
import org.homanic.protocol.sched.RpcKey;
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

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Homa on one host: what HomaModule does in the kernel, over a {@link Datapath}. Owns the
 * receive buffer pool, the RPCs, the sender's SRPT queue, the software grant scheduler (when
 * the NIC has none) and the timer. All state is guarded by one lock; the packet path runs in
 * {@link #runOnce()}, called by the driver thread of {@link #start()} or by a test that drives
 * the stack itself (with a virtual clock, deterministically).
 */
public final class HomaStack implements AutoCloseable {
    private static final long DRIVER_IDLE_PARK_NANOS = 20_000;

    private final Datapath datapath;
    private final HostConfig config;
    private final Clock clock;
    private final long startNanos;
    private final Arena arena = Arena.ofShared();
    private final BufferPool pool;
    private final Metrics metrics = new Metrics();
    final ReentrantLock lock = new ReentrantLock();
    private final PacketBatch rxBatch;
    private final PacketWriter writer;
    private final FrameParser parser = new FrameParser();
    private final HomaView common = new HomaView();
    private final DataView data = new DataView();
    private final GrantView grantView = new GrantView();
    private final ResendView resendView = new ResendView();
    private final AckView ackView = new AckView();
    private final CutoffsView cutoffsView = new CutoffsView();
    private final long[] cutoffsScratch = new long[HomaConstants.MAX_PRIORITIES];
    /** Null when the NIC schedules grants. */
    private final GrantScheduler scheduler;
    private final ReceiverCutoffs receiverCutoffs = new ReceiverCutoffs();
    private final SrptQueue<Rpc> sendQueue;
    private final LongMap<Rpc> clientRpcs = new LongMap<>();
    private final LongMap<Peer> peers = new LongMap<>();
    private final HomaSocket[] sockets = new HomaSocket[0x10000];
    private final ArrayList<Rpc> live = new ArrayList<>();
    /** Messages without buffers, smallest first (SRPT), then oldest. */
    private final PriorityQueue<Rpc> waitingForBuffers = new PriorityQueue<>(
            Comparator.<Rpc>comparingInt(r -> r.in.length()).thenComparingLong(r -> r.in.arrivalOrder()));
    private final ArrayList<Runnable> deferred = new ArrayList<>();
    private final long[] unreachablePeers = new long[16];
    private final int[] unreachablePorts = new int[16];
    private long nextClientId = RpcIds.FIRST_CLIENT_ID;
    private int nextEphemeralPort = HomaConstants.MIN_DEFAULT_PORT;
    private long tick;
    private long nextTickAt;
    private long order;
    private long outgoingBytes;
    private boolean closed;
    private volatile Thread driver;

    private HomaStack(Datapath datapath, HostConfig config, Clock clock) {
        this.datapath = datapath;
        this.config = config;
        this.clock = clock;
        this.startNanos = clock.nanoTime();
        this.pool = new BufferPool(arena, config.poolBytes());
        int mtu = datapath.mtu();
        if (mtu <= DataView.HEADER_LENGTH + HomaConstants.MAX_HEADER) throw new IllegalArgumentException("MTU " + mtu + " leaves no room for data");
        this.rxBatch = new PacketBatch(arena, config.batchSize(), mtu);
        this.writer = new PacketWriter(datapath, new PacketBatch(arena, config.batchSize(), mtu), metrics);
        this.scheduler = datapath.capabilities().contains(Capability.NIC_SCHEDULES_GRANTS) ? null : new GrantScheduler(config.grants());
        this.sendQueue = new SrptQueue<>(config.pacerFifoFraction());
        this.nextTickAt = config.timers().tickNanos();
    }

    /** A stack on {@code datapath}; drive it with {@link #start()} or {@link #runOnce()}. */
    public static HomaStack open(Datapath datapath, HostConfig config, Clock clock) {
        return new HomaStack(datapath, config, clock);
    }

    public static HomaStack open(Datapath datapath) {
        return open(datapath, HostConfig.defaults(), Clock.system());
    }

    public HostConfig config() { return config; }
    public long localAddress() { return datapath.localAddress(); }
    public Datapath datapath() { return datapath; }

    /** Largest payload of one DATA packet on this datapath. */
    public int maxPayloadPerPacket() { return writer.maxPayload(); }

    // ---------------------------------------------------------------- sockets

    /** A client socket on the next free ephemeral port (32768..65535). */
    public HomaSocket openSocket() {
        lock.lock();
        try {
            checkOpen();
            for (int i = 0; i < 0x8000; i++) {
                int port = nextEphemeralPort;
                nextEphemeralPort = port == 0xFFFF ? HomaConstants.MIN_DEFAULT_PORT : port + 1;
                if (sockets[port] == null) return sockets[port] = new HomaSocket(this, port, false);
            }
            throw new IllegalStateException("every client port is in use");
        } finally {
            lock.unlock();
        }
    }

    /** A server socket on {@code port} (1..32767); it also works as a client. */
    public HomaSocket bind(int port) {
        if (!RpcIds.isBindable(port)) throw new InvalidRpcArgumentException("server ports are 1..32767, not " + port, 0);
        lock.lock();
        try {
            checkOpen();
            if (sockets[port] != null) throw new IllegalStateException("port " + port + " is already bound");
            return sockets[port] = new HomaSocket(this, port, true);
        } finally {
            lock.unlock();
        }
    }

    void closeSocket(HomaSocket socket) {
        lock.lock();
        try {
            if (socket.closed) return;
            socket.closed = true;
            sockets[socket.port] = null;
            for (int i = live.size() - 1; i >= 0; i--) {
                if (i >= live.size()) continue;
                Rpc r = live.get(i);
                if (r.socket == socket) endRpc(r);
            }
            for (Object o : socket.ready) if (o instanceof HomaMessage m && !m.isReleased()) pool.release(bufferOf(m));
            socket.ready.clear();
            for (Object o : socket.privateResults.values()) if (o instanceof HomaMessage m && !m.isReleased()) pool.release(bufferOf(m));
            socket.privateResults.clear();
            IllegalStateException shut = new IllegalStateException("socket " + socket.port + " closed");
            for (CompletableFuture<HomaMessage> f : socket.waiters) defer(() -> f.completeExceptionally(shut));
            for (CompletableFuture<HomaMessage> f : socket.privateFutures.values()) defer(() -> f.completeExceptionally(shut));
            socket.waiters.clear();
            socket.privateFutures.clear();
            socket.arrived.signalAll();
            grantBuffersToWaiting();
            writer.flush();
        } finally {
            unlockAndRunDeferred();
        }
    }

    // ---------------------------------------------------------------- application calls

    long send(HomaSocket socket, HomaAddress dest, MemorySegment payload, long cookie, boolean isPrivate) {
        checkLength(payload.byteSize(), 0);
        lock.lock();
        try {
            checkUsable(socket);
            if (outgoingBytes + payload.byteSize() > config.maxOutgoingBytes()) {
                throw new NoBufferSpaceException("outgoing messages hold " + outgoingBytes + " bytes already", 0);
            }
            long id = nextClientId;
            nextClientId += RpcIds.CLIENT_ID_STEP;
            Peer peer = peer(dest.host());
            Rpc rpc = new Rpc(id, socket, peer, dest.port(), cookie, isPrivate, Rpc.State.CLIENT_OUTGOING);
            rpc.out = new OutgoingMessage(copyOf(payload), config.unschedBytes(), now(), order++);
            outgoingBytes += payload.byteSize();
            clientRpcs.put(id, rpc);
            addLive(rpc);
            if (isPrivate) socket.privateResults.put(id, null);
            metrics.increment(Metrics.Counter.CLIENT_RPCS_STARTED);
            sendQueue.offer(rpc.out, rpc);
            pumpTx();
            writer.flush();
            return id;
        } finally {
            unlockAndRunDeferred();
        }
    }

    CompletableFuture<HomaMessage> call(HomaSocket socket, HomaAddress dest, MemorySegment payload) {
        lock.lock();
        try {
            long id = send(socket, dest, payload, 0, true);
            CompletableFuture<HomaMessage> f = new CompletableFuture<>();
            Object done = socket.privateResults.get(id);
            if (done != null) {
                socket.privateResults.remove(id);
                complete(f, done);
            } else {
                socket.privateFutures.put(id, f);
            }
            return f;
        } finally {
            unlockAndRunDeferred();
        }
    }

    void reply(HomaSocket socket, HomaMessage request, MemorySegment payload) {
        if (!request.isRequest()) throw new InvalidRpcArgumentException("message " + request.id() + " is a response, not a request", request.id());
        checkLength(payload.byteSize(), request.id());
        lock.lock();
        try {
            checkUsable(socket);
            if (request.replied) throw new IllegalStateException("request " + request.id() + " was already answered");
            Peer peer = peers.get(request.peer().host());
            Rpc rpc = peer == null ? null : peer.serverRpcs.get(request.id());
            if (rpc == null || rpc.socket != socket) {
                throw new InvalidRpcArgumentException("no request " + request.id() + " from " + request.peer() + " on this socket", request.id());
            }
            if (rpc.state != Rpc.State.SERVER_IN_SERVICE) throw new IllegalStateException("request " + request.id() + " was already answered");
            if (outgoingBytes + payload.byteSize() > config.maxOutgoingBytes()) {
                throw new NoBufferSpaceException("outgoing messages hold " + outgoingBytes + " bytes already", request.id());
            }
            request.replied = true;
            rpc.state = Rpc.State.SERVER_OUTGOING;
            rpc.silentTicks = 0;
            rpc.out = new OutgoingMessage(copyOf(payload), config.unschedBytes(), now(), order++);
            outgoingBytes += payload.byteSize();
            metrics.increment(Metrics.Counter.RESPONSES_SENT);
            sendQueue.offer(rpc.out, rpc);
            pumpTx();
            writer.flush();
        } finally {
            unlockAndRunDeferred();
        }
    }

    /** Blocks up to {@code timeoutNanos} (0 = not at all) for a message; id 0 = any non-private one. */
    HomaMessage receive(HomaSocket socket, long id, long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            checkUsable(socket);
            if (id != 0 && !socket.privateResults.containsKey(id)) {
                throw new InvalidRpcArgumentException("no private RPC " + id + " on this socket", id);
            }
            long deadline = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
            while (true) {
                Object o = id == 0 ? socket.ready.poll() : socket.privateResults.get(id);
                if (o != null) {
                    if (id != 0) socket.privateResults.remove(id);
                    return unwrap(o);
                }
                long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
                if (left <= 0) return null;
                socket.arrived.awaitNanos(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
                checkUsable(socket);
            }
        } finally {
            unlockAndRunDeferred();
        }
    }

    CompletableFuture<HomaMessage> receiveAsync(HomaSocket socket) {
        lock.lock();
        try {
            checkUsable(socket);
            CompletableFuture<HomaMessage> f = new CompletableFuture<>();
            Object o = socket.ready.poll();
            if (o != null) complete(f, o); else socket.waiters.add(f);
            return f;
        } finally {
            unlockAndRunDeferred();
        }
    }

    void abort(HomaSocket socket, long id, Throwable cause) {
        lock.lock();
        try {
            checkUsable(socket);
            Rpc rpc = RpcIds.isClientId(id) ? clientRpcs.get(id) : null;
            if (rpc == null || rpc.socket != socket) throw new InvalidRpcArgumentException("no client RPC " + id + " on this socket", id);
            metrics.increment(Metrics.Counter.RPCS_ABORTED);
            if (cause == null && !rpc.isPrivate) {
                endRpc(rpc);
            } else {
                failClient(rpc, new RpcAbortedException(id, rpc.cookie, cause));
            }
            writer.flush();
        } finally {
            unlockAndRunDeferred();
        }
    }

    void abortAll(HomaSocket socket, Throwable cause) {
        lock.lock();
        try {
            checkUsable(socket);
            for (int i = live.size() - 1; i >= 0; i--) {
                if (i >= live.size()) continue;
                Rpc r = live.get(i);
                if (r.socket == socket && r.isClient()) {
                    metrics.increment(Metrics.Counter.RPCS_ABORTED);
                    failClient(r, new RpcAbortedException(r.id, r.cookie, cause));
                }
            }
            writer.flush();
        } finally {
            unlockAndRunDeferred();
        }
    }

    void release(MessageBuffer buffer) {
        lock.lock();
        try {
            pool.release(buffer);
            if (!closed) {
                grantBuffersToWaiting();
                pumpTx();
                writer.flush();
            }
        } finally {
            unlockAndRunDeferred();
        }
    }

    public MetricsSnapshot metrics() {
        lock.lock();
        try {
            return metrics.snapshot(new Metrics.PoolUse(pool.pages(), pool.freePages(), waitingForBuffers.size()));
        } finally {
            lock.unlock();
        }
    }

    /** RPCs this stack still holds state for (client and server). */
    public int liveRpcs() {
        lock.lock();
        try {
            return live.size();
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- driver

    /** Starts a daemon thread that runs {@link #runOnce()} until {@link #close()}. */
    public HomaStack start() {
        lock.lock();
        try {
            checkOpen();
            if (driver != null) throw new IllegalStateException("driver already running");
            driver = Thread.ofPlatform().daemon().name("homa-driver-" + datapath.describe(localAddress())).start(() -> {
                while (!isClosedNow()) {
                    if (!runOnce()) LockSupport.parkNanos(DRIVER_IDLE_PARK_NANOS);
                }
            });
            return this;
        } finally {
            lock.unlock();
        }
    }

    /**
     * One round of the packet path: receive a batch, run due timer ticks, send what SRPT picks.
     * Returns whether it did anything.
     */
    public boolean runOnce() {
        lock.lock();
        try {
            if (closed) return false;
            boolean worked = false;
            rxBatch.clear();
            int n = datapath.poll(rxBatch);
            for (int i = 0; i < n; i++) handlePacket(rxBatch.segment(i), rxBatch.length(i), rxBatch.peer(i));
            rxBatch.clear();
            worked |= n > 0;
            worked |= handleUnreachable();
            long now = now();
            if (now >= nextTickAt) {
                // One tick per round, like HomaModule's timer thread: ticks missed while this
                // host was held up are skipped, not replayed, so a stalled host does not count
                // its own stall as its peers' silence.
                onTick();
                nextTickAt += config.timers().tickNanos();
                if (now >= nextTickAt) nextTickAt = now + config.timers().tickNanos();
                worked = true;
            }
            worked |= pumpTx() > 0;
            writer.flush();
            return worked;
        } finally {
            unlockAndRunDeferred();
        }
    }

    private boolean isClosedNow() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        List<HomaSocket> open = new ArrayList<>();
        lock.lock();
        try {
            if (closed) return;
            for (HomaSocket s : sockets) if (s != null) open.add(s);
        } finally {
            lock.unlock();
        }
        for (HomaSocket s : open) s.close();
        Thread d;
        lock.lock();
        try {
            closed = true;
            d = driver;
        } finally {
            lock.unlock();
        }
        if (d != null && d != Thread.currentThread()) {
            try {
                d.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        datapath.close();
        arena.close();
    }

    // ---------------------------------------------------------------- receive path

    private void handlePacket(MemorySegment packet, int length, long from) {
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
            peer(from).priorities.onCutoffs(cutoffsScratch, cutoffsView.cutoffVersion());
            return;
        }
        HomaSocket socket = sockets[dport];
        if (socket == null) {
            metrics.dropped(DropReason.UNKNOWN_PORT);
            if (type == PacketType.DATA && RpcIds.isRequest(localId)) datapath.reportPortUnreachable(from, dport);
            return;
        }
        Peer peer = peer(from);
        switch (type) {
            case DATA -> onData(packet, socket, peer, sport, localId);
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

    private void onData(MemorySegment packet, HomaSocket socket, Peer peer, int sport, long localId) {
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
                addLive(rpc);
                startIncoming(rpc, (int) length, incoming);
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
            if (rpc.in == null) startIncoming(rpc, (int) length, incoming);
        }
        IncomingMessage in = rpc.in;
        if (in.length() != length) {
            metrics.dropped(DropReason.LENGTH_MISMATCH);
            return;
        }
        rpc.silentTicks = 0;
        if (receiverCutoffs.shouldSendCutoffs(cutoffVersion, peer.lastCutoffsTick, tick)) {
            writer.cutoffs(peer.address, socket.port, sport, receiverCutoffs.cutoffs(), receiverCutoffs.version(), controlLevel());
            peer.lastCutoffsTick = tick;
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
        if (scheduler != null) {
            apply(scheduler.onData(now(), new DataArrival(rpc.key, length, incoming, offset, count, !rpc.waitingForBuffers)));
        }
        if (!rpc.waitingForBuffers && in.complete()) completeIncoming(rpc);
    }

    private void startIncoming(Rpc rpc, int length, long incoming) {
        // With the NIC scheduling grants the host cannot know the grant; it treats all as granted.
        rpc.in = new IncomingMessage(length, scheduler == null ? length : incoming, order++);
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
        HomaAddress from = new HomaAddress(rpc.peer.address, rpc.peerPort);
        if (rpc.isClient()) {
            HomaMessage m = new HomaMessage(this, rpc.id, rpc.cookie, from, rpc.in.detach());
            endRpc(rpc);
            storeAck(rpc);
            metrics.increment(Metrics.Counter.CLIENT_RPCS_COMPLETED);
            deliver(rpc.socket, rpc.id, rpc.isPrivate, m);
        } else {
            rpc.state = Rpc.State.SERVER_IN_SERVICE;
            HomaMessage m = new HomaMessage(this, rpc.id, 0, from, rpc.in.detach());
            metrics.increment(Metrics.Counter.REQUESTS_DELIVERED);
            deliver(rpc.socket, rpc.id, false, m);
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
            writer.bare(PacketType.RPC_UNKNOWN, peer.address, socket.port, sport, localId, controlLevel());
            return;
        }
        resendView.wrap(packet, 0);
        rpc.silentTicks = 0;
        boolean sending = rpc.state == Rpc.State.CLIENT_OUTGOING || rpc.state == Rpc.State.SERVER_OUTGOING;
        if (!sending) {
            if (rpc.isClient()) metrics.dropped(DropReason.WRONG_STATE);
            else writer.bare(PacketType.BUSY, peer.address, socket.port, sport, rpc.id, controlLevel());
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
            writer.bare(PacketType.BUSY, peer.address, socket.port, sport, rpc.id, controlLevel());
            return;
        }
        retransmit(rpc, start, sentEnd, resendView.priority());
    }

    private void onRpcUnknown(HomaSocket socket, Peer peer, long localId) {
        Rpc rpc = find(socket, peer, localId);
        if (rpc == null) {
            metrics.dropped(DropReason.UNKNOWN_RPC);
            return;
        }
        if (!rpc.isClient()) {
            endRpc(rpc);
        } else if (rpc.state == Rpc.State.CLIENT_OUTGOING) {
            // Everything sent so far was lost: send it again at the unscheduled level.
            rpc.silentTicks = 0;
            retransmit(rpc, 0, rpc.out.nextOffset(), rpc.peer.priorities.unscheduledLevel(rpc.out.length()));
        } else {
            metrics.dropped(DropReason.WRONG_STATE);
        }
    }

    private void onNeedAck(HomaSocket socket, Peer peer, int sport, long localId) {
        if (find(socket, peer, localId) != null) return; // response not complete yet: our RESENDs will get it
        writer.ack(peer.address, socket.port, sport, localId, peer.ackIds, peer.ackPorts, peer.ackCount, controlLevel());
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
            endRpc(rpc);
        } else if (rpc == null) {
            peer.rememberFinished(serverId);
        }
    }

    private boolean handleUnreachable() {
        int n = datapath.pollUnreachable(unreachablePeers, unreachablePorts);
        for (int k = 0; k < n; k++) {
            long host = unreachablePeers[k];
            int port = unreachablePorts[k];
            for (int i = live.size() - 1; i >= 0; i--) {
                if (i >= live.size()) continue;
                Rpc r = live.get(i);
                if (r.isClient() && r.peer.address == host && (port == 0 || r.peerPort == port)) {
                    metrics.increment(Metrics.Counter.PEER_UNREACHABLE);
                    failClient(r, new PeerUnreachableException(r.id, r.cookie, datapath.describe(host) + ":" + r.peerPort));
                }
            }
        }
        return n > 0;
    }

    // ---------------------------------------------------------------- grants and buffers

    private void apply(List<Decision> decisions) {
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
    private void grantBuffersToWaiting() {
        while (!waitingForBuffers.isEmpty()) {
            Rpc r = waitingForBuffers.peek();
            MessageBuffer pages = pool.allocate(r.in.length());
            if (pages == null) return;
            waitingForBuffers.poll();
            r.waitingForBuffers = false;
            r.in.attach(pages);
            r.silentTicks = 0;
            metrics.increment(Metrics.Counter.BUFFER_RESTARTS);
            if (scheduler != null) {
                apply(scheduler.onBufferAvailable(now(), r.key));
            } else {
                int level = numPriorities() - 2;
                writer.resend(r.peer.address, r.socket.port, r.peerPort, r.id, 0, HomaConstants.RESEND_ALL, level, level);
            }
        }
    }

    // ---------------------------------------------------------------- send path

    /** Sends up to the per-round budget of DATA packets, in SRPT order. Returns how many. */
    private int pumpTx() {
        int budget = config.txPacketsPerRound();
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
    private void retransmit(Rpc rpc, long start, long end, int priority) {
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
    private void storeAck(Rpc rpc) {
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

    // ---------------------------------------------------------------- timer

    private void onTick() {
        tick++;
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
                r.doneTick = tick;
            } else if (tick - r.doneTick >= t.requestAckTicks()) {
                writer.bare(PacketType.NEED_ACK, r.peer.address, r.socket.port, r.peerPort, r.id, controlLevel());
                // A client that never answers is gone: stop asking after as long as a client would wait.
                if (++r.needAcksSent > t.timeoutTicks()) {
                    metrics.increment(Metrics.Counter.SERVER_RPCS_REAPED);
                    endRpc(r);
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
                failClient(r, new RpcTimeoutException(r.id, r.cookie, r.silentTicks));
            } else {
                metrics.increment(Metrics.Counter.SERVER_TIMEOUTS);
                endRpc(r);
            }
            return;
        }
        if ((r.silentTicks - t.resendTicks()) % t.resendInterval() == 0) requestRetransmission(r);
    }

    /** RESEND for every gap and for [recvEnd, granted); RESEND(0, all) when nothing arrived. */
    private void requestRetransmission(Rpc r) {
        int level = controlLevel();
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

    // ---------------------------------------------------------------- RPC lifetime

    private void failClient(Rpc rpc, HomaRpcException failure) {
        endRpc(rpc);
        deliver(rpc.socket, rpc.id, rpc.isPrivate, failure);
    }

    /** Forgets an RPC everywhere and frees what it holds; idempotent. */
    private void endRpc(Rpc rpc) {
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
            if (scheduler != null) apply(scheduler.onRpcEnd(now(), rpc.key));
        }
    }

    private void deliver(HomaSocket socket, long id, boolean isPrivate, Object result) {
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
            }
        }
        socket.arrived.signalAll();
    }

    /** A future was cancelled before its message came: give the message to the next taker. */
    private void requeue(HomaSocket socket, long id, Object result) {
        lock.lock();
        try {
            deliver(socket, id, false, result);
        } finally {
            unlockAndRunDeferred();
        }
    }

    private static boolean complete(CompletableFuture<HomaMessage> f, Object result) {
        return result instanceof HomaMessage m ? f.complete(m) : f.completeExceptionally((Throwable) result);
    }

    private static HomaMessage unwrap(Object o) {
        if (o instanceof HomaRpcException e) throw e;
        return (HomaMessage) o;
    }

    // ---------------------------------------------------------------- helpers

    private void addLive(Rpc r) {
        r.liveIndex = live.size();
        live.add(r);
    }

    private void removeLive(Rpc r) {
        int i = r.liveIndex;
        if (i < 0) return;
        Rpc last = live.removeLast();
        if (last != r) {
            live.set(i, last);
            last.liveIndex = i;
        }
        r.liveIndex = -1;
    }

    private Peer peer(long address) {
        Peer p = peers.get(address);
        if (p == null) peers.put(address, p = new Peer(address, numPriorities()));
        return p;
    }

    private int numPriorities() { return config.numPriorities(); }
    private int controlLevel() { return numPriorities() - 1; }

    /** Nanoseconds since the stack opened: never negative, as the grant scheduler requires. */
    private long now() { return clock.nanoTime() - startNanos; }

    private void defer(Runnable r) { deferred.add(r); }

    /** Unlocks; completes futures only once the lock is free, so user callbacks never run under it. */
    private void unlockAndRunDeferred() {
        List<Runnable> todo = null;
        if (lock.getHoldCount() == 1 && !deferred.isEmpty()) {
            todo = new ArrayList<>(deferred);
            deferred.clear();
        }
        lock.unlock();
        if (todo != null) for (Runnable r : todo) r.run();
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("Homa stack closed");
    }

    private void checkUsable(HomaSocket socket) {
        checkOpen();
        if (socket.closed) throw new IllegalStateException("socket " + socket.port + " closed");
    }

    private static void checkLength(long length, long id) {
        if (length <= 0 || length > HomaConstants.MAX_MESSAGE_LENGTH) {
            throw new InvalidRpcArgumentException("message length " + length + " outside 1.." + HomaConstants.MAX_MESSAGE_LENGTH, id);
        }
    }

    private static MemorySegment copyOf(MemorySegment payload) {
        byte[] copy = new byte[(int) payload.byteSize()];
        MemorySegment.copy(payload, ValueLayout.JAVA_BYTE, 0, copy, 0, copy.length);
        return MemorySegment.ofArray(copy);
    }

    private static MessageBuffer bufferOf(HomaMessage m) {
        return m.buffer();
    }
}
