package org.homanic.hdl.constructs;

import org.homanic.hdl.Bool;
import org.homanic.hdl.Module;
import org.homanic.hdl.UInt;

import static org.homanic.hdl.Hdl.*;

/** The counter of the style guide: counts while enabled, raises wrap for one cycle at roll-over. */
public final class Counter extends Module {
    final Bool en = input(Bool());
    final UInt count;
    final Bool wrap = output(Bool());

    public Counter(int width) {
        count = output(UInt(param("WIDTH", width)));
        UInt value = reg("value", UInt(width), 0);
        comb(wrap, FALSE);
        when(en, () -> {
            sync(value, value.add(1));
            comb(wrap, value.andR());
        });
        comb(count, value);
    }
}
