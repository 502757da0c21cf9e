package org.homanic.host;

import org.homanic.host.api.NoBufferSpaceException;
import org.homanic.host.datapath.FaultModel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Outgoing copies live in the stack's payload pool and go back to it when their RPC ends. */
class PayloadReuseTest {

    @Test
    void manyRpcsOneAfterAnotherReuseOneBufferEachSide() {
        try (Cluster c = new Cluster(FaultModel.none(), 3)) {
            HomaStack serverStack = c.add(HostConfig.defaults());
            HomaStack clientStack = c.add(HostConfig.defaults());
            HomaSocket server = serverStack.bind(100);
            HomaSocket client = clientStack.openSocket();
            for (int i = 0; i < 50; i++) {
                byte[] request = Payloads.make(3, i, 100_000);
                client.send(server.address(), request, i);
                HomaMessage[] got = new HomaMessage[1];
                c.runUntil(() -> (got[0] = server.poll()) != null, 100_000);
                assertArrayEquals(request, got[0].toByteArray());
                server.reply(got[0], Payloads.make(4, i, 100_000));
                got[0].release();
                c.runUntil(() -> (got[0] = client.poll()) != null, 100_000);
                assertArrayEquals(Payloads.make(4, i, 100_000), got[0].toByteArray(), "response " + i);
                got[0].release();
            }
            c.runUntil(() -> serverStack.liveRpcs() == 0, 100_000);   // acked: the server's responses are done too
            assertEquals(131_072, clientStack.payloadPoolBytes(), "one 128 KiB buffer for all 50 requests");
            assertEquals(131_072, serverStack.payloadPoolBytes(), "one 128 KiB buffer for all 50 responses");
        }
    }

    @Test
    void aRefusedSendGivesItsCopyBack() {
        try (Cluster c = new Cluster(FaultModel.none(), 3)) {
            HomaStack serverStack = c.add(HostConfig.defaults());
            HomaStack clientStack = c.add(HostConfig.defaults().withMaxOutgoingBytes(1_000_000));
            HomaSocket server = serverStack.bind(100);
            HomaSocket client = clientStack.openSocket();
            client.send(server.address(), new byte[600_000], 1);
            long before = clientStack.payloadPoolBytes();
            for (int i = 0; i < 10; i++) {
                assertThrows(NoBufferSpaceException.class, () -> client.send(server.address(), new byte[600_000], 2));
            }
            assertEquals(before + 1_048_576, clientStack.payloadPoolBytes(), "the refused sends shared one buffer, given back each time");
        }
    }
}
