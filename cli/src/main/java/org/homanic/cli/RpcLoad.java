package org.homanic.cli;

import org.homanic.host.HomaMessage;
import org.homanic.host.HomaSocket;
import org.homanic.host.api.HomaAddress;
import org.homanic.host.api.HomaRpcException;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import java.util.function.LongUnaryOperator;

/**
 * Runs echo RPCs against a server from one socket with a fixed number outstanding, checks every
 * response byte for byte against its request, and records each round trip (send to complete
 * response). Request payloads are pseudo-random from the seed, different for every RPC.
 */
final class RpcLoad {
    /** How long without any response before the run gives up on what is outstanding. */
    private static final Duration STALL = Duration.ofSeconds(30);

    /** Round trips in nanoseconds and request sizes, in completion order; failures and byte mismatches. */
    record Result(long[] latencies, int[] sizes, int completed, int failed, int mismatched, long nanos, long bytes,
                  Map<String, Integer> failures) {
        Result(long[] latencies, int[] sizes, int completed, int failed, int mismatched, long nanos, long bytes) {
            this(latencies, sizes, completed, failed, mismatched, nanos, bytes, Map.of());
        }
    }

    private RpcLoad() {}

    /**
     * {@code sizeOf(i)} gives RPC i's request length; {@code progress} hears the number done.
     * Returns early (with what completed) when the socket closes.
     */
    static Result run(HomaSocket socket, HomaAddress server, int count, int concurrency, LongUnaryOperator sizeOf,
                      long seed, LongConsumer progress) throws InterruptedException {
        byte[][] inFlight = new byte[concurrency][];
        long[] sentAt = new long[concurrency];
        int[] slotSize = new int[concurrency];
        long[] latencies = new long[count];
        int[] sizes = new int[count];
        int next = 0, done = 0, succeeded = 0, failed = 0, mismatched = 0;
        long bytes = 0;
        Map<String, Integer> failures = new TreeMap<>();
        long start = System.nanoTime();
        try {
            for (int slot = 0; slot < concurrency && next < count; slot++) {
                issue(socket, server, slot, next, sizeOf, seed, inFlight, sentAt, slotSize);
                next++;
            }
            while (done < count) {
                HomaMessage m;
                int slot;
                try {
                    m = socket.receive(STALL);
                    if (m == null) {
                        failures.merge("no response for " + STALL.toSeconds() + " s", count - done, Integer::sum);
                        failed += count - done;
                        break;
                    }
                    slot = (int) m.completionCookie();
                } catch (HomaRpcException e) {
                    slot = (int) e.completionCookie();
                    failures.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                    failed++;
                    done++;
                    inFlight[slot] = null;
                    if (next < count) issue(socket, server, slot, next++, sizeOf, seed, inFlight, sentAt, slotSize);
                    progress.accept(done);
                    continue;
                }
                long now = System.nanoTime();
                try {
                    if (!sameBytes(m, inFlight[slot])) mismatched++;
                } finally {
                    m.release();
                }
                latencies[succeeded] = now - sentAt[slot];
                sizes[succeeded] = slotSize[slot];
                succeeded++;
                bytes += 2L * slotSize[slot];
                done++;
                inFlight[slot] = null;
                if (next < count) issue(socket, server, slot, next++, sizeOf, seed, inFlight, sentAt, slotSize);
                progress.accept(done);
            }
        } catch (IllegalStateException closed) {
            if (!socket.isClosed()) throw closed;
        }
        long nanos = System.nanoTime() - start;
        return new Result(Arrays.copyOf(latencies, succeeded), Arrays.copyOf(sizes, succeeded), done, failed, mismatched, nanos, bytes, failures);
    }

    private static void issue(HomaSocket socket, HomaAddress server, int slot, int rpc, LongUnaryOperator sizeOf, long seed,
                              byte[][] inFlight, long[] sentAt, int[] slotSize) {
        int size = (int) sizeOf.applyAsLong(rpc);
        byte[] payload = new byte[size];
        new SplittableRandom(seed * 0x9E3779B97F4A7C15L + rpc).nextBytes(payload);
        inFlight[slot] = payload;
        slotSize[slot] = size;
        sentAt[slot] = System.nanoTime();
        socket.send(server, payload, slot);
    }

    private static boolean sameBytes(HomaMessage m, byte[] expected) {
        if (expected == null || m.length() != expected.length) return false;
        MemorySegment want = MemorySegment.ofArray(expected);
        long at = 0;
        for (MemorySegment piece : m.segments()) {
            if (MemorySegment.mismatch(piece, 0, piece.byteSize(), want, at, at + piece.byteSize()) != -1) return false;
            at += piece.byteSize();
        }
        return at == expected.length;
    }

    /** The q-quantile (0..1) of {@code sorted}, nearest rank. */
    static long quantile(long[] sorted, double q) {
        if (sorted.length == 0) return 0;
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }
}
