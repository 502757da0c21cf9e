package org.homanic.testbench;

import java.util.Arrays;
import java.util.HexFormat;

/** The bytes of one AXI-Stream frame (a packet: beats up to and including the one with tlast). */
public final class AxiStreamFrame {
    private final byte[] data;

    public AxiStreamFrame(byte[] data) {
        this.data = data.clone();
    }

    /** A copy of the bytes. */
    public byte[] data() {
        return data.clone();
    }

    public int length() {
        return data.length;
    }

    public byte byteAt(int i) {
        return data[i];
    }

    byte[] unsafeData() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AxiStreamFrame f && Arrays.equals(data, f.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    /** Length and hex bytes (the first 64 and the last 16 of a long frame). */
    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        if (data.length <= 96) return data.length + " bytes [" + hex.formatHex(data) + "]";
        return data.length + " bytes [" + hex.formatHex(data, 0, 64) + " ... " + hex.formatHex(data, data.length - 16, data.length) + "]";
    }
}
