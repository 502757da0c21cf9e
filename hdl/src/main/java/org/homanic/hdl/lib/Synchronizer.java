package org.homanic.hdl.lib;

import org.homanic.hdl.HdlException;
import org.homanic.hdl.Module;
import org.homanic.hdl.SourceLocation;
import org.homanic.hdl.UInt;

import static org.homanic.hdl.Hdl.*;

/**
 * Brings a signal from another clock domain (or from outside) into this module's domain
 * through a chain of flops. Safe for single bits and for Gray-coded counters only: the bits of
 * a plain multi-bit value may arrive in different cycles.
 */
public final class Synchronizer extends Module {
    public final UInt in;
    public final UInt out;

    public Synchronizer(int width, int stages) {
        if (stages < 2) {
            throw new HdlException(SourceLocation.here(), "a synchronizer needs at least 2 stages, not " + stages);
        }
        param("WIDTH", width);
        param("STAGES", stages);
        in = input(UInt(width));
        out = output(UInt(width));
        asynchronous(in);
        UInt previous = in;
        for (int i = 0; i < stages; i++) {
            UInt stage = reg("stage" + i, UInt(width), 0);
            if (i == 0) {
                synchronizer(stage);
            }
            sync(stage, previous);
            previous = stage;
        }
        comb(out, previous);
    }
}
