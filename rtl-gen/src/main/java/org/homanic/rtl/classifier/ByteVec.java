package org.homanic.rtl.classifier;

import org.homanic.hdl.Bits;
import org.homanic.hdl.UInt;
import org.homanic.protocol.wire.Field;

import static org.homanic.hdl.Hdl.cat;

/**
 * Slicing helpers for a header held as bytes in AXI-Stream lane order (byte i of the frame in
 * bits 8i+7..8i). Fields are read at positions taken from the protocol module's declarations.
 */
final class ByteVec {
    private ByteVec() {}

    static UInt byteAt(UInt v, int i) {
        return v.bits(8 * i + 7, 8 * i);
    }

    /** {@code count} bytes starting at {@code from}, still in lane order. */
    static UInt bytes(UInt v, int from, int count) {
        return v.bits(8 * (from + count) - 1, 8 * from);
    }

    /** The big-endian field {@code f} of a header that starts at byte {@code base}. */
    static UInt field(UInt v, int base, Field f) {
        Bits[] parts = new Bits[f.size()];
        for (int i = 0; i < f.size(); i++) {
            parts[i] = byteAt(v, base + f.offset() + i);
        }
        UInt container = parts.length == 1 ? (UInt) parts[0] : cat(parts);
        return f.isBitField() ? container.bits(f.bitShift() + f.bitWidth() - 1, f.bitShift()) : container;
    }
}
