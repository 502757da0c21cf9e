package org.homanic.hdl.constructs;

import org.homanic.hdl.Bool;
import org.homanic.hdl.ClockDomain;
import org.homanic.hdl.Module;
import org.homanic.hdl.UInt;
import org.homanic.hdl.lib.Synchronizer;

import static org.homanic.hdl.Hdl.*;

/** Two clock domains: a toggle made in "tx" is brought into the default domain through a synchronizer. */
public final class ClockCrossing extends Module {
    final Bool pulse = input(Bool());
    final Bool seen = output(Bool());

    public ClockCrossing() {
        ClockDomain tx = domain("tx");
        inDomain(tx, pulse);
        Bool toggle = reg("toggle", Bool(), 0);
        when(pulse, () -> sync(tx, toggle, toggle.not()));

        Synchronizer sync = instance("toggle_sync", new Synchronizer(1, 2));
        comb(sync.in, toggle);
        UInt previous = reg("previous", UInt(1), 0);
        sync(previous, sync.out);
        comb(seen, previous.ne(sync.out));
    }
}
