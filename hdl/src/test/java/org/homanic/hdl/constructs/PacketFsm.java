package org.homanic.hdl.constructs;

import org.homanic.hdl.Bool;
import org.homanic.hdl.Fsm;
import org.homanic.hdl.Module;
import org.homanic.hdl.UInt;

/** A state machine that counts the beats of a packet: waits for start, counts, reports. */
public final class PacketFsm extends Module {
    enum State { IDLE, HEADER, PAYLOAD, DONE }

    final Bool start = input(org.homanic.hdl.Hdl.Bool());
    final Bool last = input(org.homanic.hdl.Hdl.Bool());
    final UInt beats = output(org.homanic.hdl.Hdl.UInt(8));
    final Bool busy = output(org.homanic.hdl.Hdl.Bool());

    public PacketFsm() {
        Fsm<State> fsm = fsm("state", State.IDLE);
        UInt count = reg("count", org.homanic.hdl.Hdl.UInt(8), 0);
        fsm.on(State.IDLE, () -> when(start, () -> {
            sync(count, 0);
            fsm.goTo(State.HEADER);
        }));
        fsm.on(State.HEADER, () -> {
            sync(count, count.add(1));
            fsm.goTo(State.PAYLOAD);
        });
        fsm.on(State.PAYLOAD, () -> {
            sync(count, count.add(1));
            when(last, () -> fsm.goTo(State.DONE));
        });
        fsm.on(State.DONE, () -> fsm.goTo(State.IDLE));
        comb(beats, count);
        comb(busy, fsm.is(State.IDLE).not());
    }
}
