package org.homanic.rtl.classifier;

import org.homanic.hdl.Bits;
import org.homanic.hdl.Bool;
import org.homanic.hdl.Module;
import org.homanic.hdl.UInt;

import static org.homanic.hdl.Hdl.*;

/**
 * Stage 0 of the ingress parser: keeps the first {@code captureBeats} beats of each frame in
 * registers and, the cycle after a frame's last beat, presents a token: the captured header
 * (bytes past the frame's end are stale and never decide anything), the index of the last
 * beat and its {@code tkeep}, and the MAC's bad-frame bit. Never stalls.
 */
public final class HeaderCapture extends Module {
    public final Bool inValid = input("in_valid", Bool());
    public final UInt inData;
    public final UInt inKeep;
    public final Bool inLast = input("in_last", Bool());
    public final Bool inBad = input("in_bad", Bool());

    public final UInt header;
    public final Bool tokenValid = output("token_valid", Bool());
    /** Index of the frame's last beat (saturating). */
    public final UInt tokenBeats;
    public final UInt tokenKeep;
    public final Bool tokenBad = output("token_bad", Bool());
    /** tuser of the frame's first beat. */
    public final UInt inUser;
    public final UInt tokenUser;

    /** Width of the beat index: frames up to 2^20 bytes are counted exactly. */
    public static int beatIndexWidth(int beatBytes) {
        return 20 - clog2(beatBytes);
    }

    public HeaderCapture(int dataWidth, int captureBeats) {
        this(dataWidth, captureBeats, 1);
    }

    public HeaderCapture(int dataWidth, int captureBeats, int userWidth) {
        param("DATA_WIDTH", dataWidth);
        param("USER_WIDTH", userWidth);
        inUser = input("in_user", UInt(userWidth));
        tokenUser = output("token_user", UInt(userWidth));
        param("CAPTURE_BEATS", captureBeats);
        int beatBytes = dataWidth / 8;
        int iw = beatIndexWidth(beatBytes);
        inData = input("in_data", UInt(dataWidth));
        inKeep = input("in_keep", UInt(beatBytes));
        header = output("header", UInt(dataWidth * captureBeats));
        tokenBeats = output("token_beats", UInt(iw));
        tokenKeep = output("token_keep", UInt(beatBytes));

        UInt index = reg("beat_index", UInt(iw), 0);
        Bits[] slots = new Bits[captureBeats];
        for (int j = 0; j < captureBeats; j++) {
            UInt slot = reg("slot_" + j, UInt(dataWidth), 0);
            final int jj = j;
            when(inValid.and(index.eq(jj)), () -> sync(slot, inData));
            slots[captureBeats - 1 - j] = slot;
        }
        comb(header, captureBeats == 1 ? (UInt) slots[0] : cat(slots));

        Bool tokValid = reg("tok_valid", Bool(), 0);
        UInt tokBeats = reg("tok_beats", UInt(iw), 0);
        UInt tokKeep = reg("tok_keep", UInt(beatBytes), 0);
        Bool tokBad = reg("tok_bad", Bool(), 0);
        UInt firstUser = reg("first_user", UInt(userWidth), 0);
        UInt tokUser = reg("tok_user", UInt(userWidth), 0);
        when(inValid.and(index.eq(0)), () -> sync(firstUser, inUser));
        when(inValid.and(inLast), () -> sync(tokUser, mux(index.eq(0), inUser, firstUser)));
        comb(tokenUser, tokUser);
        sync(tokValid, inValid.and(inLast));
        when(inValid, () -> {
            when(inLast, () -> {
                sync(index, 0);
                sync(tokBeats, index);
                sync(tokKeep, inKeep);
                sync(tokBad, inBad);
            }).otherwise(() -> when(index.andR().not(), () -> sync(index, index.add(1))));
        });
        comb(tokenValid, tokValid);
        comb(tokenBeats, tokBeats);
        comb(tokenKeep, tokKeep);
        comb(tokenBad, tokBad);
    }
}
