package org.homanic.rtl.classifier;

import org.homanic.protocol.wire.DataView;
import org.homanic.protocol.wire.FrameBuilder;
import org.homanic.protocol.wire.GrantView;
import org.homanic.protocol.wire.HomaView;
import org.homanic.protocol.wire.NetHeaders;
import org.homanic.protocol.wire.PacketType;
import org.homanic.protocol.wire.Rejection;
import org.homanic.testbench.Simulator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Hand-built frames with hand-written expectations, at every bus width. */
class ClassifierIngressHandTest {

    /** The queue hash written out independently: XOR of the 3-bit chunks of peer||id. */
    static int expectedQueue(byte[] peer16, long localId) {
        BigInteger v = new BigInteger(1, peer16).shiftLeft(64).or(new BigInteger(Long.toUnsignedString(localId)));
        int q = 0;
        for (int lo = 0; lo < 192; lo += 3) q ^= v.shiftRight(lo).intValue() & 7;
        return q;
    }

    static byte[] dataFrame(long seq, long segOffset, long msgLen, int payload, boolean breakChecksum) {
        byte[] homa = new byte[56 + payload];
        for (int i = 56; i < homa.length; i++) homa[i] = (byte) i;
        MemorySegment s = MemorySegment.ofArray(homa);
        new HomaView().wrap(s, 0).initCommon(PacketType.DATA, 40000, 99, 1000).sequence(seq);
        new DataView().wrap(s, 0).messageLength(msgLen).incoming(5000).segOffset(segOffset).retransmit(1);
        byte[] f = new FrameBuilder().addresses(new byte[] {10, 1, 2, 3}, new byte[] {10, 9, 9, 9}).priority(5).build(homa);
        if (breakChecksum) f[14 + 10] ^= 0x01;
        return f;
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 512, 1024})
    void handBuiltFrames(int width) {
        IngressClassifier.Params p = switch (width) {
            case 64 -> ClassifierIngressRandomTest.P64;
            case 1024 -> ClassifierIngressRandomTest.P1024;
            default -> ClassifierIngressRandomTest.P512;
        };
        byte[] data = dataFrame(2800, 0xFFFF_FFFFL, 10000, 100, false);
        byte[] grantHomaBytes = new byte[33];
        MemorySegment gs = MemorySegment.ofArray(grantHomaBytes);
        new HomaView().wrap(gs, 0).initCommon(PacketType.GRANT, 99, 40000, 7);
        new GrantView().wrap(gs, 0).offset(20000).priority(2);
        byte[] v6src = new byte[16];
        for (int i = 0; i < 16; i++) v6src[i] = (byte) (0x20 + i);
        byte[] grant = new FrameBuilder().addresses(v6src, new byte[16]).vlan(42, 3).hijack(true).priority(7)
                .build(grantHomaBytes);
        byte[] badSum = dataFrame(2800, 0xFFFF_FFFFL, 10000, 100, true);
        byte[] udp = dataFrame(0, 0, 10, 4, false);
        MemorySegment us = MemorySegment.ofArray(udp);
        NetHeaders.IPV4.field("protocol").set(us, 14, 17);
        NetHeaders.IPV4.field("header_checksum").set(us, 14, 0);
        NetHeaders.IPV4.field("header_checksum").set(us, 14,
                org.homanic.protocol.wire.Checksums.checksum(us, 14, 20));
        byte[] pastEnd = dataFrame(0, 9950, 10000, 100, false);

        try (Simulator sim = IngressModels.load(p, false).newSimulator()) {
            sim.reset(2);
            IngressHarness h = new IngressHarness(sim, p, 1, 0, 0);
            h.send(new IngressTraffic.Frame(data, false));
            h.send(new IngressTraffic.Frame(grant, false));
            h.send(new IngressTraffic.Frame(badSum, false));
            h.send(new IngressTraffic.Frame(udp, false));
            h.send(new IngressTraffic.Frame(data, true));
            h.send(new IngressTraffic.Frame(pastEnd, false));
            assertTrue(h.run(10_000, 100));

            byte[] peer4 = new byte[16];
            peer4[10] = (byte) 0xFF;
            peer4[11] = (byte) 0xFF;
            peer4[12] = 10; peer4[13] = 1; peer4[14] = 2; peer4[15] = 3;
            int qData = expectedQueue(peer4, 1001);
            int qGrant = expectedQueue(v6src, 6);
            IngressMetadata wantData = new IngressMetadata(true, qData, 190, false, false, false, 5, 0x10, peer4,
                    40000, 99, 1001, 2800, 100, 10000, 5000, true);
            IngressMetadata wantGrant = new IngressMetadata(true, qGrant, 14 + 4 + 40 + 33, true, true, true, 7, 0x11,
                    v6src, 99, 40000, 6, 0, 0, 0, 0, false);
            IngressMetadata wantUdp = new IngressMetadata(false, 8, udp.length, false, false, false, 0, 0, new byte[16],
                    0, 0, 0, 0, 0, 0, 0, false);

            List<List<IngressHarness.Received>> got = h.received();
            int total = got.stream().mapToInt(List::size).sum();
            assertEquals(3, total, "three frames delivered");
            IngressHarness.Received d = got.get(qData).getFirst();
            assertArrayEquals(data, d.bytes());
            assertEquals(wantData, d.meta());
            IngressHarness.Received g = got.get(qGrant).get(qData == qGrant ? 1 : 0);
            assertArrayEquals(grant, g.bytes());
            assertEquals(wantGrant, g.meta());
            assertEquals(1, got.get(8).size());
            assertArrayEquals(udp, got.get(8).getFirst().bytes());
            assertEquals(wantUdp, got.get(8).getFirst().meta());
            assertEquals(List.of(wantData), h.events());
            assertEquals(1, h.learned().size(), "the GRANT teaches the egress tables");
            EgressReference.Learn learn = h.learned().getFirst();
            assertTrue(learn.grant());
            assertArrayEquals(v6src, learn.peer());
            assertEquals(6, learn.localId());
            assertEquals(2, learn.priority());

            long[] c = h.counters();
            assertEquals(6, c[IngressCounter.FRAMES]);
            assertEquals(1, c[IngressCounter.BAD_FRAME]);
            assertEquals(2, c[IngressCounter.HOMA_VALID]);
            assertEquals(1, c[IngressCounter.reason(Rejection.IPV4_BAD_CHECKSUM)]);
            assertEquals(1, c[IngressCounter.reason(Rejection.NOT_HOMA_PROTOCOL)]);
            assertEquals(1, c[IngressCounter.reason(Rejection.DATA_PAST_MESSAGE_END)]);
            assertEquals(2, c[IngressCounter.DELIVERED_HOMA]);
            assertEquals(1, c[IngressCounter.DELIVERED_OTHER]);
            assertEquals(1, c[IngressCounter.DATA_EVENTS]);
            assertEquals(0, c[IngressCounter.HOST_QUEUE_FULL] + c[IngressCounter.BUFFER_FULL]);
        }
    }

    /** A host that drains packet data but never metadata: packets are dropped whole, data and metadata stay paired. */
    @org.junit.jupiter.api.Test
    void hostIgnoringMetadataCausesDropsNotMisalignment() {
        IngressClassifier.Params p = ClassifierIngressRandomTest.P512;
        try (Simulator sim = IngressModels.load(p, false).newSimulator()) {
            sim.reset(2);
            int n = 400;                              // more one-beat packets than a metadata FIFO holds (256)
            IngressTraffic.Frame udp = new IngressTraffic.Frame(new FrameBuilder().build(new byte[30]), false);
            MemorySegment us = MemorySegment.ofArray(udp.bytes());
            NetHeaders.IPV4.field("protocol").set(us, 14, 17);
            NetHeaders.IPV4.field("header_checksum").set(us, 14, 0);
            NetHeaders.IPV4.field("header_checksum").set(us, 14, org.homanic.protocol.wire.Checksums.checksum(us, 14, 20));
            org.homanic.testbench.Port ready = sim.port("m_axis_8_tready"), valid = sim.port("m_axis_8_tvalid");
            org.homanic.testbench.Port metaValid = sim.port("m_meta_8_valid");
            sim.port("m_meta_8_ready").set(false);
            sim.port("cfg_queue_limit").set(0xFFFF);
            int got = 0;
            for (int i = 0; i < n; i++) {
                sim.port("s_axis_tdata").setBytes(udp.bytes(), 0, 64);
                sim.port("s_axis_tkeep").set(-1L);
                sim.port("s_axis_tlast").set(true);
                sim.port("s_axis_tvalid").set(true);
                ready.set(true);
                if (valid.isHigh()) got++;
                sim.tick();
            }
            sim.port("s_axis_tvalid").set(false);
            for (int i = 0; i < 100; i++) {
                if (valid.isHigh()) got++;
                sim.tick();
            }
            long dropped = sim.port("counters_" + IngressCounter.HOST_QUEUE_FULL).get();
            long delivered = sim.port("counters_" + IngressCounter.DELIVERED_OTHER).get();
            assertEquals(n, delivered + dropped, "every packet delivered or dropped whole");
            assertTrue(dropped > 0, "the metadata FIFO filled up");
            assertEquals(delivered, got, "data left only for packets whose metadata was stored");
            assertTrue(metaValid.isHigh());
        }
    }

    /**
     * The queue threshold: a limit of 3 beats and a host that reads nothing. The limit is soft by
     * one beat (the free count is a cycle old), so back-to-back one-beat packets fill 3 or 4 beats;
     * every packet is delivered or counted.
     */
    @org.junit.jupiter.api.Test
    void queueThresholdDropsWholePackets() {
        IngressClassifier.Params p = ClassifierIngressRandomTest.P512;
        try (Simulator sim = IngressModels.load(p, false).newSimulator()) {
            sim.reset(2);
            sim.port("cfg_queue_limit").set(3);
            byte[] frame = new FrameBuilder().build(new byte[30]);
            MemorySegment us = MemorySegment.ofArray(frame);
            NetHeaders.IPV4.field("protocol").set(us, 14, 17);
            NetHeaders.IPV4.field("header_checksum").set(us, 14, 0);
            NetHeaders.IPV4.field("header_checksum").set(us, 14, org.homanic.protocol.wire.Checksums.checksum(us, 14, 20));
            for (int i = 0; i < 5; i++) {
                sim.port("s_axis_tdata").setBytes(frame, 0, 64);
                sim.port("s_axis_tkeep").set(-1L);
                sim.port("s_axis_tlast").set(true);
                sim.port("s_axis_tvalid").set(true);
                sim.tick();
            }
            sim.port("s_axis_tvalid").set(false);
            for (int i = 0; i < 50; i++) sim.tick();
            long delivered = sim.port("counters_" + IngressCounter.DELIVERED_OTHER).get();
            assertTrue(delivered == 3 || delivered == 4, "delivered " + delivered);
            assertEquals(5 - delivered, sim.port("counters_" + IngressCounter.HOST_QUEUE_FULL).get());
        }
    }

    /**
     * A GRANT the receive buffer has no room for teaches the egress nothing (the host never sees
     * it); the next, which fits, does. Buffer of 1024 bytes; the first GRANT carries Ethernet
     * padding up to 1100 bytes (valid: the IP length, not the frame, bounds the packet).
     */
    @org.junit.jupiter.api.Test
    void aGrantDroppedForBufferRoomTeachesNothing() {
        IngressClassifier.Params p = new IngressClassifier.Params(512, 8, 1024, 16384, 64);
        byte[] peer = new byte[16];
        for (int i = 0; i < 16; i++) peer[i] = (byte) (0x40 + i);
        byte[][] grants = new byte[2][];
        for (int k = 0; k < 2; k++) {
            byte[] homa = new byte[33];
            MemorySegment gs = MemorySegment.ofArray(homa);
            new HomaView().wrap(gs, 0).initCommon(PacketType.GRANT, 99, 40000, 7 + 2 * k);
            new GrantView().wrap(gs, 0).offset(20000).priority(3 + k);
            grants[k] = new FrameBuilder().addresses(peer, new byte[16]).build(homa);
        }
        byte[] padded = java.util.Arrays.copyOf(grants[0], 1100);
        try (Simulator sim = IngressModels.load(p, false).newSimulator()) {
            sim.reset(2);
            IngressHarness h = new IngressHarness(sim, p, 1, 0, 0);
            h.send(new IngressTraffic.Frame(padded, false));
            h.send(new IngressTraffic.Frame(grants[1], false));
            assertTrue(h.run(10_000, 100));
            long[] c = h.counters();
            assertEquals(2, c[IngressCounter.HOMA_VALID], "both GRANTs are valid");
            assertEquals(1, c[IngressCounter.BUFFER_FULL], "the padded one does not fit the buffer");
            assertEquals(1, h.learned().size(), "only the kept GRANT teaches");
            EgressReference.Learn l = h.learned().getFirst();
            assertEquals(8, l.localId());                       // sender id 9, XOR 1
            assertEquals(4, l.priority());
            assertArrayEquals(peer, l.peer());
            IngressHarness.Result r = h.check(false);
            assertTrue(r.ok(), () -> String.join("\n", r.errors()));
        }
    }
}
