package org.homanic.host;

import org.homanic.host.datapath.FaultModel;
import org.homanic.protocol.wire.PacketType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** What the sender puts on the wire: segmentation, unscheduled bytes, levels, SRPT. */
class SenderTest {

    private static HomaStack stackOn(Cluster c, RecordingDatapath dp, HostConfig config) {
        HomaStack s = HomaStack.open(dp, config, c.clock);
        c.stacks.add(s);
        return s;
    }

    @Test
    void packetsAreCutAtThePayloadSizeAndTheUnscheduledBytesGoFirst() {
        try (Cluster c = new Cluster(FaultModel.none(), 1)) {
            HomaStack serverStack = c.add(HostConfig.defaults());
            RecordingDatapath rec = new RecordingDatapath(c.network.attach());
            HomaStack clientStack = stackOn(c, rec, HostConfig.defaults());
            HomaSocket server = serverStack.bind(9);
            HomaSocket client = clientStack.openSocket();
            client.send(server.address(), new byte[100_000], 0);
            // Before any GRANT: exactly the packets below 40,000 unscheduled bytes, 1424 bytes each.
            List<RecordingDatapath.Sent> first = rec.data();
            assertEquals(29, first.size(), "ceil(40000 / 1424) packets");
            for (int i = 0; i < first.size(); i++) {
                assertEquals(i * 1424L, first.get(i).offset());
                assertEquals(56 + 1424, first.get(i).length());
                assertEquals(6, first.get(i).priority(), "no CUTOFFS yet: unscheduled packets use level 6");
            }
            HomaMessage[] got = new HomaMessage[1];
            c.runUntil(() -> (got[0] = server.poll()) != null, 100_000);
            List<RecordingDatapath.Sent> all = rec.data();
            assertEquals(71, all.size(), "ceil(100000 / 1424), nothing sent twice");
            assertEquals(100_000 - 70 * 1424 + 56, all.get(70).length(), "the last packet carries the rest");
            for (RecordingDatapath.Sent s : all.subList(29, 71)) {
                assertEquals(0, s.priority(), "scheduled packets use the GRANT's level: one active message gets level 0");
            }
            got[0].release();
        }
    }

    @Test
    void afterCutoffsUnscheduledPacketsUseTheReceiversTable() {
        try (Cluster c = new Cluster(FaultModel.none(), 1)) {
            HomaStack serverStack = c.add(HostConfig.defaults());
            RecordingDatapath rec = new RecordingDatapath(c.network.attach());
            HomaStack clientStack = stackOn(c, rec, HostConfig.defaults());
            HomaSocket server = serverStack.bind(9);
            HomaSocket client = clientStack.openSocket();
            client.send(server.address(), new byte[10], 0);
            c.runUntil(() -> clientStack.metrics().received(PacketType.CUTOFFS) == 1, 10_000);
            rec.sent.clear();
            // Default receiver table: <=200 -> 7, <=2800 -> 6, <=15000 -> 5, else 4.
            int[][] cases = {{200, 7}, {201, 6}, {2800, 6}, {15_000, 5}, {15_001, 4}};
            for (int[] k : cases) client.send(server.address(), new byte[k[0]], 0);
            List<Integer> levels = new ArrayList<>();
            long lastId = -1;
            for (RecordingDatapath.Sent s : rec.data()) {
                if (s.senderId() != lastId) levels.add(s.priority());
                lastId = s.senderId();
            }
            assertEquals(List.of(7, 6, 6, 5, 4), levels);
            assertTrue(rec.sent.stream().filter(s -> s.type() != PacketType.DATA).allMatch(s -> s.priority() == 7),
                    "control packets go at the top level");
        }
    }

    @Test
    void theShortestRemainingMessageIsSentFirst() {
        try (Cluster c = new Cluster(FaultModel.none(), 1)) {
            HomaStack serverStack = c.add(HostConfig.defaults());
            RecordingDatapath rec = new RecordingDatapath(c.network.attach());
            HomaStack clientStack = stackOn(c, rec, HostConfig.defaults().withTxPacketsPerRound(2).withUnschedBytes(1_000_000));
            HomaSocket server = serverStack.bind(9);
            HomaSocket client = clientStack.openSocket();
            long big = client.send(server.address(), new byte[30_000], 0);
            long small = client.send(server.address(), new byte[3_000], 0);
            c.runUntil(() -> rec.data().size() == 22 + 3, 10_000);
            List<Long> order = rec.data().stream().map(RecordingDatapath.Sent::senderId).toList();
            // Two packets of the big one went with its send(); then the small one's three
            // overtake the big one's remaining twenty.
            assertEquals(List.of(big, big, small, small, small), order.subList(0, 5));
            assertTrue(order.subList(5, order.size()).stream().allMatch(id -> id == big));
        }
    }
}
