package org.homanic.testbench;

/**
 * Blocking single reads and writes on a design's AXI4-Lite slave ({@code PREFIX_awaddr},
 * {@code _awvalid}, ... {@code _rresp}): each call drives one transaction to its response and
 * returns. The caller's {@code tick} advances one clock, so a test that watches other ports every
 * cycle keeps doing so while a register access is in flight. A slave that does not take the
 * address or does not answer within {@code timeout} cycles, or answers with an error response, is
 * an {@link IllegalStateException} naming the address.
 */
public final class AxiLiteMaster {
    private final Simulator sim;
    private final Runnable tick;
    private final int timeout;
    private final Port awaddr, awvalid, awready, wdata, wstrb, wvalid, wready, bvalid, bready, bresp;
    private final Port araddr, arvalid, arready, rdata, rvalid, rready, rresp;

    public AxiLiteMaster(Simulator sim, String prefix, Runnable tick) {
        this(sim, prefix, tick, 16);
    }

    public AxiLiteMaster(Simulator sim, String prefix, Runnable tick, int timeout) {
        if (timeout < 1) throw new IllegalArgumentException("timeout must be at least one cycle, not " + timeout);
        this.sim = sim;
        this.tick = tick;
        this.timeout = timeout;
        awaddr = sim.port(prefix + "_awaddr");
        awvalid = sim.port(prefix + "_awvalid");
        awready = sim.port(prefix + "_awready");
        wdata = sim.port(prefix + "_wdata");
        wstrb = sim.port(prefix + "_wstrb");
        wvalid = sim.port(prefix + "_wvalid");
        wready = sim.port(prefix + "_wready");
        bvalid = sim.port(prefix + "_bvalid");
        bready = sim.port(prefix + "_bready");
        bresp = sim.port(prefix + "_bresp");
        araddr = sim.port(prefix + "_araddr");
        arvalid = sim.port(prefix + "_arvalid");
        arready = sim.port(prefix + "_arready");
        rdata = sim.port(prefix + "_rdata");
        rvalid = sim.port(prefix + "_rvalid");
        rready = sim.port(prefix + "_rready");
        rresp = sim.port(prefix + "_rresp");
    }

    /** Reads the register at {@code address}. */
    public long read(int address) {
        araddr.set(address);
        arvalid.set(true);
        rready.set(true);
        handshake(() -> arready.isHigh(), "read address", address);
        arvalid.set(false);
        for (int i = 0; i < timeout; i++) {
            if (rvalid.isHigh()) {
                long value = rdata.get();
                long resp = rresp.get();
                tick.run();
                if (resp != 0) throw new IllegalStateException(error("read", address, resp));
                return value;
            }
            tick.run();
        }
        throw new IllegalStateException("no AXI4-Lite read response for 0x" + Integer.toHexString(address));
    }

    /** Writes all four bytes of the register at {@code address}. */
    public void write(int address, long value) {
        write(address, value, 0xF);
    }

    /** Writes the bytes of {@code value} whose {@code strobes} bits are set. */
    public void write(int address, long value, int strobes) {
        awaddr.set(address);
        awvalid.set(true);
        wdata.set(value);
        wstrb.set(strobes);
        wvalid.set(true);
        bready.set(true);
        handshake(() -> awready.isHigh() && wready.isHigh(), "write", address);
        awvalid.set(false);
        wvalid.set(false);
        for (int i = 0; i < timeout; i++) {
            if (bvalid.isHigh()) {
                long resp = bresp.get();
                tick.run();
                if (resp != 0) throw new IllegalStateException(error("write", address, resp));
                return;
            }
            tick.run();
        }
        throw new IllegalStateException("no AXI4-Lite write response for 0x" + Integer.toHexString(address));
    }

    // The slave takes address and data together in one cycle (as every slave of this project does).
    private void handshake(java.util.function.BooleanSupplier accepted, String what, int address) {
        for (int i = 0; i < timeout; i++) {
            sim.eval();
            boolean done = accepted.getAsBoolean();
            tick.run();
            if (done) return;
        }
        throw new IllegalStateException("AXI4-Lite " + what + " of 0x" + Integer.toHexString(address)
                + " not accepted within " + timeout + " cycles");
    }

    private static String error(String what, int address, long resp) {
        return "AXI4-Lite " + what + " of 0x" + Integer.toHexString(address) + " answered "
                + (resp == 2 ? "SLVERR" : resp == 3 ? "DECERR" : "response " + resp);
    }
}
