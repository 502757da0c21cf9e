package org.homanic.rtl.classifier;

import org.homanic.hdl.Axis;
import org.homanic.hdl.Bool;
import org.homanic.hdl.Module;
import org.homanic.hdl.Stream;
import org.homanic.hdl.UInt;
import org.homanic.hdl.lib.Arbiter;
import org.homanic.hdl.lib.Fifo;
import org.homanic.hdl.lib.RegSlice;

import static org.homanic.hdl.Hdl.*;

/**
 * Egress queues: takes whole packets from the staging buffer with their decisions, overwrites
 * the priority bytes (and the IPv4 checksum) on the way, and writes each packet into the
 * block-RAM FIFO of its level, or drops it whole when that FIFO has no room for all its beats
 * (decided at the first beat from a room check registered a cycle earlier). A strict-priority arbiter (NIC input first, then levels 7…0)
 * that never interleaves packets feeds the MAC through a register slice. {@code m_axis.tuser}
 * carries {from NIC, level}.
 */
public final class EgressQueues extends Module {
    public final Stream<Axis.Beat> in;
    public final Stream<EgressDecision> decision;
    public final Axis nic;
    public final Axis out;
    public final Bool queueFull = output("queue_full", Bool());
    public final UInt enqueued = output("enqueued", UInt(8));
    /** Level queue threshold in beats: a packet is taken only while level + its beats stays at or below it. */
    public final UInt limit = input("limit", UInt(16));

