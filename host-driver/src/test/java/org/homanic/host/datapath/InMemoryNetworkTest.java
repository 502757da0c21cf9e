package org.homanic.host.datapath;

import org.homanic.host.timer.VirtualClock;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class InMemoryNetworkTest {

    /** Sends {@code n} 100-byte packets numbered 0..n-1 from a to b, then collects what arrives. */
    private static List<Integer> exchange(FaultModel faults, long seed, int n, InMemoryNetwork.Stats[] stats) {
        VirtualClock clock = new VirtualClock(0);
        InMemoryNetwork net = new InMemoryNetwork(clock, faults, seed, 200);
        InMemoryDatapath a = net.attach(), b = net.attach();
        List<Integer> got = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            PacketBatch batch = new PacketBatch(arena, 16, 200);
            for (int i = 0; i < n; i++) {
                batch.next().set(ValueLayout.JAVA_INT, 0, i);
                batch.commit(100, b.localAddress(), 0);
                if (batch.isFull()) a.send(batch);
            }
            a.send(batch);
            clock.advance(1_000_000_000);
            while (b.poll(batch) > 0) {
                for (int i = 0; i < batch.size(); i++) {
                    assertEquals(a.localAddress(), batch.peer(i));
                    got.add(batch.length(i) == 100 ? batch.segment(i).get(ValueLayout.JAVA_INT, 0) : -batch.length(i) - 1);
                }
                batch.clear();
            }
        }
        stats[0] = net.stats();
        return got;
    }

    @Test
    void aPerfectNetworkDeliversEverythingInOrder() {
        InMemoryNetwork.Stats[] s = new InMemoryNetwork.Stats[1];
        List<Integer> got = exchange(FaultModel.none(), 1, 1000, s);
        for (int i = 0; i < 1000; i++) assertEquals(i, got.get(i));
    }

    @Test
    void faultsHappenAtTheirRatesAndTheSameSeedGivesTheSameRun() {
        FaultModel f = FaultModel.none().withLoss(0.1).withDuplication(0.05).withReordering(0.2, 50_000).withTruncation(0.02);
        InMemoryNetwork.Stats[] s = new InMemoryNetwork.Stats[1];
        long seed = 12345;
        System.out.println("seed " + seed);
        List<Integer> first = exchange(f, seed, 20_000, s);
        InMemoryNetwork.Stats st = s[0];
        assertEquals(20_000, st.sent());
        assertEquals(0.10, st.lost() / 20_000.0, 0.01);
        assertEquals(0.05, st.duplicated() / 18_000.0, 0.01);
        assertEquals(0.02, st.truncated() / 18_000.0, 0.005);
        assertEquals(st.delivered(), first.size());
        boolean outOfOrder = false;
        for (int i = 1; i < first.size(); i++) if (first.get(i) >= 0 && first.get(i - 1) > first.get(i)) outOfOrder = true;
        assertTrue(outOfOrder, "reordering moved some packet behind a later one");
        assertTrue(first.stream().noneMatch(v -> v < 0), "cut packets are dropped by the receiving datapath");
        assertTrue(st.truncatedDropped() >= st.truncated(), "every cut copy (duplicates too) was dropped");
        assertEquals(first, exchange(f, seed, 20_000, s), "same seed, same deliveries");
    }

    @Test
    void anIsolatedHostGetsNothingAndPacketsToNobodyAreReportedUnreachable() {
        VirtualClock clock = new VirtualClock(0);
        InMemoryNetwork net = new InMemoryNetwork(clock, FaultModel.none(), 1, 200);
        InMemoryDatapath a = net.attach(), b = net.attach();
        try (Arena arena = Arena.ofConfined()) {
            PacketBatch batch = new PacketBatch(arena, 4, 200);
            net.isolate(b.localAddress(), true);
            batch.next();
            batch.commit(40, b.localAddress(), 0);
            a.send(batch);
            clock.advance(1_000_000);
            assertEquals(0, b.poll(batch));
            batch.next().set(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN), 2, (short) 777);
            batch.commit(40, 99, 0);
            a.send(batch);
            long[] peers = new long[4];
            int[] ports = new int[4];
            assertEquals(1, a.pollUnreachable(peers, ports));
            assertEquals(99, peers[0]);
            assertEquals(777, ports[0]);
        }
    }
}
