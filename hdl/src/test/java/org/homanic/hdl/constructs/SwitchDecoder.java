package org.homanic.hdl.constructs;

import org.homanic.hdl.Bool;
import org.homanic.hdl.Module;
import org.homanic.hdl.UInt;

import static org.homanic.hdl.Hdl.*;

/** switch/is with several values per item, a default, and when/elseWhen/otherwise nested inside. */
public final class SwitchDecoder extends Module {
    final UInt op = input(UInt(3));
    final Bool flag = input(Bool());
    final UInt x = input(UInt(8));
    final UInt result = output(UInt(8));
    final UInt total;

    public SwitchDecoder() {
        total = output(UInt(8));
        comb(result, 0);
        switchOn(op, s -> s
                .is(0, () -> comb(result, x))
                .is(new long[] {1, 2}, () -> when(flag, () -> comb(result, x.add(1)))
                        .elseWhen(x.eq(0), () -> comb(result, 0xff))
                        .otherwise(() -> comb(result, x.sub(1))))
                .is(7, () -> comb(result, x.not()))
                .otherwise(() -> when(flag, () -> comb(result, 0x55))));

        UInt acc = reg("acc", UInt(8), 0);
        switchOn(op, s -> s.is(3, () -> sync(acc, acc.add(x))).is(4, () -> sync(acc, 0)));
        comb(total, acc);
    }
}
