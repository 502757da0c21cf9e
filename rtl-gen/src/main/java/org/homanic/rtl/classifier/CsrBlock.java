package org.homanic.rtl.classifier;

import org.homanic.hdl.AxiLite;
import org.homanic.hdl.Bool;
import org.homanic.hdl.Module;
import org.homanic.hdl.UInt;
import org.homanic.hdl.Vec;

import java.util.List;

import static org.homanic.hdl.Hdl.*;

/**
 * AXI4-Lite subordinate for {@link ClassifierRegisters}: one write and one read at a time (a write
 * is taken when address and data are both valid), OKAY responses, unmapped addresses read 0 and
 * ignore writes; byte strobes honoured. Read data is registered.
 */
public final class CsrBlock extends Module {
    public final AxiLite s_axil = input("s_axil", new AxiLite(ClassifierRegisters.ADDRESS_BITS));
    /** Counter values, in map order of the counter registers. */
    public final Vec<UInt> counters;
    /** Configuration values, in {@link ClassifierRegisters#CONFIG} order. */
    public final Vec<UInt> config;

    public CsrBlock() {
        this(ClassifierRegisters.ALL, ClassifierRegisters.CONFIG);
    }

    /**
     * The block for a map that extends {@link ClassifierRegisters} (same rules: RW registers are
     * configuration in {@code cfg} order, RO registers from {@link ClassifierRegisters#INGRESS_BASE}
     * up are counters, RO registers below it constants).
     */
    public CsrBlock(List<ClassifierRegisters.Register> all, List<ClassifierRegisters.Register> cfg) {
        int nCounters = (int) all.stream()
                .filter(r -> r.access() == ClassifierRegisters.Access.RO && r.offset() >= ClassifierRegisters.INGRESS_BASE).count();
        counters = input("counters", new Vec<>(nCounters, i -> UInt(32)));
        config = output("config", new Vec<>(cfg.size(), i -> UInt(32)));
        int aw = ClassifierRegisters.ADDRESS_BITS;

        UInt[] regs = new UInt[cfg.size()];
        for (int i = 0; i < cfg.size(); i++) {
            regs[i] = reg("cfg_" + cfg.get(i).name(), UInt(32), cfg.get(i).reset());
            comb(config.get(i), regs[i]);
        }

        // Write channel.
        Bool bvalid = reg("bvalid", Bool(), 0);
        Bool doWrite = let("do_write", s_axil.awvalid.and(s_axil.wvalid).and(bvalid.not()));
        comb(s_axil.awready, doWrite);
        comb(s_axil.wready, doWrite);
        comb(s_axil.bvalid, bvalid);
        comb(s_axil.bresp, lit(0, 2));
        when(doWrite, () -> sync(bvalid, TRUE)).elseWhen(s_axil.bready, () -> sync(bvalid, FALSE));
        UInt mask = cat(s_axil.wstrb.bit(3).replicate(8), s_axil.wstrb.bit(2).replicate(8),
                s_axil.wstrb.bit(1).replicate(8), s_axil.wstrb.bit(0).replicate(8));
        for (int i = 0; i < cfg.size(); i++) {
            UInt r = regs[i];
            UInt merged = r.and(mask.not()).or(s_axil.wdata.and(mask));
            when(doWrite.and(s_axil.awaddr.eq(cfg.get(i).offset())), () -> sync(r, merged));
        }

        // Read channel.
        Bool rvalid = reg("rvalid", Bool(), 0);
        UInt rdata = reg("rdata", UInt(32), 0);
        Bool doRead = let("do_read", s_axil.arvalid.and(rvalid.not()));
        comb(s_axil.arready, doRead);
        comb(s_axil.rvalid, rvalid);
        comb(s_axil.rdata, rdata);
        comb(s_axil.rresp, lit(0, 2));
        when(doRead, () -> sync(rvalid, TRUE)).elseWhen(s_axil.rready, () -> sync(rvalid, FALSE));
        UInt addr = s_axil.araddr;
        UInt value = wire("read_value", UInt(32));
        comb(value, lit(0, 32));
        switchOn(addr, s -> {
            int c = 0;
            int k = 0;
            for (ClassifierRegisters.Register r : all) {
                if (r.access() == ClassifierRegisters.Access.RW) {
                    UInt v = regs[k++];
                    s.is(r.offset(), () -> comb(value, v));
                } else if (r.offset() >= ClassifierRegisters.INGRESS_BASE) {
                    UInt v = counters.get(c++);
                    s.is(r.offset(), () -> comb(value, v));
                } else {
                    long v = r.reset();
                    s.is(r.offset(), () -> comb(value, lit(v, 32)));
                }
            }
        });
        when(doRead, () -> sync(rdata, value));
    }
}
