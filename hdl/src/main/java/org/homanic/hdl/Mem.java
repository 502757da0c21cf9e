package org.homanic.hdl;

import java.math.BigInteger;
import java.util.List;

/**
 * A memory of {@code depth} words. Two ways to read it:
 * <ul>
 *   <li>{@link #read} is asynchronous (combinational): a register file, LUT RAM on FPGAs;</li>
 *   <li>{@link #readSync} registers the word at the clock edge: block RAM on FPGAs.</li>
 * </ul>
 * Writes ({@link #write}) are synchronous and take the enclosing {@code when} as their enable.
 * Read-during-write of the same address: {@code readSync} returns the old word (read-first),
 * {@code read} shows the old word until the edge and the new one after it.
 */
public final class Mem {
    private final Module owner;
    private String name;
    private final int width;
    private final int depth;
    private final BigInteger[] init;
    private final SourceLocation location;
    private ClockDomain writeDomain;

    Mem(Module owner, String name, int width, int depth, long[] init, SourceLocation location) {
        if (name == null || name.isEmpty()) {
            throw new HdlException(location, "a memory needs a name");
        }
        if (width < 1 || depth < 2) {
            throw new HdlException(location, "memory '" + name + "' needs width >= 1 and depth >= 2, not "
                    + width + " x " + depth);
        }
        this.owner = owner;
        this.name = name;
        this.width = width;
        this.depth = depth;
        this.location = location;
        if (init != null) {
            if (init.length > depth) {
                throw new HdlException(location, "memory '" + name + "' has " + depth + " words but "
                        + init.length + " initial values");
            }
            this.init = new BigInteger[depth];
            for (int i = 0; i < depth; i++) {
                long v = i < init.length ? init[i] : 0;
                BigInteger b = BigInteger.valueOf(v);
                if (b.signum() < 0 || b.bitLength() > width) {
                    throw new HdlException(location, "initial value " + v + " of memory '" + name + "' word " + i
                            + " does not fit " + width + " bits");
                }
                this.init[i] = b;
            }
        } else {
            this.init = null;
        }
    }

    public String name() {
        return name;
    }

    void rename(String legalName) {
        this.name = legalName;
    }

    public int width() {
        return width;
    }

    public int depth() {
        return depth;
    }

    public int addressWidth() {
        return Hdl.indexWidth(depth);
    }

    public Module owner() {
        return owner;
    }

    public SourceLocation location() {
        return location;
    }

    /** Initial contents, or null. */
    public BigInteger[] init() {
        return init == null ? null : init.clone();
    }

    /** The domain of this memory's writes, or null when nothing writes it. */
    public ClockDomain writeDomain() {
        return writeDomain;
    }

    /** Asynchronous read. */
    public UInt read(UInt address) {
        return new UInt(new MemReadNode(this, checkAddress(address)));
    }

    /** Synchronous read in the default domain: the word appears on the returned register after the edge. */
    public UInt readSync(String registerName, UInt address) {
        return readSync(owner.domain(), registerName, address);
    }

    /** Synchronous read with a read enable: the register keeps its word while {@code enable} is low. */
    public UInt readSync(String registerName, UInt address, Bool enable) {
        UInt[] word = new UInt[1];
        owner.when(enable, () -> word[0] = readSync(registerName, address));
        return word[0];
    }

    public UInt readSync(ClockDomain domain, String registerName, UInt address) {
        SourceLocation at = SourceLocation.here();
        Node addr = checkAddress(address);
        Signal data = owner.newSignal(Signal.Kind.REG, width, false, registerName, at);
        owner.addStatement(new Stmt.Assign(data, new MemReadNode(this, addr), domain, at));
        data.addDriver(new Signal.Driver(owner, domain, at));
        return new UInt(data);
    }

    /** Synchronous write in the default domain, enabled by the enclosing {@code when}. */
    public void write(UInt address, Bits data) {
        write(owner.domain(), address, data);
    }

    public void write(ClockDomain domain, UInt address, Bits data) {
        SourceLocation at = SourceLocation.here();
        if (data.width() != width) {
            throw new HdlException(at, "writing " + data.width() + " bits into " + width + "-bit memory '" + name + "'");
        }
        if (writeDomain != null && writeDomain != domain) {
            throw new HdlException(at, "memory '" + name + "' is written from two clock domains");
        }
        writeDomain = domain;
        owner.addStatement(new Stmt.MemWrite(this, checkAddress(address), data.node(), domain, at));
    }

    private Node checkAddress(UInt address) {
        if (address.width() > addressWidth()) {
            throw new HdlException(SourceLocation.here(), "address of memory '" + name + "' is " + address.width()
                    + " bits; it needs " + addressWidth());
        }
        Node a = address.node();
        return a.width() == addressWidth() ? a
                : new OpNode(Op.EXTEND, addressWidth(), false, List.of(a), SourceLocation.here());
    }
}
