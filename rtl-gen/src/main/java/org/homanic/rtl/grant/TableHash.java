package org.homanic.rtl.grant;

import org.homanic.hdl.UInt;

import static org.homanic.hdl.Hdl.*;

/**
 * The message table's hash: (peer, id) to a set index. x = fold32(peer) ^ id[31:0] ^ id[63:32];
 * g = x ^ (x >> 1) (so ids two apart, as client ids are, still differ in bit 0); the index is
 * the XOR of g's {@code setBits}-wide chunks. Pure XOR: two LUT levels at 256 sets.
 * {@link #setIndex(long, long, int, int)} is the same function in Java, for tests and tools.
 */
public final class TableHash {
    private TableHash() {}

    public static int setIndex(long peer, long id, int peerBits, int setBits) {
        long p = peerBits < 64 ? peer & ((1L << peerBits) - 1) : peer;
        int x = 0;
        for (int lo = 0; lo < peerBits; lo += 32) x ^= (int) (p >>> lo);
        x ^= (int) id ^ (int) (id >>> 32);
        int g = x ^ (x >>> 1);
        int index = 0;
        for (int lo = 0; lo < 32; lo += setBits) index ^= (g >>> lo);
        return index & ((1 << setBits) - 1);
    }

    /** The same function in hardware. */
    public static UInt setIndex(UInt peer, UInt id, int setBits) {
        UInt x = lit(0, 32);
        for (int lo = 0; lo < peer.width(); lo += 32) {
            x = x.xor(peer.bits(Math.min(peer.width() - 1, lo + 31), lo).resize(32));
        }
        x = x.xor(id.bits(31, 0)).xor(id.bits(63, 32));
        UInt g = x.xor(x.shr(1).resize(32));
        UInt index = lit(0, setBits);
        for (int lo = 0; lo < 32; lo += setBits) {
            index = index.xor(g.bits(Math.min(31, lo + setBits - 1), lo).resize(setBits));
        }
        return index;
    }
}
