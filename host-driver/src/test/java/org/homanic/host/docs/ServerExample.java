package org.homanic.host.docs;

import org.homanic.host.HomaSocket;
import org.homanic.host.HomaStack;

/** The server example of docs/host-api.md, compiled and run by HostApiDocsTest. */
final class ServerExample {
    private ServerExample() {}

    // example:start
    /** Binds port 4000 and answers every request with its bytes reversed, on a thread of its own. */
    static HomaSocket startReverser(HomaStack stack) {
        HomaSocket server = stack.bind(4000);
        Thread.ofPlatform().name("reverser").start(() -> {
            try {
                // Receives, replies with the handler's result and releases each request,
                // until the socket is closed.
                server.serve(request -> {
                    byte[] bytes = request.toByteArray();
                    for (int i = 0, j = bytes.length - 1; i < j; i++, j--) {
                        byte t = bytes[i];
                        bytes[i] = bytes[j];
                        bytes[j] = t;
                    }
                    return bytes;
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return server;
    }
    // example:end
}
