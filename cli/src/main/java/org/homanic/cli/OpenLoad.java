package org.homanic.cli;

import org.homanic.host.HomaMessage;
import org.homanic.host.HomaSocket;
import org.homanic.host.api.HomaAddress;
import org.homanic.host.api.HomaRpcException;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop clients of {@code bench rpc}: each sends its requests at the times of its
 * {@link OpenLoopSchedule}, whether or not earlier ones have come back, checks every response
 * byte for byte, and measures each RPC from its scheduled send time to its complete response.
 * A client that falls behind its schedule sends late, and the lateness counts in the latency
 * (it is also reported on its own as the send lag).
 */
final class OpenLoad {
    /** How long without any response, once everything is sent, before a client gives up on what is outstanding. */
    private static final Duration STALL = Duration.ofSeconds(30);

    /** The RPCs of a run ({@code rpcs.nanos()} is from the common start to the last response) and each send's lateness in ns. */
    record Result(RpcLoad.Result rpcs, long[] sendLags) {}

    private OpenLoad() {}

    /**
     * Random bytes that every request payload is a slice of (a different offset per RPC): no
     * payload is generated or allocated while the clients run, for either transport.
     */
    static byte[] payloadBlock(long seed, int bytes) {
        byte[] block = new byte[bytes];
        new SplittableRandom(seed ^ 0x5DEECE66DL).nextBytes(block);
        return block;
    }

    /**
     * One Homa client on its own socket, built like the TCP client: a sender thread sends each
     * request when it is due, and this thread takes the responses as they come.
     */
    static Result homa(HomaSocket socket, HomaAddress server, OpenLoopSchedule s, byte[] block, long start) throws InterruptedException {
        int n = s.count();
        MemorySegment blockSegment = MemorySegment.ofArray(block);
        long[] latencies = new long[n], lags = new long[n];
        int[] sizes = new int[n];
        int[] sent = new int[1];
        AtomicReference<RuntimeException> sendFailure = new AtomicReference<>();
        Thread sender = Thread.ofPlatform().name("homa-open-sender").start(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    long due = start + s.sendAt()[i];
                    for (long wait; (wait = due - System.nanoTime()) > 0; ) LockSupport.parkNanos(wait);
                    lags[i] = System.nanoTime() - due;
                    socket.send(server, blockSegment.asSlice(s.offsets()[i], s.sizes()[i]), i);
                    sent[0] = i + 1;
                }
            } catch (RuntimeException e) {
                sendFailure.set(e);
            }
        });
        int done = 0, ok = 0, failed = 0, mismatched = 0;
        long bytes = 0, last = start;
        try {
            while (done < n) {
                HomaMessage m;
                try {
                    m = socket.receive(STALL);
                } catch (HomaRpcException e) {
                    failed++;
                    done++;
                    continue;
                }
                if (m == null) {
                    failed += n - done;
                    break;
                }
                long t = System.nanoTime();
                int i = (int) m.completionCookie();
                try {
                    if (!sameBytes(m, block, s.offsets()[i], s.sizes()[i])) mismatched++;
                } finally {
                    m.release();
                }
                latencies[ok] = t - (start + s.sendAt()[i]);
                sizes[ok++] = s.sizes()[i];
                bytes += 2L * s.sizes()[i];
                last = t;
                done++;
            }
        } finally {
            sender.join();
        }
        if (sendFailure.get() != null) throw sendFailure.get();
        return new Result(new RpcLoad.Result(Arrays.copyOf(latencies, ok), Arrays.copyOf(sizes, ok), done, failed, mismatched,
                last - start, bytes), lags);
    }

    /**
     * One TCP client on its own connection: this thread writes each request (4-byte length, then
     * the bytes) when it is due, into the one byte stream, so a request waits behind whatever
     * the connection still carries; a reader thread takes the responses, which come in order.
     */
    static Result tcp(InetSocketAddress server, OpenLoopSchedule s, byte[] block, long start) throws IOException, InterruptedException {
        int n = s.count();
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(server);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
            long[] latencies = new long[n], lags = new long[n];
            int[] sizes = new int[n];
            int[] mismatched = new int[1];
            long[] last = {start};
            AtomicReference<IOException> readFailure = new AtomicReference<>();
            Thread reader = Thread.ofPlatform().name("tcp-open-reader").start(() -> {
                try {
                    byte[] buffer = new byte[block.length];
                    for (int i = 0; i < n; i++) {
                        int length = in.readInt();
                        if (length != s.sizes()[i]) throw new IOException("response " + i + " has " + length + " bytes, not " + s.sizes()[i]);
                        in.readFully(buffer, 0, length);
                        long t = System.nanoTime();
                        int at = s.offsets()[i];
                        if (Arrays.mismatch(buffer, 0, length, block, at, at + length) != -1) mismatched[0]++;
                        latencies[i] = t - (start + s.sendAt()[i]);
                        sizes[i] = length;
                        last[0] = t;
                    }
                } catch (IOException e) {
                    readFailure.set(e);
                }
            });
            long bytes = 0;
            for (int i = 0; i < n && readFailure.get() == null; i++) {
                long due = start + s.sendAt()[i];
                for (long wait; (wait = due - System.nanoTime()) > 0; ) LockSupport.parkNanos(wait);
                lags[i] = System.nanoTime() - due;
                out.writeInt(s.sizes()[i]);
                out.write(block, s.offsets()[i], s.sizes()[i]);
                out.flush();
                bytes += 2L * s.sizes()[i];
            }
            reader.join();
            if (readFailure.get() != null) throw new IOException("TCP echo connection failed: " + readFailure.get().getMessage(), readFailure.get());
            return new Result(new RpcLoad.Result(latencies, sizes, n, 0, mismatched[0], last[0] - start, bytes), lags);
        }
    }

    private static boolean sameBytes(HomaMessage m, byte[] block, int offset, int length) {
        if (m.length() != length) return false;
        MemorySegment want = MemorySegment.ofArray(block);
        long at = offset;
        for (MemorySegment piece : m.segments()) {
            if (MemorySegment.mismatch(piece, 0, piece.byteSize(), want, at, at + piece.byteSize()) != -1) return false;
            at += piece.byteSize();
        }
        return at == offset + (long) length;
    }
}
