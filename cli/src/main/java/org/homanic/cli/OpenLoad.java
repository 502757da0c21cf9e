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
     * One Homa client on its own socket. One thread sends what is due, then waits in
     * {@code receive} until the next send is due, so that the thread that waits for the
     * responses is also the stack's poller (as in a closed-loop client).
     */
    static Result homa(HomaSocket socket, HomaAddress server, OpenLoopSchedule s, byte[] block, long start) throws InterruptedException {
        int n = s.count();
        MemorySegment blockSegment = MemorySegment.ofArray(block);
        long[] latencies = new long[n], lags = new long[n];
        int[] sizes = new int[n];
        int next = 0, done = 0, ok = 0, failed = 0, mismatched = 0;
        long bytes = 0, last = start;
        while (done < n) {
            long now = System.nanoTime();
            while (next < n && start + s.sendAt()[next] <= now) {
                lags[next] = now - (start + s.sendAt()[next]);
                socket.send(server, blockSegment.asSlice(s.offsets()[next], s.sizes()[next]), next);
                next++;
                now = System.nanoTime();
            }
            HomaMessage m;
            try {
                m = socket.receive(next < n ? Duration.ofNanos(Math.max(1, start + s.sendAt()[next] - now)) : STALL);
            } catch (HomaRpcException e) {
                failed++;
                done++;
                continue;
            }
            if (m == null) {
                if (next < n) continue;   // the next send is due
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
