package org.homanic.hdl;

/** An asynchronous (combinational) read of a memory: {@code mem[addr]}, LUT RAM on FPGAs. */
public final class MemReadNode extends Node {
    private final Mem mem;
    private final Node address;

    MemReadNode(Mem mem, Node address) {
        super(mem.width(), false);
        this.mem = mem;
        this.address = address;
    }

    public Mem mem() {
        return mem;
    }

    public Node address() {
        return address;
    }
}
