package org.homanic.protocol.pcap;

import org.homanic.protocol.wire.AckView;
import org.homanic.protocol.wire.CutoffsView;
import org.homanic.protocol.wire.DataView;
import org.homanic.protocol.wire.GrantView;
import org.homanic.protocol.wire.HomaConstants;
import org.homanic.protocol.wire.HomaView;
import org.homanic.protocol.wire.PacketType;
import org.homanic.protocol.wire.ResendView;

import java.lang.foreign.MemorySegment;

/** One packet of each type with a distinct value in every field, so a dissector mixing fields up shows. */
final class SamplePackets {
    private SamplePackets() {}

    static byte[] of(PacketType type, boolean hijackMarker) {
        int payload = type == PacketType.DATA ? 100 : 0;
        byte[] b = new byte[type.minLength() + payload];
        MemorySegment s = MemorySegment.ofArray(b);
        HomaView common = switch (type) {
            case DATA -> {
                DataView d = new DataView().wrap(s, 0).messageLength(5000).incoming(4000).ackClientId(0x1122334455667788L)
                        .ackServerPort(99).cutoffVersion(3).retransmit(1).pad(0x000102)
                        .segOffset(hijackMarker ? HomaConstants.OFFSET_IN_SEQUENCE : 1400);
                for (int i = 0; i < payload; i++) b[56 + i] = (byte) i;
                yield d;
            }
            case GRANT -> new GrantView().wrap(s, 0).offset(60_000).priority(2);
            case RESEND -> new ResendView().wrap(s, 0).offset(2800).length(HomaConstants.RESEND_ALL).priority(7);
            case CUTOFFS -> {
                CutoffsView c = new CutoffsView().wrap(s, 0).cutoffVersion(9);
                for (int i = 0; i < 8; i++) c.cutoff(i, 1000L * i + i);
                yield c;
            }
            case ACK -> {
                AckView a = new AckView().wrap(s, 0).numAcks(3);
                for (int i = 0; i < 5; i++) a.ack(i, 100 + 2L * i, 4000 + i);
                yield a;
            }
            default -> new HomaView().wrap(s, 0);
        };
        common.initCommon(type, 40_000 + type.code(), 500, 0x1000 + type.code() * 2L);
        common.sequence(type == PacketType.DATA ? 1400 : 0);
        common.ackHigh(0x010203).window(0x0405).checksum(0x0607);
        if (!hijackMarker) common.flags(0x42).urgent(0x1234);
        return b;
    }
}