    public EgressQueues(int dataWidth, int levelDepth) {
        param("DATA_WIDTH", dataWidth);
        param("LEVEL_DEPTH", levelDepth);
        int beatBytes = dataWidth / 8;
        int lb = clog2(beatBytes);
        in = input("in", new Stream<>(() -> new Axis.Beat(dataWidth, 4)));
        decision = input("decision", new Stream<>(EgressDecision::new));
        nic = input("nic", new Axis(dataWidth, 1));
        out = output("out", new Axis(dataWidth, 4));

        Bool inPacket = reg("in_packet", Bool(), 0);
        UInt selected = reg("selected", UInt(3), 0);
        Bool accepted = reg("accepted", Bool(), 0);
        UInt beatIndex = reg("beat_index", UInt(8), 0);
        Bool head = let("head", inPacket.not());
        int sw = 18;

        // The decisions pass through two registers, `next` and `head`; the room check of the
        // decision that will be at `head` is computed from registers in the cycle before it is
        // needed and kept in `head_room`, so the block-RAM read of the decision FIFO, the room
        // compare and the level FIFO writes are three separate stages.
        Bool nextValid = reg("next_valid", Bool(), 0);
        EgressDecision next = reg("next", new EgressDecision());
        Bool headValid = reg("head_valid", Bool(), 0);
        EgressDecision d = reg("head_decision", new EgressDecision());
        Bool headRoom = reg("head_room", Bool(), 0);
        unused(d.length, next.length);

        @SuppressWarnings("unchecked")
        Fifo<Axis.Beat>[] level = new Fifo[8];
        UInt[] free = new UInt[8];
        UInt[] soft = new UInt[8];
        for (int q = 0; q < 8; q++) {
            level[q] = instance("level_" + q, new Fifo<>(() -> new Axis.Beat(dataWidth, 4), levelDepth));
            // Free beats, registered: a packet's room is decided from a value two cycles old
            // (this register, then head_room), so below the memory size a margin of two beats
            // covers the writes of those cycles; the threshold has no margin (a soft limit: it
            // may be passed by those two beats).
            UInt used = level[q].level.extend(sw).add(level[q].out.valid.extend(sw));
            free[q] = reg("free_" + q, UInt(sw), 0);
            soft[q] = reg("below_limit_" + q, UInt(sw), 0);
            sync(free[q], mux(used.lt(levelDepth - 2), lit(levelDepth - 2, sw).sub(used), lit(0, sw)));
            sync(soft[q], mux(used.lt(limit.extend(sw)), limit.extend(sw).sub(used), lit(0, sw)));
        }
        Bool take = let("take", inPacket.or(headValid));
        comb(in.ready, take);
        Bool fire = let("fire", in.valid.and(take));
        Bool done = let("done", fire.and(in.payload.last));
        // `head` moves on when its packet's last beat is taken or when it is empty.
        Bool advance = let("advance", done.or(headValid.not()));
        Bool refill = let("refill", advance.or(nextValid.not()));
        comb(decision.ready, refill);
        when(advance, () -> {
            sync(headValid, nextValid);
            sync(d, next);
            sync(headRoom, roomFor(next, free, soft));
        }).otherwise(() -> sync(headRoom, roomFor(d, free, soft)));
        when(refill, () -> {
            sync(nextValid, decision.valid);
            sync(next, decision.payload);
        });
        Bool accNow = headRoom;
        UInt selCur = mux(inPacket, selected, d.level);
        Bool accCur = mux(inPacket, accepted, accNow);

        // Patch the priority bytes: lane i of beat b is byte b * beatBytes + i of the frame.
        UInt data = in.payload.data;
        org.homanic.hdl.Bits[] lanes = new org.homanic.hdl.Bits[beatBytes];
        UInt[] pos = {d.pos0, d.pos1, d.pos2};
        UInt[] val = {d.val0, d.val1, d.val2};
        Bool[] use = {d.rewrite, d.rewrite, d.rewrite.and(d.use2)};
        for (int i = 0; i < beatBytes; i++) {
            UInt b = data.bits(8 * i + 7, 8 * i);
            for (int k = 0; k < 3; k++) {
                Bool beatHit = lb >= 7 ? beatIndex.eq(0) : beatIndex.eq(pos[k].shr(lb).extend(8));
                Bool laneHit = lb >= 7 ? pos[k].eq(i) : pos[k].bits(lb - 1, 0).eq(i);
                b = mux(use[k].and(beatHit).and(laneHit), val[k], b);
            }
            lanes[beatBytes - 1 - i] = b;
        }
        UInt patched = let("patched", cat(lanes));
        Bool start = let("start", fire.and(head));
        UInt sent = lit(0, 8);
        for (int q = 0; q < 8; q++) {
            comb(level[q].in.valid, fire.and(accCur).and(selCur.eq(q)));
            comb(level[q].in.payload.data, patched);
            comb(level[q].in.payload.keep, in.payload.keep);
            comb(level[q].in.payload.last, in.payload.last);
            comb(level[q].in.payload.user, lit(q, 4));
            unused(level[q].in.ready);
        }
        for (int q = 7; q >= 0; q--) {
            sent = sent.or(mux(start.and(accNow).and(d.level.eq(q)), lit(1L << q, 8), lit(0, 8)));
        }
        comb(enqueued, sent);
        comb(queueFull, start.and(accNow.not()));
        unused(in.payload.user);
        when(fire, () -> {
            sync(inPacket, in.payload.last.not());
            sync(beatIndex, mux(in.payload.last, lit(0, 8), mux(beatIndex.andR(), beatIndex, beatIndex.add(1))));
            when(head, () -> {
                sync(selected, d.level);
                sync(accepted, accNow);
            });
        });

        Arbiter<Axis.Beat> arbiter = instance("arbiter", new Arbiter<>(() -> new Axis.Beat(dataWidth, 4), 9,
                Arbiter.Policy.PRIORITY, b -> b.last));
        Stream<Axis.Beat> nicIn = arbiter.in.get(0);
        comb(nicIn.valid, nic.tvalid);
        comb(nic.tready, nicIn.ready);
        comb(nicIn.payload.data, nic.tdata);
        comb(nicIn.payload.keep, nic.tkeep);
        comb(nicIn.payload.last, nic.tlast);
        comb(nicIn.payload.user, lit(0xF, 4));
        unused(nic.tuser);
        for (int q = 0; q < 8; q++) {
            connect(arbiter.in.get(8 - q), level[q].out);
        }
        connect(out.asStream(), RegSlice.after(arbiter.out));
        unused(arbiter.grant);
    }

    /** Room in the level FIFO of {@code d} for all its beats, below the memory size and the threshold. */
    private static Bool roomFor(EgressDecision d, UInt[] free, UInt[] soft) {
        Bool room = FALSE;
        for (int q = 0; q < 8; q++) {
            room = mux(d.level.eq(q), d.beats.le(free[q]).and(d.beats.le(soft[q])), room);
        }
        return room;
    }
}
