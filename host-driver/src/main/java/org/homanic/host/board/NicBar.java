package org.homanic.host.board;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The offload's registers on a board: the NIC's AXI4-Lite window inside a PCIe BAR, read and
 * written by register name. Corundum: BAR 2 (the application window), offset 0. OpenNIC: BAR 2,
 * offset 0x100000 (the 250 MHz box). Names and offsets come from the board folder's
 * {@code registers/register-map.json}.
 */
public final class NicBar implements AutoCloseable {
    private final PcieBar bar;
    private final long base;
    private final RegisterMap map;

    public NicBar(PcieBar bar, long base, RegisterMap map) {
        if (base < 0 || (base & 3) != 0 || base + map.windowBytes() > bar.size()) {
            throw new IllegalArgumentException("the NIC's " + map.windowBytes() + "-byte window at 0x" + Long.toHexString(base)
                    + " does not fit the " + bar.size() + "-byte BAR");
        }
        this.bar = bar;
        this.base = base;
        this.map = map;
    }

    /** Maps BAR {@code barIndex} of the device at {@code bdf} and finds the NIC at {@code base}. */
    public static NicBar open(String bdf, int barIndex, long base, Path registerMapJson) throws IOException {
        RegisterMap map = RegisterMap.load(registerMapJson);
        PcieBar bar = PcieBar.open(bdf, barIndex);
        try {
            return new NicBar(bar, base, map);
        } catch (RuntimeException e) {
            bar.close();
            throw e;
        }
    }

    public int read(String register) {
        return bar.read32(base + map.get(register).offset());
    }

    /** Writes a read-write register; writing a read-only one (a counter) is refused. */
    public void write(String register, int value) {
        RegisterMap.Register r = map.get(register);
        if (!r.writable()) {
            throw new IllegalArgumentException("register '" + register + "' is read-only");
        }
        bar.write32(base + r.offset(), value);
    }

    /** Grant scheduler host command ops (docs/nic.md). */
    public static final int OP_BUFFERS_AVAILABLE = 1, OP_MESSAGE_ENDED = 2;

    /** A notice from the grant scheduler: {@code kind} 1 = the NIC does not schedule message (peer, id). */
    public record Notice(int kind, int peer, long id) {}

    /**
     * Queues a command for the NIC's grant scheduler through the host channel: peer and id
     * first, then the op, whose write queues it (cmd_dropped counts commands a full queue lost).
     */
    public void command(int op, int peer, long id) {
        if (op != OP_BUFFERS_AVAILABLE && op != OP_MESSAGE_ENDED) {
            throw new IllegalArgumentException("command op must be 1 (buffers available) or 2 (message ended), not " + op);
        }
        write("cmd_peer", peer);
        write("cmd_id_lo", (int) id);
        write("cmd_id_hi", (int) (id >>> 32));
        write("cmd_op", op);
    }

    /** The oldest notice, removed from the NIC's queue; null when none waits. */
    public Notice pollNotice() {
        int status = read("notice_status");
        if ((status & 1) == 0) {
            return null;
        }
        Notice n = new Notice((status >>> 1) & 3, read("notice_peer"),
                (Integer.toUnsignedLong(read("notice_id_hi")) << 32) | Integer.toUnsignedLong(read("notice_id_lo")));
        write("notice_pop", 0);
        return n;
    }

    public RegisterMap registers() {
        return map;
    }

    @Override
    public void close() {
        bar.close();
    }
}
