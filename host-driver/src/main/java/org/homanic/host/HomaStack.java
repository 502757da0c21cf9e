package org.homanic.host;

import org.homanic.host.api.HomaAddress;
import org.homanic.host.api.InvalidRpcArgumentException;
import org.homanic.host.api.NoBufferSpaceException;
import org.homanic.host.api.RpcAbortedException;
import org.homanic.host.datapath.Datapath;
import org.homanic.host.datapath.PacketBatch;
import org.homanic.host.metrics.Metrics;
import org.homanic.host.metrics.MetricsSnapshot;
import org.homanic.host.pool.BufferPool;
import org.homanic.host.pool.MessageBuffer;
import org.homanic.host.timer.Clock;
import org.homanic.host.tx.OutgoingMessage;
import org.homanic.host.tx.PacketWriter;
import org.homanic.host.tx.SrptQueue;
import org.homanic.protocol.wire.HomaConstants;
import org.homanic.protocol.wire.RpcIds;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Homa on one host: what HomaModule does in the kernel, over a {@link Datapath}. This class is
 * the application's side (sockets, RPC calls, metrics) and the driver; the receive path is
 * {@link PacketReceiver}, the timer {@link RpcTimer}, and the state they share (receive buffer
 * pool, RPCs, SRPT send queue, software grant scheduler when the NIC has none) is
 * {@link StackState}, all guarded by one lock. The packet path runs in {@link #runOnce()},
 * called by the driver thread of {@link #start()} or by a test that drives the stack itself
 * (with a virtual clock, deterministically).
 */
public final class HomaStack implements AutoCloseable {

    private final StackState s;
    private final PacketReceiver receiver;
    private final RpcTimer timer;
    private final Datapath datapath;
    private final HostConfig config;
    private final BufferPool pool;
    private final Metrics metrics;
    final ReentrantLock lock;
    private final PacketBatch rxBatch;
    private final PacketWriter writer;
    private final LongMap<Rpc> clientRpcs;
    private final LongMap<Peer> peers;
    private final HomaSocket[] sockets;
    private final ArrayList<Rpc> live;
    private final SrptQueue<Rpc> sendQueue;
    private long nextClientId;
    private int nextEphemeralPort = HomaConstants.MIN_DEFAULT_PORT;
    private long nextTickAt;
    /** Nanoseconds from the end of the last round to the next tick: how long an idle driver may wait. */
    private long untilNextTick;
    private boolean closed;
    private volatile Thread driver;

    private HomaStack(Datapath datapath, HostConfig config, Clock clock) {
        this.s = new StackState(this, datapath, config, clock);
        this.receiver = new PacketReceiver(s);
        this.timer = new RpcTimer(s);
        this.datapath = datapath;
        this.config = config;
        this.pool = s.pool;
        this.metrics = s.metrics;
        this.lock = s.lock;
        this.rxBatch = new PacketBatch(s.arena, config.batchSize(), datapath.mtu());
        this.writer = s.writer;
        this.clientRpcs = s.clientRpcs;
        this.peers = s.peers;
        this.sockets = s.sockets;
        this.live = s.live;
        this.sendQueue = s.sendQueue;
        this.nextTickAt = config.timers().tickNanos();
        this.nextClientId = datapath.firstClientId();
        if (!RpcIds.isClientId(nextClientId) || nextClientId <= 0) {
            throw new IllegalArgumentException("first client id " + nextClientId + " must be even and positive");
        }
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
                if (r.socket == socket) s.endRpc(r);
            }
            for (Object o : socket.ready) if (o instanceof HomaMessage m && !m.isReleased()) pool.release(StackState.bufferOf(m));
            socket.ready.clear();
            for (Object o : socket.privateResults.values()) if (o instanceof HomaMessage m && !m.isReleased()) pool.release(StackState.bufferOf(m));
            socket.privateResults.clear();
            IllegalStateException shut = new IllegalStateException("socket " + socket.port + " closed");
            for (CompletableFuture<HomaMessage> f : socket.waiters) s.defer(() -> f.completeExceptionally(shut));
            for (CompletableFuture<HomaMessage> f : socket.privateFutures.values()) s.defer(() -> f.completeExceptionally(shut));
            socket.waiters.clear();
            socket.privateFutures.clear();
            socket.arrived.signalAll();
            s.grantBuffersToWaiting();
            writer.flush();
        } finally {
            s.unlockAndRunDeferred();
        }
    }

    // ---------------------------------------------------------------- application calls

    long send(HomaSocket socket, HomaAddress dest, MemorySegment payload, long cookie, boolean isPrivate) {
        checkLength(payload.byteSize(), 0);
        // Copied before taking the lock: a megabyte copy under it would hold up the driver.
        MemorySegment copy = copyOf(payload);
        lock.lock();
        try {
            checkUsable(socket);
            if (s.outgoingBytes + payload.byteSize() > config.maxOutgoingBytes()) {
                throw new NoBufferSpaceException("outgoing messages hold " + s.outgoingBytes + " bytes already", 0);
            }
            long id = nextClientId;
            nextClientId += RpcIds.CLIENT_ID_STEP;
            Peer peer = s.peer(dest.host());
            Rpc rpc = new Rpc(id, socket, peer, dest.port(), cookie, isPrivate, Rpc.State.CLIENT_OUTGOING);
            rpc.out = new OutgoingMessage(copy, config.unschedBytes(), s.now(), s.order++);
            s.outgoingBytes += payload.byteSize();
            clientRpcs.put(id, rpc);
            s.addLive(rpc);
            if (isPrivate) socket.privateResults.put(id, null);
            metrics.increment(Metrics.Counter.CLIENT_RPCS_STARTED);
            sendQueue.offer(rpc.out, rpc);
            s.pumpTx();
            writer.flush();
            return id;
        } finally {
            s.unlockAndRunDeferred();
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
                StackState.complete(f, done);
            } else {
                socket.privateFutures.put(id, f);
            }
            return f;
        } finally {
            s.unlockAndRunDeferred();
        }
    }

    void reply(HomaSocket socket, HomaMessage request, MemorySegment payload) {
        if (!request.isRequest()) throw new InvalidRpcArgumentException("message " + request.id() + " is a response, not a request", request.id());
        checkLength(payload.byteSize(), request.id());
        MemorySegment copy = copyOf(payload);   // outside the lock, as in send
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
            if (s.outgoingBytes + payload.byteSize() > config.maxOutgoingBytes()) {
                throw new NoBufferSpaceException("outgoing messages hold " + s.outgoingBytes + " bytes already", request.id());
            }
            request.replied = true;
            rpc.state = Rpc.State.SERVER_OUTGOING;
            rpc.silentTicks = 0;
            rpc.out = new OutgoingMessage(copy, config.unschedBytes(), s.now(), s.order++);
            s.outgoingBytes += payload.byteSize();
            metrics.increment(Metrics.Counter.RESPONSES_SENT);
            sendQueue.offer(rpc.out, rpc);
            s.pumpTx();
            writer.flush();
        } finally {
            s.unlockAndRunDeferred();
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
                    return StackState.unwrap(o);
                }
                long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
                if (left <= 0) return null;
                socket.arrived.awaitNanos(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
                checkUsable(socket);
            }
        } finally {
            s.unlockAndRunDeferred();
        }
    }

    CompletableFuture<HomaMessage> receiveAsync(HomaSocket socket) {
        lock.lock();
        try {
            checkUsable(socket);
            CompletableFuture<HomaMessage> f = new CompletableFuture<>();
            Object o = socket.ready.poll();
            if (o != null) StackState.complete(f, o); else socket.waiters.add(f);
            return f;
        } finally {
            s.unlockAndRunDeferred();
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
                s.endRpc(rpc);
            } else {
                s.failClient(rpc, new RpcAbortedException(id, rpc.cookie, cause));
            }
            writer.flush();
        } finally {
            s.unlockAndRunDeferred();
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
                    s.failClient(r, new RpcAbortedException(r.id, r.cookie, cause));
                }
            }
            writer.flush();
        } finally {
            s.unlockAndRunDeferred();
        }
    }

    void release(MessageBuffer buffer) {
        lock.lock();
        try {
            pool.release(buffer);
            if (!closed) {
                s.grantBuffersToWaiting();
                s.pumpTx();
                writer.flush();
            }
        } finally {
            s.unlockAndRunDeferred();
        }
    }

    public MetricsSnapshot metrics() {
        lock.lock();
        try {
            return metrics.snapshot(new Metrics.PoolUse(pool.pages(), pool.freePages(), s.waitingForBuffers.size()));
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
                    // Idle: wait for a packet, but no longer than the next timer tick.
                    if (!runOnce()) datapath.awaitPackets(Math.max(1, untilNextTick));
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
            for (int i = 0; i < n; i++) receiver.handlePacket(rxBatch.segment(i), rxBatch.length(i), rxBatch.peer(i), rxBatch.flags(i));
            rxBatch.clear();
            worked |= n > 0;
            worked |= receiver.handleUnreachable();
            long now = s.now();
            if (now >= nextTickAt) {
                // One tick per round, like HomaModule's timer thread: ticks missed while this
                // host was held up are skipped, not replayed, so a stalled host does not count
                // its own stall as its peers' silence.
                timer.onTick();
                nextTickAt += config.timers().tickNanos();
                if (now >= nextTickAt) nextTickAt = now + config.timers().tickNanos();
                worked = true;
            }
            worked |= s.pumpTx() > 0;
            writer.flush();
            untilNextTick = nextTickAt - now;
            return worked;
        } finally {
            s.unlockAndRunDeferred();
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
        s.arena.close();
    }

    // ---------------------------------------------------------------- helpers

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

}
