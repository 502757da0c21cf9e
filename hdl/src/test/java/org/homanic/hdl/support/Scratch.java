package org.homanic.hdl.support;

import org.homanic.hdl.Data;
import org.homanic.hdl.Module;

/** A module whose declarations tests can make from outside, to probe width rules and errors. */
public final class Scratch extends Module {
    public <T extends Data> T in(String name, T type) {
        return input(name, type);
    }

    public <T extends Data> T out(String name, T type) {
        return output(name, type);
    }

    public void drive(Data target, Data value) {
        comb(target, value);
    }

    /** The line this is called from, so a test can expect an error to point exactly there. */
    public static int line() {
        return StackWalker.getInstance().walk(s -> s.skip(1).findFirst().orElseThrow().getLineNumber());
    }
}
