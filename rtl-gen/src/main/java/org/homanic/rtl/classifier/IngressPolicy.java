package org.homanic.rtl.classifier;

import org.homanic.protocol.wire.HomaHeaders;
import org.homanic.protocol.wire.NetHeaders;
import org.homanic.protocol.wire.Rejection;

import java.util.EnumSet;
import java.util.Set;

/**
 * The ingress decisions shared by the hardware generator and the Java reference: which
 * {@link Rejection}s are other traffic (passed to the default queue) rather than bad Homa
 * packets (dropped), the reason codes, and the queue hash.
 */
public final class IngressPolicy {
    private IngressPolicy() {}

    /**
     * Rejections that mean "not a Homa packet the NIC can classify": the frame goes unchanged to
     * the default queue. Every other rejection drops the frame and counts it.
     */
    public static final Set<Rejection> PASS_THROUGH = EnumSet.of(Rejection.NOT_IP, Rejection.STACKED_VLAN,
            Rejection.NOT_HOMA_PROTOCOL, Rejection.TCP_NOT_HIJACKED, Rejection.IP_FRAGMENT);

    /** Reason code in the hardware: 0 = a valid Homa packet, else 1 + the rejection's ordinal. */
    public static int code(Rejection r) {
        return r == null ? 0 : r.ordinal() + 1;
    }

    public static int reasonBits() {
        return 32 - Integer.numberOfLeadingZeros(Rejection.values().length);
    }

    /** Bytes of Homa header the parser looks at: the longest header it reads fields from. */
    public static int homaBytes() {
        return Math.max(HomaHeaders.DATA.size(), HomaHeaders.CUTOFFS.size());
    }

    /** Largest offset of the Homa header in a frame: Ethernet + 802.1Q + IPv4 with 40 bytes of options. */
    public static int maxHomaOffset() {
        return NetHeaders.ETHERNET.size() + NetHeaders.VLAN.size() + 15 * 4;
    }

    /** Header bytes captured per frame for a bus of {@code beatBytes}: whole beats covering every field read. */
    public static int captureBytes(int beatBytes) {
        int need = maxHomaOffset() + homaBytes();
        return (need + beatBytes - 1) / beatBytes * beatBytes;
    }

    /**
     * The host queue of a Homa packet: the 192-bit value peer (128 bits, most significant) then
     * local RPC id (64 bits), cut into log2(queues)-bit chunks from the least significant bit,
     * all chunks XORed. {@code queues} is a power of two.
     */
    public static int queueOf(byte[] peer16, long localId, int queues) {
        int k = Integer.numberOfTrailingZeros(queues);
        if (k == 0) return 0;
        int q = 0;
        for (int i = 0; i < 192; i++) {
            int bit;
            if (i < 64) {
                bit = (int) (localId >>> i) & 1;
            } else {
                int pb = i - 64;                         // bit pb of the 128-bit peer, LSB = last byte's bit 0
                bit = (peer16[15 - pb / 8] >> (pb % 8)) & 1;
            }
            q ^= bit << (i % k);
        }
        return q;
    }
}
