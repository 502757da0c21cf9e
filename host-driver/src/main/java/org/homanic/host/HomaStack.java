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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Homa on one host: what HomaModule does in the kernel, over a {@link Datapath}. This class is
 * the application's side (sockets, RPC calls, metrics) and the driver; the receive path is
 * {@link PacketReceiver}, the timer {@link RpcTimer}, and the state they share (receive buffer
 * pool, RPCs, SRPT send queue, software grant scheduler when the NIC has none) is
 * {@link StackState}, all guarded by one lock. The packet path runs in {@link #runOnce()},
 * called by the driver thread of {@link #start()} or by a test that drives the stack itself
 * (with a virtual clock, deterministically).
 *
 * <p><b>Who polls.</b> Once started, the threads blocked in {@code receive} read the packets
 * themselves, so that the thread that wants a message is, as often as can be, the one the
 * kernel wakes when its packet comes (no hand-off to another thread). The driver thread polls
 * only while no application thread waits, and otherwise stands by, waking once per timer tick
 * to run the timer. How the receivers share the datapath depends on it:
 * <ul>
 * <li>With {@linkplain Datapath#newWaiter waits of its own per thread} (sockets: epoll), every
 * receiver sleeps in its own wait, and each arrival wakes one of them, which reads it; a
 * message it completes for another socket wakes a thread waiting there. No thread has to hand
 * the polling on when it stops waiting. Rounds (read a batch, handle it) take turns.</li>
 * <li>Otherwise whoever holds the poller token runs the packet path and waits in the datapath;
 * a receiver that finds the token taken waits on its socket, and whoever gives the token up
 * wakes one such receiver.</li>
 * </ul>
 * Either way, when the last receiver leaves while messages are still moving, the driver is
 * woken to poll.
 */
public final class HomaStack implements AutoCloseable {
    /**
     * How many batches of packets a poller drains from the datapath per round: the more it takes
     * from the kernel's first-come queue at once, the more packets it can serve in priority order.
     */
    private static final int POLL_BATCHES = 16;
    /** Longest single sleep of a receiver in its own wait: an interrupt is seen after at most this. */
    private static final long OWN_WAIT_LIMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Packets handled between chances for waiting application threads to take the lock. */
    private static final int PACKETS_PER_LOCK_HOLD = 64;
    /** How often a receiver waiting for another thread's round looks whether its message came. */
    private static final long ROUND_LOCK_SLICE_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    private final StackState s;
    private final PacketReceiver receiver;
    private final RpcTimer timer;
    private final Datapath datapath;
    private final HostConfig config;
    private final BufferPool pool;
    private final Metrics metrics;
    final ReentrantLock lock;
    private final PacketBatch rxBatch;
    /** Where the poller drains the datapath, outside the lock; only the holder of the poller token touches it. */
    private final PacketBatch pollBatch;
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
    private volatile long untilNextTick;
    private volatile boolean closed;
    private volatile Thread driver;
    /** Held by the one thread that may run the packet path and wait in the datapath (see the class comment). */
    private final AtomicBoolean pollerToken = new AtomicBoolean();
    /** Application threads blocked in receive while the driver runs; while any wait, the driver stands by. */
    private final AtomicInteger appWaiters = new AtomicInteger();
    /** Sockets of receivers waiting for the poller token, oldest first (under the lock). */
    private final ArrayDeque<HomaSocket> tokenWaiters = new ArrayDeque<>();
    /** The driver's wait when the datapath has waits per thread (see the class comment); else null. */
    private volatile ThreadWait driverWait;
    private final ThreadLocal<ThreadWait> ownWait = new ThreadLocal<>();
    /** Every thread's wait, to close with the stack (under the lock). */
    private final List<ThreadWait> threadWaits = new ArrayList<>();
    /** With waits per thread: one round (read a batch into {@link #pollBatch}, handle it) at a time. */
    private final ReentrantLock roundLock = new ReentrantLock();
    /** Threads in a wait of their own now: close lets them leave before closing the datapath. */
    private final AtomicInteger inOwnWait = new AtomicInteger();

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
        this.pollBatch = new PacketBatch(s.arena, config.batchSize() * POLL_BATCHES, datapath.mtu());
        this.writer = s.writer;
        this.clientRpcs = s.clientRpcs;
        this.peers = s.peers;
        this.sockets = s.sockets;
        this.live = s.live;
        this.sendQueue = s.sendQueue;
        // A grant moves a whole packet at a time: a receiver that may have less than one packet
        // granted and unreceived could never grant the next one, and its messages would stall.
        int packet = writer.maxPayload();
        if (config.grants().maxIncoming() < packet || (config.grants().window() > 0 && config.grants().window() < packet)) {
            s.arena.close();
            throw new IllegalArgumentException("max_incoming " + config.grants().maxIncoming() + " and the grant window "
                    + config.grants().window() + " (0: dynamic) must each hold at least one packet's payload, "
                    + packet + " bytes on this datapath (MTU " + datapath.mtu() + ")");
        }
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
            s.wakeReceivers(socket, true);
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
        MemorySegment buffer = copyOf(payload);
        MemorySegment copy = buffer.asSlice(0, payload.byteSize());
        boolean kept = false;
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
            rpc.out = new OutgoingMessage(copy, buffer, config.unschedBytes(), s.now(), s.order++);
            kept = true;   // from here on endRpc gives the buffer back
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
            if (!kept) s.payloads.release(buffer);
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
        MemorySegment buffer = copyOf(payload);   // outside the lock, as in send
        MemorySegment copy = buffer.asSlice(0, payload.byteSize());
        boolean kept = false;
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
            rpc.out = new OutgoingMessage(copy, buffer, config.unschedBytes(), s.now(), s.order++);
            kept = true;
            s.outgoingBytes += payload.byteSize();
            metrics.increment(Metrics.Counter.RESPONSES_SENT);
            sendQueue.offer(rpc.out, rpc);
            s.pumpTx();
            writer.flush();
        } finally {
            if (!kept) s.payloads.release(buffer);
            s.unlockAndRunDeferred();
        }
    }

    /** Blocks up to {@code timeoutNanos} (0 = not at all) for a message; id 0 = any non-private one. */
    HomaMessage receive(HomaSocket socket, long id, long timeoutNanos) throws InterruptedException {
        // A wait of this thread's own (made before taking the lock: it takes system calls).
        // Virtual threads, possibly many, wait on the socket instead, and the driver polls for them.
        ThreadWait own = driverWait == null || Thread.currentThread().isVirtual() ? null : ownWait();
        lock.lock();
        boolean waiting = false;
        boolean lastRoundWorked = false;
        try {
            checkUsable(socket);
            // Its message is not there yet: unless packets are due out, the first round may start with the wait.
            lastRoundWorked = !sendQueue.isEmpty();
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
                if (driver == null || lock.getHoldCount() > 1 || (driverWait != null && own == null)) {
                    // Not started (a test drives the stack), called under the lock, or a virtual
                    // thread: only wait (the driver polls meanwhile when it is started).
                    socket.arrived.awaitNanos(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
                } else if (own != null) {
                    // A native wait does not end on an interrupt: look before each one.
                    if (Thread.interrupted()) throw new InterruptedException("interrupted while waiting for a message");
                    if (!waiting) {
                        waiting = true;
                        appWaiters.incrementAndGet();
                        socket.waitingThreads.add(own);
                    }
                    own.woken = false;
                    // After a round that did something, look again at once; else sleep until woken
                    // (or for a tenth of a second at most, so that an interrupt is seen soon).
                    long wait = lastRoundWorked ? 0 : Math.min(left, OWN_WAIT_LIMIT_NANOS);
                    s.unlockAndRunDeferred();
                    try {
                        lastRoundWorked = ownRound(own, id == 0 ? socket : null, wait, false, deadline);
                    } finally {
                        lock.lock();
                    }
                } else {
                    if (!waiting) {
                        waiting = true;
                        appWaiters.incrementAndGet();
                    }
                    if (pollerToken.compareAndSet(false, true)) {
                        s.unlockAndRunDeferred();
                        try {
                            // After a round that did something, look again at once; else wait for a packet.
                            lastRoundWorked = pollRound(lastRoundWorked ? 0 : Math.max(1, Math.min(left, untilNextTick)), id == 0 ? socket : null);
                        } finally {
                            lock.lock();
                            pollerToken.set(false);
                        }
                    } else {
                        // Someone else polls; it hands us the token when it stops (or our message).
                        tokenWaiters.add(socket);
                        try {
                            socket.arrived.awaitNanos(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
                        } finally {
                            tokenWaiters.removeFirstOccurrence(socket);
                        }
                    }
                }
                checkUsable(socket);
            }
        } finally {
            if (waiting) {
                appWaiters.decrementAndGet();
                if (own != null) socket.waitingThreads.remove(own);
                // Messages this thread's rounds left for other receivers of the socket.
                for (int i = socket.ready.size(); i > 0; i--) s.wakeReceivers(socket, false);
                handOnPolling();
            }
            s.unlockAndRunDeferred();
        }
    }

    /**
     * Under the lock, when a receiver stops waiting or the driver steps back: if nobody polls,
     * wake a receiver waiting for the token, or else the driver when messages are still moving.
     */
    private void handOnPolling() {
        ThreadWait standingBy = driverWait;
        if (standingBy != null) {
            if (appWaiters.get() == 0 && s.messagesInFlight()) s.defer(standingBy::wakeUp);
            return;
        }
        if (pollerToken.get()) return;
        HomaSocket next = tokenWaiters.peek();
        if (next != null) {
            // One thread is enough to take the token over (several may wait on that socket).
            next.arrived.signal();
        } else if (appWaiters.get() == 0 && s.messagesInFlight()) {
            Thread d = driver;
            if (d != null) LockSupport.unpark(d);
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

    /** Native bytes the outgoing-message pool has taken so far (for tests: they show buffers are reused). */
    long payloadPoolBytes() {
        return s.payloads.allocatedBytes();
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
            Datapath.Waiter waiter = datapath.newWaiter();
            Thread t = Thread.ofPlatform().daemon().name("homa-driver-" + datapath.describe(localAddress())).unstarted(this::drive);
            if (waiter != null) {
                waiter.listen(false);   // the driver's loop decides when it listens
                driverWait = new ThreadWait(t, waiter);
            }
            driver = t;
            t.start();
            return this;
        } finally {
            lock.unlock();
        }
    }

    /** The driver thread: polls while no application thread waits in receive, else stands by. */
    private void drive() {
        ThreadWait own = driverWait;
        if (own != null) {
            driveWithOwnWait(own);
            return;
        }
        boolean lastRoundWorked = true;
        while (!closed) {
            boolean standBy = appWaiters.get() > 0;
            if (!pollerToken.compareAndSet(false, true)) {
                LockSupport.parkNanos(this, Math.max(1, untilNextTick));
                lastRoundWorked = true;
                continue;
            }
            try {
                // Idle: wait for a packet, but no longer than the next timer tick.
                lastRoundWorked = pollRound(lastRoundWorked || standBy ? 0 : Math.max(1, untilNextTick), null);
            } finally {
                pollerToken.set(false);
            }
            if (appWaiters.get() > 0) {
                lock.lock();
                try {
                    handOnPolling();
                } finally {
                    s.unlockAndRunDeferred();
                }
                // A receiver polls now (and runs the timer); look again at the next tick.
                LockSupport.parkNanos(this, Math.max(1, untilNextTick));
                lastRoundWorked = true;
            }
        }
    }

    /**
     * The driver with a wait of its own: it listens for packets only while no application thread
     * waits in receive (they read the packets then), and otherwise wakes at each timer tick, or
     * when the last receiver leaves while messages are moving, for a round that runs the timer.
     */
    private void driveWithOwnWait(ThreadWait own) {
        boolean lastRoundWorked = true;
        boolean listening = false;
        while (!closed) {
            boolean listen = appWaiters.get() == 0;
            if (listen != listening) {
                // Leaving and joining again puts the driver behind every receiver already
                // listening, so that arrivals wake a receiver first.
                own.waiter.listen(listen);
                listening = listen;
            }
            lastRoundWorked = ownRound(own, null, lastRoundWorked && listen ? 0 : Math.max(1, untilNextTick), true, Long.MAX_VALUE);
        }
    }

    /**
     * A round of a thread with a wait of its own, called without the lock: sleeps up to
     * {@code waitNanos} (0: not at all), then runs {@link #pollRound} once no other thread is in
     * one. The driver ({@code always}) runs it in any case, for the timer; a receiver only when
     * packets may be waiting, and it waits for another thread's round no later than its
     * {@code deadline} ({@link System#nanoTime()}), so that a thread due elsewhere (to send,
     * say) is not held up by the others' packets, and no longer than until a delivery wakes
     * it. Returns whether it did anything (or was woken: its message may be there).
     */
    private boolean ownRound(ThreadWait own, HomaSocket pollingFor, long waitNanos, boolean always, long deadline) {
        boolean packets = true;
        if (waitNanos > 0) {
            inOwnWait.incrementAndGet();
            try {
                if (!closed) packets = own.waiter.await(waitNanos);
            } finally {
                inOwnWait.decrementAndGet();
            }
        }
        if (closed || !(packets || always)) return false;
        if (always) {
            roundLock.lock();
        } else {
            try {
                // Waits in slices: a round under way may deliver this thread's message meanwhile
                // (its wait is then woken), and the thread should go and take it rather than wait
                // for that round, and its sends, to end.
                while (!roundLock.tryLock()) {
                    if (own.woken) return true;
                    long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
                    if (roundLock.tryLock(Math.clamp(left, 0, ROUND_LOCK_SLICE_NANOS), TimeUnit.NANOSECONDS)) break;
                    if (left <= ROUND_LOCK_SLICE_NANOS) return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        try {
            return pollRound(0, pollingFor);
        } finally {
            roundLock.unlock();
        }
    }

    /** This thread's own wait, made on its first receive; waits of threads that ended are closed. */
    private ThreadWait ownWait() {
        ThreadWait w = ownWait.get();
        if (w != null) return w;
        w = new ThreadWait(Thread.currentThread(), datapath.newWaiter());
        lock.lock();
        try {
            if (closed) {
                w.waiter.close();
                throw new IllegalStateException("Homa stack closed");
            }
            threadWaits.removeIf(t -> {
                if (t.owner.isAlive()) return false;
                t.waiter.close();
                return true;
            });
            threadWaits.add(w);
        } finally {
            lock.unlock();
        }
        ownWait.set(w);
        return w;
    }

    /**
     * A round of the packet path by the holder of the poller token, called without the lock:
     * waits up to {@code waitNanos} for a packet (0: not at all), drains the datapath into
     * {@link #pollBatch}, then under the lock handles the packets highest priority level first,
     * runs a due timer tick and sends what SRPT picks. Returns whether it did anything.
     */
    private boolean pollRound(long waitNanos, HomaSocket pollingFor) {
        pollBatch.clear();
        // The wait returns at once when packets are there already: no look before it.
        if (waitNanos > 0 && !closed) datapath.awaitPackets(waitNanos);
        int n = closed ? 0 : datapath.poll(pollBatch);
        lock.lock();
        try {
            if (closed) return false;
            s.pollingFor = pollingFor;
            handleByLevel(pollBatch, n, true, pollingFor);
            // A full batch means more packets wait in the datapath: the timer holds off until
            // they are read, so that packets queued here do not count as a peer's silence.
            return finishRound(n > 0, pollBatch.isFull());
        } finally {
            s.pollingFor = null;
            pollBatch.clear();
            s.unlockAndRunDeferred();
        }
    }

    /**
     * Under the lock: handles the first {@code n} packets of {@code batch}, highest priority
     * level first and in arrival order within a level, as a switch's priority queues would
     * serve them (the kernel's socket queue is first come, first served). With
     * {@code yieldLock}, sends what is due and lets waiting threads take the lock every
     * {@link #PACKETS_PER_LOCK_HOLD} packets.
     */
    private void handleByLevel(PacketBatch batch, int n, boolean yieldLock, HomaSocket pollingFor) {
        int handled = 0;
        int levels = n > 1 ? HomaConstants.MAX_PRIORITIES : 1;
        for (int level = levels - 1; level >= 0; level--) {
            for (int i = 0; i < n; i++) {
                if (levels > 1 && Math.clamp(batch.priority(i), 0, levels - 1) != level) continue;
                receiver.handlePacket(batch.segment(i), batch.length(i), batch.peer(i), batch.flags(i));
                if (yieldLock && ++handled % PACKETS_PER_LOCK_HOLD == 0 && lock.hasQueuedThreads()) {
                    s.pumpTx();
                    writer.flush();
                    s.pollingFor = null;
                    s.unlockAndRunDeferred();
                    lock.lock();
                    s.pollingFor = pollingFor;
                    if (closed) return;
                }
            }
        }
    }

    /**
     * Under the lock, after a round's packets: unreachable reports, a due tick, SRPT sends.
     * With {@code backlog} (packets still wait to be read) a due tick waits, by up to one tick.
     * Returns whether the round did anything.
     */
    private boolean finishRound(boolean received, boolean backlog) {
        boolean worked = received;
        worked |= receiver.handleUnreachable();
        long now = s.now();
        if (now >= nextTickAt && !(backlog && now < nextTickAt + config.timers().tickNanos())) {
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
    }

    /**
     * One round of the packet path: receive a batch, run due timer ticks, send what SRPT picks.
     * Returns whether it did anything.
     */
    public boolean runOnce() {
        lock.lock();
        try {
            if (closed) return false;
            rxBatch.clear();
            int n = datapath.poll(rxBatch);
            handleByLevel(rxBatch, n, false, null);
            rxBatch.clear();
            return finishRound(n > 0, false);
        } finally {
            s.unlockAndRunDeferred();
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
        List<ThreadWait> waits;
        lock.lock();
        try {
            closed = true;
            d = driver;
            waits = new ArrayList<>(threadWaits);
            if (driverWait != null) waits.add(driverWait);
        } finally {
            lock.unlock();
        }
        for (ThreadWait w : waits) w.wakeUp();
        if (d != null && d != Thread.currentThread()) {
            LockSupport.unpark(d);
            try {
                d.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // A receiver may still be in its last wait in the datapath (at most a tick): let it finish.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!pollerToken.compareAndSet(false, true) && System.nanoTime() < until) LockSupport.parkNanos(100_000);
        try {
            while ((inOwnWait.get() > 0 || roundLock.isLocked()) && System.nanoTime() < until) LockSupport.parkNanos(100_000);
        } finally {
            for (ThreadWait w : waits) w.waiter.close();
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

    /** A {@link org.homanic.host.tx.PayloadPool} buffer holding a copy of {@code payload} at its start. */
    private MemorySegment copyOf(MemorySegment payload) {
        MemorySegment buffer = s.payloads.acquire(payload.byteSize());
        MemorySegment.copy(payload, 0, buffer, 0, payload.byteSize());
        return buffer;
    }

}
