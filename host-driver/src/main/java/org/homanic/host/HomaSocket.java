package org.homanic.host;

import org.homanic.host.api.HomaAddress;
import org.homanic.host.api.HomaRpcException;
import org.homanic.host.api.InvalidRpcArgumentException;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.function.Function;

/**
 * One Homa port on a {@link HomaStack}: a client (ephemeral port ≥ 32768) or a server (bound
 * port 1..32767, which also accepts requests), and both at once. Like HomaModule's socket, it
 * has no connections and no ordering among RPCs. Thread-safe.
 *
 * <p>Blocking calls need the stack's driver running ({@link HomaStack#start()}); with a manually
 * driven stack use {@link #poll()} and {@link #poll(long)}.
 */
public final class HomaSocket implements AutoCloseable {
    final HomaStack stack;
    final int port;
    final boolean server;
    /** Completed non-private messages and failures (HomaRpcException), oldest first. */
    final ArrayDeque<Object> ready = new ArrayDeque<>();
    final ArrayDeque<CompletableFuture<HomaMessage>> waiters = new ArrayDeque<>();
    /** Private RPCs in flight (value null) or finished (message or failure) but not yet taken. */
    final Map<Long, Object> privateResults = new HashMap<>();
    final Map<Long, CompletableFuture<HomaMessage>> privateFutures = new HashMap<>();
    /** Threads waiting on this socket in waits of their own (HomaStack's thread waits), oldest first. */
    final ArrayDeque<ThreadWait> waitingThreads = new ArrayDeque<>();
    final Condition arrived;
    boolean closed;

    HomaSocket(HomaStack stack, int port, boolean server) {
        this.stack = stack;
        this.port = port;
        this.server = server;
        this.arrived = stack.lock.newCondition();
    }

    public int port() { return port; }
    public boolean isServer() { return server; }
    public HomaAddress address() { return new HomaAddress(stack.localAddress(), port); }
    public HomaStack stack() { return stack; }

    /** Sends a request; returns its RPC id (even). The response comes from {@link #receive}. */
    public long send(HomaAddress dest, byte[] payload, long completionCookie) {
        return stack.send(this, dest, MemorySegment.ofArray(payload), completionCookie, false);
    }

    public long send(HomaAddress dest, MemorySegment payload, long completionCookie) {
        return stack.send(this, dest, payload, completionCookie, false);
    }

    /** Sends a request whose response only {@link #receive(long, Duration)} or {@link #poll(long)} returns. */
    public long sendPrivate(HomaAddress dest, byte[] payload, long completionCookie) {
        return stack.send(this, dest, MemorySegment.ofArray(payload), completionCookie, true);
    }

    /** Sends a private request; the future completes with its response or fails with a {@link HomaRpcException}. */
    public CompletableFuture<HomaMessage> call(HomaAddress dest, byte[] payload) {
        return stack.call(this, dest, MemorySegment.ofArray(payload));
    }

    public CompletableFuture<HomaMessage> call(HomaAddress dest, MemorySegment payload) {
        return stack.call(this, dest, payload);
    }

    /** Answers a request received on this socket. Replying twice throws and changes nothing. */
    public void reply(HomaMessage request, byte[] payload) {
        stack.reply(this, request, MemorySegment.ofArray(payload));
    }

    public void reply(HomaMessage request, MemorySegment payload) {
        stack.reply(this, request, payload);
    }

    /** Next request or non-private response, waiting as long as it takes. */
    public HomaMessage receive() throws InterruptedException {
        HomaMessage m;
        do {
            m = stack.receive(this, 0, Long.MAX_VALUE);
        } while (m == null);
        return m;
    }

    /** Next request or non-private response, or null when none came within {@code timeout}. */
    public HomaMessage receive(Duration timeout) throws InterruptedException {
        return stack.receive(this, 0, timeout.toNanos());
    }

    /** Next request or non-private response if one is ready, else null; never blocks. */
    public HomaMessage poll() {
        try {
            return stack.receive(this, 0, 0);
        } catch (InterruptedException e) {
            throw new AssertionError("a non-blocking receive cannot be interrupted", e);
        }
    }

    /** Completes with the next request or non-private response (or fails with that RPC's exception). */
    public CompletableFuture<HomaMessage> receiveAsync() {
        return stack.receiveAsync(this);
    }

    /** The response of private RPC {@code id}, or null when it has not come within {@code timeout}. */
    public HomaMessage receive(long id, Duration timeout) throws InterruptedException {
        return stack.receive(this, requirePrivateId(id), timeout.toNanos());
    }

    /** The response of private RPC {@code id} if it is there, else null. */
    public HomaMessage poll(long id) {
        try {
            return stack.receive(this, requirePrivateId(id), 0);
        } catch (InterruptedException e) {
            throw new AssertionError("a non-blocking receive cannot be interrupted", e);
        }
    }

    private static long requirePrivateId(long id) {
        if (id == 0) throw new InvalidRpcArgumentException("a private receive needs an RPC id", 0);
        return id;
    }

    /** Deletes client RPC {@code id}; a waiter of a private RPC sees RpcAbortedException. */
    public void abort(long id) {
        stack.abort(this, id, null);
    }

    /** Ends client RPC {@code id}; its failure, with {@code cause}, is delivered like a response. */
    public void abort(long id, Throwable cause) {
        stack.abort(this, id, cause == null ? new RuntimeException("aborted by the application") : cause);
    }

    /** Aborts every client RPC of this socket with {@code cause}. */
    public void abortAll(Throwable cause) {
        stack.abortAll(this, cause == null ? new RuntimeException("aborted by the application") : cause);
    }

    /**
     * A server loop: receives requests until the socket closes or the thread is interrupted,
     * replies with {@code handler}'s result and releases each request. Responses that arrive
     * here are released unread. A handler exception ends the loop and is rethrown.
     */
    public void serve(Function<HomaMessage, byte[]> handler) throws InterruptedException {
        while (!isClosed()) {
            HomaMessage m;
            try {
                m = receive(Duration.ofMillis(100));
            } catch (HomaRpcException e) {
                continue; // a failed client RPC of this socket; nothing for the server loop to do
            } catch (IllegalStateException closedMeanwhile) {
                if (isClosed()) return;
                throw closedMeanwhile;
            }
            if (m == null) continue;
            try {
                if (m.isRequest()) reply(m, handler.apply(m));
            } finally {
                if (!m.isReleased()) m.release();
            }
        }
    }

    public boolean isClosed() {
        stack.lock.lock();
        try {
            return closed;
        } finally {
            stack.lock.unlock();
        }
    }

    /** Ends every RPC of the socket and frees its port. Later calls throw IllegalStateException. */
    @Override
    public void close() {
        stack.closeSocket(this);
    }

    @Override
    public String toString() {
        return "HomaSocket " + address();
    }

    static long nanos(Duration d) {
        return TimeUnit.NANOSECONDS.convert(d);
    }
}
