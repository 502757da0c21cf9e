package org.homanic.rtl.grant;

import org.homanic.hdl.Bool;
import org.homanic.hdl.Module;
import org.homanic.hdl.Stream;
import org.homanic.hdl.UInt;
import org.homanic.hdl.Vec;

import static org.homanic.hdl.Hdl.*;

/**
 * Takes one DATA event or host command per cycle and queues them for the scheduler's front end,
 * which decides one entry every four cycles or more. While an entry waits, a DATA packet that
 * continues a waiting batch of its message (same message and length, starting where the batch
 * ends, within the message) joins that batch instead of taking an entry: HomaModule likewise
 * runs its grant check once per batch of an RPC's packets. docs/grant-scheduler.md, "Batches",
 * says why the scheduler's decisions stay exactly the reference's and the host's byte counts.
 *
 * <p>A circular queue of {@code slots} entries, oldest first. Order per message is kept: a
 * packet joins only the newest entry of its message, and a packet that cannot join, or a host
 * command, closes the older entries of its message to later packets. The oldest entry moves to
 * the output register and is closed from then on. One input register ({@code i_*}) in front
 * keeps the comparisons off the input ports; a host command offered with a DATA event goes first.
 */
public final class GrantCoalescer extends Module {
    public final Stream<DataEvent> data;
    public final Stream<HostCommand> host;
    public final Stream<DataBatch> out;
    /** Nothing queued, nothing in the input or output register. */
    public final Bool empty = output(Bool());

