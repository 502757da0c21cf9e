package org.homanic.rtl.grant;

/**
 * Build-time parameters of the grant scheduler.
 *
 * @param entries  message table size (a power of two, at least 2 × ways)
 * @param ways     entries per hash set (2, 4 or 8): a key can live in any way of its set
 * @param peerBits width of the peer number the classifier gives each DATA event
 * @param gaps     reassembly gaps tracked per message (1..4); a packet that would need more is refused
 * @param batchSlots   entries of the queue in front of the scheduler ({@link GrantCoalescer}; 1, 2, 4, 8 or 16)
 * @param batchPackets DATA packets one queue entry holds at most (1..16; 1: packets are never merged)
 */
public record GrantSchedulerParams(int entries, int ways, int peerBits, int gaps, int batchSlots, int batchPackets) {
    /** Message lengths, offsets, grants: HOMA_MAX_MESSAGE_LENGTH = 1,000,000 fits in 20 bits. */
    public static final int LEN_BITS = 20;
    /** Birth order (a counter of created messages). */
    public static final int SEQ_BITS = 32;
    /** The time base, in nanoseconds. */
    public static final int TIME_BITS = 48;
    public static final int SLOTS = 8;

    public GrantSchedulerParams {
        if (Integer.bitCount(ways) != 1 || ways < 2 || ways > 8) throw new IllegalArgumentException("ways must be 2, 4 or 8, not " + ways);
        if (Integer.bitCount(entries) != 1 || entries < 2 * ways || entries > 65536) {
            throw new IllegalArgumentException("entries must be a power of two from " + 2 * ways + " to 65536, not " + entries);
        }
        if (peerBits < 1 || peerBits > 64) throw new IllegalArgumentException("peerBits must be 1..64, not " + peerBits);
        if (gaps < 1 || gaps > 4) throw new IllegalArgumentException("gaps must be 1..4, not " + gaps);
        GrantCoalescer.checkShape(batchSlots, batchPackets);
    }

    /** The default queue: 16 entries (twice max_overcommit's 8 messages) of up to 8 packets. */
    public GrantSchedulerParams(int entries, int ways, int peerBits, int gaps) {
        this(entries, ways, peerBits, gaps, 16, 8);
    }

    public static GrantSchedulerParams defaults() {
        return new GrantSchedulerParams(1024, 4, 32, 2);
    }

    public GrantSchedulerParams withEntries(int n) {
        return new GrantSchedulerParams(n, ways, peerBits, gaps, batchSlots, batchPackets);
    }

    public GrantSchedulerParams withBatches(int slots, int packets) {
        return new GrantSchedulerParams(entries, ways, peerBits, gaps, slots, packets);
    }

    public int sets() {
        return entries / ways;
    }

    public int setBits() {
        return Integer.numberOfTrailingZeros(sets());
    }

    public int wayBits() {
        return Integer.numberOfTrailingZeros(ways);
    }

    /** Bits of a table address: the set in the high bits, the way in the low bits. */
    public int addrBits() {
        return Integer.numberOfTrailingZeros(entries);
    }
}
