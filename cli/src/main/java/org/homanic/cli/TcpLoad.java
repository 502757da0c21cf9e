package org.homanic.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.function.LongUnaryOperator;

/**
 * The TCP baseline of {@code bench rpc}: one connection per client, each request a 4-byte
 * length and the bytes, answered in order by the echo server. With several requests
 * outstanding they queue in the one byte stream, as RPCs over a TCP connection do. A writer
 * and a reader thread per connection, so a large response never blocks the next request.
 */
final class TcpLoad {
    private TcpLoad() {}

    /** Runs {@code count} RPCs with {@code outstanding} in flight; latencies and sizes in completion order. */
    static RpcLoad.Result run(InetSocketAddress server, int count, int outstanding, LongUnaryOperator sizeOf, long seed)
            throws IOException, InterruptedException {
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            s.connect(server);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream(), 1 << 16));
            DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream(), 1 << 16));
            Semaphore slots = new Semaphore(outstanding);
            ArrayBlockingQueue<byte[]> sentPayloads = new ArrayBlockingQueue<>(outstanding);
            long[] sentAt = new long[count];
            long[] latencies = new long[count];
            int[] sizes = new int[count];
            int[] mismatched = new int[1];
            java.util.concurrent.atomic.AtomicReference<IOException> readFailure = new java.util.concurrent.atomic.AtomicReference<>();
            long start = System.nanoTime();
            Thread reader = Thread.ofPlatform().name("tcp-reader").start(() -> {
                try {
                    byte[] buffer = new byte[1 << 20];
                    for (int i = 0; i < count; i++) {
                        int length = in.readInt();
                        in.readFully(buffer, 0, length);
                        long now = System.nanoTime();
                        byte[] expected = sentPayloads.take();
                        if (length != expected.length || Arrays.mismatch(buffer, 0, length, expected, 0, length) != -1) mismatched[0]++;
                        latencies[i] = now - sentAt[i];
                        sizes[i] = length;
                        slots.release();
                    }
                } catch (IOException e) {
                    readFailure.set(e);
                    slots.release(outstanding);   // let the writer find out
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            long bytes = 0;
            for (int i = 0; i < count; i++) {
                slots.acquire();
                if (readFailure.get() != null) break;
                int size = (int) sizeOf.applyAsLong(i);
                byte[] payload = new byte[size];
                new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i).nextBytes(payload);
                sentAt[i] = System.nanoTime();
                sentPayloads.put(payload);   // publishes sentAt[i] to the reader too
                out.writeInt(size);
                out.write(payload);
                out.flush();
                bytes += 2L * size;
            }
            reader.join();
            if (readFailure.get() != null) throw new IOException("TCP echo connection failed: " + readFailure.get().getMessage(), readFailure.get());
            long nanos = System.nanoTime() - start;
            return new RpcLoad.Result(latencies, sizes, count, 0, mismatched[0], nanos, bytes);
        }
    }
}