    public GrantCoalescer(int peerBits, int slots, int packets) {
        checkShape(slots, packets);
        param("SLOTS", slots);
        param("PACKETS", packets);
        data = input(new Stream<>(() -> new DataEvent(peerBits)));
        host = input(new Stream<>(() -> new HostCommand(peerBits)));
        out = output(new Stream<>(() -> new DataBatch(peerBits, packets)));
        int lb = GrantSchedulerParams.LEN_BITS;
        int ib = indexWidth(slots);

        // ---- input register -------------------------------------------------------------------
        Bool iValid = reg("i_valid", Bool(), 0);
        UInt iOp = reg("i_op", UInt(2));
        UInt iPeer = reg("i_peer", UInt(peerBits));
        UInt iId = reg("i_id", UInt(64));
        UInt iLen = reg("i_length", UInt(lb));
        UInt iOff = reg("i_offset", UInt(lb));
        UInt iInc = reg("i_incoming", UInt(32));
        Bool iBuf = reg("i_buffers", Bool());
        ReplyAddress iReply = reg("i_reply", new ReplyAddress());
        UInt iEnd = reg("i_end", UInt(lb + 1));
        // A DATA packet that lies within its message: only such packets join or are joined.
        Bool iFits = reg("i_fits", Bool());
        Bool iGo = wire("i_go", Bool());
        Bool inFree = let("in_free", iValid.not().or(iGo));
        comb(host.ready, inFree);
        comb(data.ready, inFree.and(host.valid.not()));
        when(host.fire(), () -> {
            sync(iValid, TRUE);
            // Op 0 on the host stream is no command; it must not read as DATA.
            sync(iOp, mux(host.payload.op.eq(DataBatch.DATA), lit(3, 2), host.payload.op));
            sync(iPeer, host.payload.peer);
            sync(iId, host.payload.id);
            sync(iFits, FALSE);
        }).elseWhen(data.fire(), () -> {
            DataEvent d = data.payload;
            UInt end = d.offset.extend(lb + 1).add(d.payload.extend(lb + 1));
            sync(iValid, TRUE);
            sync(iOp, DataBatch.DATA);
            sync(iPeer, d.peer);
            sync(iId, d.id);
            sync(iLen, d.length);
            sync(iOff, d.offset);
            sync(iInc, d.incoming);
            sync(iBuf, d.buffers);
            sync(iReply, d.reply);
            sync(iEnd, end);
            sync(iFits, end.le(d.length.extend(lb + 1)).and(d.offset.lt(d.length)));
        }).elseWhen(iGo, () -> sync(iValid, FALSE));
        unused(data.payload.retransmit);

        // ---- the queue ------------------------------------------------------------------------
        Bool[] sValid = new Bool[slots];
        Bool[] sOpen = new Bool[slots];
        for (int k = 0; k < slots; k++) {
            sValid[k] = reg("s_valid_" + k, Bool(), 0);
            sOpen[k] = reg("s_open_" + k, Bool(), 0);
        }
        Vec<DataBatch> s = reg("s", new Vec<>(slots, k -> new DataBatch(peerBits, packets)));
        UInt head = reg("head", UInt(ib), 0);
        UInt tail = reg("tail", UInt(ib), 0);
        Bool oValid = reg("o_valid", Bool(), 0);
        DataBatch o = reg("o", new DataBatch(peerBits, packets));
        comb(out.valid, oValid);
        comb(out.payload, o);

        // The oldest entry moves to the output register whenever that is empty; it is closed then.
        Bool moveOut = wire("move_out", Bool());
        Bool headValid = FALSE;
        for (int k = 0; k < slots; k++) headValid = headValid.or(head.eq(k).and(sValid[k]));
        comb(moveOut, oValid.not().and(headValid));
        when(moveOut, () -> {
            sync(oValid, TRUE);
            sync(o, s.read(head));
            sync(head, advance(head, slots));
        }).elseWhen(out.fire(), () -> sync(oValid, FALSE));

        Bool tailFree = FALSE;
        Bool join = FALSE;
        Bool[] joins = new Bool[slots];
        Bool[] sameKey = new Bool[slots];
        for (int k = 0; k < slots; k++) {
            DataBatch b = s.get(k);
            tailFree = tailFree.or(tail.eq(k).and(sValid[k].not()));
            sameKey[k] = let("same_key_" + k, sValid[k].and(b.peer.eq(iPeer)).and(b.id.eq(iId)));
            Bool leaving = oValid.not().and(head.eq(k));
            joins[k] = let("join_" + k, sameKey[k].and(sOpen[k]).and(leaving.not())
                    .and(iFits)
                    .and(b.end.eq(iOff.extend(lb + 1)))
                    .and(b.length.eq(iLen)).and(b.count.ne(packets)));
            join = join.or(joins[k]);
        }
        Bool create = let("create", iValid.and(join.not()).and(tailFree));
        comb(iGo, iValid.and(join.or(tailFree)));
        for (int k = 0; k < slots; k++) {
            int slot = k;
            DataBatch b = s.get(k);
            when(iValid.and(joins[k]), () -> {
                for (int j = 1; j < packets; j++) {
                    int pos = j;
                    when(b.count.eq(pos), () -> sync(b.ends.get(pos), iEnd));
                }
                sync(b.count, b.count.add(1));
                sync(b.end, iEnd);
            });
            // A packet that does not join, or a host command, closes its message's older entries.
            when(create.and(sameKey[k]), () -> sync(sOpen[slot], FALSE));
            when(create.and(tail.eq(slot)), () -> {
                sync(sValid[slot], TRUE);
                sync(sOpen[slot], iFits);
                sync(b.op, iOp);
                sync(b.peer, iPeer);
                sync(b.id, iId);
                sync(b.length, iLen);
                sync(b.offset, iOff);
                sync(b.count, 1);
                sync(b.ends.get(0), iEnd);
                sync(b.end, iEnd);
                sync(b.incoming, iInc);
                sync(b.buffers, iBuf);
                sync(b.reply, iReply);
            });
            when(moveOut.and(head.eq(slot)), () -> sync(sValid[slot], FALSE));
        }
        when(create, () -> sync(tail, advance(tail, slots)));

        Bool anyValid = FALSE;
        for (int k = 0; k < slots; k++) anyValid = anyValid.or(sValid[k]);
        comb(empty, iValid.not().and(oValid.not()).and(anyValid.not()));
    }

    /** A queue of 1, 2, 4, 8 or 16 entries of 1..16 packets each, or IllegalArgumentException. */
    static void checkShape(int slots, int packets) {
        if (Integer.bitCount(slots) != 1 || slots > 16) {
            throw new IllegalArgumentException("queue entries must be 1, 2, 4, 8 or 16, not " + slots);
        }
        if (packets < 1 || packets > 16) throw new IllegalArgumentException("packets per batch must be 1..16, not " + packets);
    }

    /** The next queue position (a one-entry queue has one position; the pointer is 1 bit wide). */
    private static UInt advance(UInt pointer, int slots) {
        return slots == 1 ? lit(0, pointer.width()) : pointer.add(1);
    }
}
