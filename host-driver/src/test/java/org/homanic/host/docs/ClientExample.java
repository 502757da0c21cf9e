package org.homanic.host.docs;

import org.homanic.host.HomaMessage;
import org.homanic.host.HomaSocket;
import org.homanic.host.HomaStack;
import org.homanic.host.api.HomaAddress;
import org.homanic.host.api.HomaRpcException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The client example of docs/host-api.md, compiled and run by HostApiDocsTest. */
final class ClientExample {
    private ClientExample() {}

    // example:start
    /** Asks the reverser twice: once as a future, once with send/receive and a cookie. */
    static String askTwice(HomaStack stack, HomaAddress server) throws Exception {
        try (HomaSocket client = stack.openSocket()) {
            // 1. call(): a private RPC whose response completes a CompletableFuture.
            HomaMessage first = client.call(server, "hello".getBytes(StandardCharsets.UTF_8))
                    .get(10, TimeUnit.SECONDS);
            String a;
            try {
                a = new String(first.toByteArray(), StandardCharsets.UTF_8);
            } finally {
                first.release(); // give its bpages back to the receive pool
            }

            // 2. send() returns the RPC id; the response comes back with the cookie.
            long id = client.send(server, "homa".getBytes(StandardCharsets.UTF_8), 42);
            try {
                HomaMessage second = client.receive(Duration.ofSeconds(10));
                if (second == null) throw new IllegalStateException("no response yet");
                try (var in = second.inputStream()) {   // or segments(), contiguous(), copyTo()
                    if (second.id() != id || second.completionCookie() != 42) throw new AssertionError();
                    return a + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } finally {
                    second.release();
                }
            } catch (HomaRpcException failed) {
                // Timed out, peer unreachable or aborted: the exception names the RPC.
                throw new IllegalStateException("RPC " + failed.rpcId() + " failed", failed);
            }
        }
    }
    // example:end
}
