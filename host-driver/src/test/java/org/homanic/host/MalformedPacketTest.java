package org.homanic.host;

import org.homanic.host.datapath.FaultModel;
import org.homanic.host.datapath.InMemoryDatapath;
import org.homanic.host.datapath.PacketBatch;
import org.homanic.host.metrics.DropReason;
import org.homanic.host.metrics.MetricsSnapshot;
import org.homanic.protocol.rx.Reassembly.Outcome;
import org.homanic.protocol.wire.AckView;
import org.homanic.protocol.wire.DataView;
import org.homanic.protocol.wire.GrantView;
import org.homanic.protocol.wire.HomaConstants;
import org.homanic.protocol.wire.HomaView;
import org.homanic.protocol.wire.PacketType;
import org.homanic.protocol.wire.Rejection;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Acceptance: a corpus of malformed or hostile packets, one for each reason a packet can be
 * refused on a datapath that carries Homa headers, is refused and counted under that reason,
 * while a 300 KB RPC in flight completes byte-exact.
 */
class MalformedPacketTest {
    /** Frame-level reasons: only FrameParser.parseFrame (Ethernet/IP input) can give them. */
    private static final Set<Rejection> FRAME_ONLY = EnumSet.range(Rejection.ETHERNET_TRUNCATED, Rejection.TCP_NOT_HIJACKED);

    private static final int ATTACKER_PORT = 40_000;
    private static final long ATTACKER_ID = 1000;

    private final Arena arena = Arena.ofConfined();
    private PacketBatch batch;
    private InMemoryDatapath attacker;
    private long victim;

    @Test
    void everyRejectionIsCountedByReasonWhileAnRpcCompletes() {
        try (Cluster c = new Cluster(FaultModel.none(), 8); arena) {
            HomaStack serverStack = c.add(HostConfig.defaults());
            HomaStack clientStack = c.add(HostConfig.defaults());
            HomaSocket server = serverStack.bind(100);
            HomaSocket serverSideClient = serverStack.openSocket();
            HomaSocket client = clientStack.openSocket();
            attacker = c.network.attach();
            victim = serverStack.localAddress();
            batch = new PacketBatch(arena, 64, Cluster.MTU);

            byte[] request = Payloads.make(8, 1, 300_000);
            client.send(server.address(), request, 1);
            c.step();
            c.step(); // the RPC is now in flight: part of it has arrived

            // Parser rejections.
            raw(20, s -> {});                                                               // HOMA_TRUNCATED
            raw(28, s -> common(s, PacketType.BUSY, 100, 5).typeCode(0x20));                 // UNKNOWN_TYPE
            raw(30, s -> common(s, PacketType.GRANT, 100, 5));                               // TOO_SHORT_FOR_TYPE
            raw(56 + 10, s -> dataHeader(s, 100, 7, 1_000_001, 0));                          // MESSAGE_TOO_LONG
            raw(56 + 10, s -> dataHeader(s, 100, 7, 5000, 5000));                            // DATA_OFFSET_OUT_OF_RANGE
            raw(56 + 10, s -> dataHeader(s, 100, 7, 5000, 4995));                            // DATA_PAST_MESSAGE_END

            // The attacker's own request: 10,000 bytes, [0,1000) and [5000,6000) arrive, leaving a gap.
            data(100, ATTACKER_ID, 10_000, 0, 1000);
            data(100, ATTACKER_ID, 10_000, 5000, 1000);
            data(100, ATTACKER_ID, 10_000, 0, 1000);                                         // DROP_DUPLICATE
            data(100, ATTACKER_ID, 10_000, 500, 1000);                                       // DROP_OVERLAPS_GAP_START
            data(100, ATTACKER_ID, 10_000, 4500, 1000);                                      // DROP_OVERLAPS_GAP_END
            data(100, ATTACKER_ID, 20_000, 7000, 1000);                                      // LENGTH_MISMATCH

            // Host-state drops.
            data(999, 2, 100, 0, 100);                                                       // UNKNOWN_PORT
            data(serverSideClient.port(), 4, 100, 0, 100);                                   // NOT_A_SERVER
            raw(33, s -> new GrantView().wrap(s, 0).initCommon(PacketType.GRANT, ATTACKER_PORT, 100, 77)); // UNKNOWN_RPC
            raw(33, s -> new GrantView().wrap(s, 0).initCommon(PacketType.GRANT, ATTACKER_PORT, 100, ATTACKER_ID)); // WRONG_STATE
            raw(80, s -> new AckView().wrap(s, 0).initCommon(PacketType.ACK, ATTACKER_PORT, 100, 2000)); // acks id 2000
            data(100, 2000, 100, 0, 100);                                                    // FINISHED_RPC
            attacker.send(batch);

            HomaMessage[] got = new HomaMessage[1];
            c.runUntil(() -> (got[0] = server.poll()) != null, 100_000);
            assertArrayEquals(request, got[0].toByteArray(), "the RPC in flight is untouched");
            server.reply(got[0], new byte[] {42});
            got[0].release();
            c.runUntil(() -> (got[0] = client.poll()) != null, 100_000);
            assertArrayEquals(new byte[] {42}, got[0].toByteArray());

            MetricsSnapshot m = serverStack.metrics();
            for (Rejection r : Rejection.values()) {
                assertEquals(FRAME_ONLY.contains(r) ? 0 : 1, m.rejected(r), r.name());
            }
            assertEquals(1, m.reassemblyDropped(Outcome.DROP_DUPLICATE));
            assertEquals(1, m.reassemblyDropped(Outcome.DROP_OVERLAPS_GAP_START));
            assertEquals(1, m.reassemblyDropped(Outcome.DROP_OVERLAPS_GAP_END));
            for (DropReason d : DropReason.values()) {
                assertEquals(d == DropReason.NO_BUFFER_SPACE ? 0 : 1, m.dropped(d), d.name());
            }
            assertEquals(0, clientStack.metrics().totalDrops(), "the honest client saw nothing odd");
        }
    }

    private interface Filler {
        void fill(MemorySegment s);
    }

    private void raw(int length, Filler f) {
        MemorySegment s = batch.next();
        s.fill((byte) 0);
        f.fill(s);
        batch.commit(length, victim, 0);
    }

    private static HomaView common(MemorySegment s, PacketType type, int dport, long senderId) {
        return new HomaView().wrap(s, 0).initCommon(type, ATTACKER_PORT, dport, senderId);
    }

    private static void dataHeader(MemorySegment s, int dport, long senderId, long messageLength, long offset) {
        DataView d = new DataView().wrap(s, 0);
        d.initCommon(PacketType.DATA, ATTACKER_PORT, dport, senderId);
        d.messageLength(messageLength).incoming(messageLength).segOffset(offset);
    }

    /** A well-formed DATA packet carrying {@code count} bytes of 0x66 at {@code offset}. */
    private void data(int dport, long senderId, long messageLength, long offset, int count) {
        raw(DataView.HEADER_LENGTH + count, s -> {
            dataHeader(s, dport, senderId, messageLength, offset);
            s.asSlice(DataView.HEADER_LENGTH, count).fill((byte) 0x66);
        });
    }

    static {
        // The corpus relies on these sizes; a change in the protocol module should fail here first.
        if (HomaConstants.MAX_MESSAGE_LENGTH != 1_000_000 || DataView.HEADER_LENGTH != 56) throw new AssertionError("layout changed");
    }
}
