package org.homanic.rtl.grant;

import org.homanic.hdl.Bool;
import org.homanic.hdl.Bundle;
import org.homanic.hdl.Fsm;
import org.homanic.hdl.Mem;
import org.homanic.hdl.Module;
import org.homanic.hdl.Stream;
import org.homanic.hdl.UInt;
import org.homanic.hdl.Vec;

import static org.homanic.hdl.Hdl.*;
import static org.homanic.rtl.grant.GrantSchedulerParams.LEN_BITS;
import static org.homanic.rtl.grant.GrantSchedulerParams.SEQ_BITS;
import static org.homanic.rtl.grant.GrantSchedulerParams.SLOTS;
import static org.homanic.rtl.grant.GrantSchedulerParams.TIME_BITS;

/**
 * The receiver's grant scheduler (issue 7; spec section 3 as protocol's {@code GrantScheduler}
 * implements it). A front end looks each DATA event or host command up in the message table
 * (set-associative, block RAM), updates the message's reassembly state and decides the event's
 * action; a back end runs the policy steps of one event at a time as a sequence of short states
 * over the active set (eight register slots) and, when the policy needs the waiting messages,
 * one pipelined pass over the table. The front end works on the next event while the back end
 * finishes the previous one; decisions leave through an output register. See
 * docs/grant-scheduler.md.
 */
public final class GrantScheduler extends Module {
    public final Stream<DataEvent> data;
    public final Stream<HostCommand> host;
    public final SchedulerConfig cfg = input(new SchedulerConfig());
    /** Free-running time base in nanoseconds. */
    public final UInt now = input(UInt(TIME_BITS));
    public final Stream<GrantDecision> grant;

    /** The derived configuration is computed: events are accepted from now on. */
    public final Bool cfg_ready = output(Bool());
    /** No event in progress. */
    public final Bool idle = output(Bool());
    /** One-cycle pulse: a new grantable message found its table set full; the host schedules it. */
    public final Bool overflow = output(Bool());
    public final UInt overflow_peer;
    public final UInt overflow_id = output(UInt(64));

    public final UInt count_grants = output(UInt(32));
    public final UInt count_fifo_grants = output(UInt(32));
    public final UInt count_table_full = output(UInt(32));
    public final UInt count_needy = output(UInt(32));
    /** DATA packets refused because they needed more reassembly gaps than an entry holds. */
    public final UInt count_gap_refused = output(UInt(32));
    public final UInt active_count = output(UInt(4));
    public final UInt active_high_water = output(UInt(4));
    /** Messages in the table (grantable or completed but not yet ended by the host). */
    public final UInt table_used;
    /**
     * One-cycle pulse: the front end has decided an event, and the back end takes it next, in
     * this order: a host command ({@code taken_op} 1 buffers, 2 end, 3 none) or DATA (op 0)
     * covering [{@code taken_offset}, {@code taken_end}) of a message, accepted at
     * {@code taken_time}. What the reference model must be given, in order (the differential
     * tests read it; docs/grant-scheduler.md, "Equivalence").
     */
    public final Bool taken = output(Bool());
    public final UInt taken_op = output(UInt(2));
    public final UInt taken_peer;
    public final UInt taken_id = output(UInt(64));
    public final UInt taken_offset = output(UInt(LEN_BITS));
    public final UInt taken_end = output(UInt(LEN_BITS + 1));
    public final UInt taken_time = output(UInt(TIME_BITS));

    /** The back end: one event's policy steps at a time. */
    enum State {
        IDLE, COMMIT,
        AW0, AW_IT, AW_CMP, AW_DEC, AW_APPLY, STEP4B,
        TS0, TS1, TS1B, TS2, TS3, FIFO_CHECK, FIFO_GRANT, FIFO_GRANT2,
        NEEDY, NEEDY_IT, NEEDY_GO, SCAN, SCAN_DONE
    }

    /** The front end: accepts an event, looks it up, reassembles and decides its action, hands it over. */
    enum FeState { IDLE, LOOKUP, ENTRY, REASM, HOLD }

    private static final int KIND_DATA = 0;
    private static final int KIND_BUF = 1;
    private static final int KIND_END = 2;
    private static final int KIND_NONE = 3;

    private static final int ACT_NEEDY = 0;
    private static final int ACT_UNMANAGE = 1;
    private static final int ACT_MANAGE = 2;
    private static final int ACT_STEP4 = 3;

    private static final int SCAN_PROMOTE = 0;
    private static final int SCAN_PEERBEST = 1;
    private static final int SCAN_FIFO = 2;

    private final GrantSchedulerParams p;
    private final int pb;
    private final int aw;
    private Fsm<State> fsm;
    private Fsm<FeState> fe;

    // Active set (eight slots in registers).
    private UInt actValid;
    private UInt needy;
    private UInt numActive;
    private UInt numWaiting;
    private Vec<UInt> actAddr;
    private Vec<UInt> actPeer;
    private Vec<UInt> actId;
    private Vec<UInt> actLen;
    private Vec<UInt> actRem;
    private Vec<UInt> actGranted;
    private Vec<UInt> actRecInc;
    private Vec<UInt> actSeq;
    private Vec<UInt> samePeer;
    private UInt total;
    private UInt maxInc;
    private Bool underMax;

    public GrantScheduler(GrantSchedulerParams params) {
        this.p = params;
        this.pb = param("PEER_BITS", params.peerBits());
        param("ENTRIES", params.entries());
        param("WAYS", params.ways());
        param("GAPS", params.gaps());
        this.aw = params.addrBits();
        data = input(new Stream<>(() -> new DataEvent(pb)));
        host = input(new Stream<>(() -> new HostCommand(pb)));
        grant = output(new Stream<>(() -> new GrantDecision(pb, aw)));
        overflow_peer = output(UInt(pb));
        table_used = output(UInt(aw + 1));
        taken_peer = output(UInt(pb));
        unused(cfg.unsched_bytes);
        build();
    }

    public GrantScheduler() {
        this(GrantSchedulerParams.defaults());
    }

    private void build() {
        int sb = p.setBits();
        int wb = p.wayBits();
        int ways = p.ways();
        int entries = p.entries();

        // ---- derived configuration ------------------------------------------------------------
        GrantDivider divider = instance("divider", new GrantDivider());
        comb(divider.maxIncoming, cfg.max_incoming);
        comb(divider.fifoFraction, cfg.grant_fifo_fraction);
        comb(divider.fifoIncrement, cfg.fifo_grant_increment);
        comb(divider.linkMbps, cfg.link_mbps);
        comb(cfg_ready, divider.ready);
        UInt maxOc = let("max_oc", mux(cfg.max_overcommit.gt(8), lit(8, 4),
                mux(cfg.max_overcommit.eq(0), lit(1, 4), cfg.max_overcommit)));
        UInt maxInc = let("max_inc", cfg.max_incoming.extend(34));

        // ---- state ----------------------------------------------------------------------------
        fsm = fsm("state", State.IDLE);
        fe = fsm("front", FeState.IDLE);
        actValid = reg("act_valid", UInt(SLOTS), 0);
        needy = reg("needy", UInt(SLOTS), 0);
        numActive = reg("num_active", UInt(4), 0);
        numWaiting = reg("num_waiting", UInt(aw + 1), 0);
        actAddr = reg("act_addr", new Vec<>(SLOTS, i -> UInt(aw)));
        actPeer = reg("act_peer", new Vec<>(SLOTS, i -> UInt(pb)));
        actId = reg("act_id", new Vec<>(SLOTS, i -> UInt(64)));
        actLen = reg("act_len", new Vec<>(SLOTS, i -> UInt(LEN_BITS)));
        actRem = reg("act_rem", new Vec<>(SLOTS, i -> UInt(LEN_BITS)));
        actGranted = reg("act_granted", new Vec<>(SLOTS, i -> UInt(LEN_BITS)));
        actRecInc = reg("act_rec_inc", new Vec<>(SLOTS, i -> UInt(LEN_BITS)));
        actSeq = reg("act_seq", new Vec<>(SLOTS, i -> UInt(SEQ_BITS)));
        samePeer = reg("same_peer", new Vec<>(SLOTS, i -> UInt(SLOTS)));
        UInt total = reg("total_incoming", UInt(34), 0);
        // total_incoming < max_incoming, registered with every change of total_incoming (setTotal),
        // so check_needy's decision does not start with a 34-bit comparison (the whole NIC mapped
        // that path to 7 LUT levels). Followed every cycle for a change of the configuration.
        underMax = reg("under_max", Bool(), 0);
        sync(underMax, total.lt(maxInc));
        this.total = total;
        this.maxInc = maxInc;
        UInt nextFifo = reg("next_fifo", UInt(TIME_BITS), 0);
        UInt seqCounter = reg("seq_counter", UInt(SEQ_BITS), 0);
        UInt window = reg("window", UInt(32), 0);
        UInt used = reg("used", UInt(aw + 1), 0);
        comb(table_used, used);

        UInt winDyn = divider.windows.read(numActive);
        sync(window, mux(cfg.window.ne(0), cfg.window, winDyn));

        // Counters.
        UInt cGrants = reg("cnt_grants", UInt(32), 0);
        UInt cFifo = reg("cnt_fifo", UInt(32), 0);
        UInt cFull = reg("cnt_full", UInt(32), 0);
        UInt cNeedy = reg("cnt_needy", UInt(32), 0);
        UInt cRefused = reg("cnt_refused", UInt(32), 0);
        UInt highWater = reg("high_water", UInt(4), 0);
        comb(count_grants, cGrants);
        comb(count_fifo_grants, cFifo);
        comb(count_table_full, cFull);
        comb(count_needy, cNeedy);
        comb(count_gap_refused, cRefused);
        comb(active_count, numActive);
        comb(active_high_water, highWater);
        when(numActive.gt(highWater), () -> sync(highWater, numActive));
        Bool overflowPulse = reg("overflow_pulse", Bool(), 0);
        UInt overflowPeer = reg("overflow_peer_reg", UInt(pb));
        UInt overflowId = reg("overflow_id_reg", UInt(64));
        sync(overflowPulse, FALSE);
        comb(overflow, overflowPulse);
        comb(overflow_peer, overflowPeer);
        comb(overflow_id, overflowId);

        // The event being processed.
        UInt evKind = reg("ev_kind", UInt(2), 0);
        UInt evPeer = reg("ev_peer", UInt(pb));
        UInt evId = reg("ev_id", UInt(64));
        UInt evLen = reg("ev_len", UInt(LEN_BITS));
        UInt evOff = reg("ev_off", UInt(LEN_BITS));
        UInt evPay = reg("ev_pay", UInt(LEN_BITS));
        // The range the front end works on is [ev_off, ev_end): the whole batch, or only its first
        // packet (ev_piece) when the batch starts below the message's recvEnd ("Batches").
        UInt evEnd = reg("ev_end", UInt(LEN_BITS + 1));
        UInt evBatchEnd = reg("ev_batch_end", UInt(LEN_BITS + 1));
        Vec<UInt> evEnds = reg("ev_ends", new Vec<>(p.batchPackets(), i -> UInt(LEN_BITS + 1)));
        UInt evCount = reg("ev_count", UInt(indexWidth(p.batchPackets() + 1)));
        Bool evPiece = reg("ev_piece", Bool(), 0);
        // The rest of a split batch waits in the event registers; it is taken before anything else.
        Bool evAgain = reg("ev_again", Bool(), 0);
        Bool cSplit = reg("c_split", Bool(), 0);
        UInt evInc = reg("ev_inc", UInt(32));
        Bool evBuf = reg("ev_buf", Bool());
        ReplyAddress evReply = reg("ev_reply", new ReplyAddress());
        UInt evTime = reg("ev_time", UInt(TIME_BITS));
        // The time of the event the back end is working on (the front end may hold the next one).
        UInt beTime = reg("be_time", UInt(TIME_BITS));
        UInt beAddr = reg("be_addr", UInt(p.addrBits()));
        // Bytes received of the event's message (c_len − c_rem), for try_send's reach in COMMIT.
        UInt cRecv = reg("c_recv", UInt(LEN_BITS));
        UInt cRecvOld = reg("c_recv_old", UInt(LEN_BITS));
        // The back end only passes the event on: refused packet, buffers already there (c_skip), or
        // a packet of a message that needs no grants (c_to_needy: straight to check_needy).
        Bool cSkip = reg("c_skip", Bool());
        Bool cToNeedy = reg("c_to_needy", Bool());
        UInt evSet = reg("ev_set", UInt(sb));

        // The event's message.
        UInt curWay = reg("cur_way", UInt(wb));
        Bool curNew = reg("cur_new", Bool());
        UInt curAddr = let("cur_addr", cat(evSet, curWay));
        Bool curActive = reg("cur_active", Bool());
        UInt curSlot = reg("cur_slot", UInt(3));
        UInt cLen = reg("c_len", UInt(LEN_BITS));
        UInt cRemOld = reg("c_rem_old", UInt(LEN_BITS));
        UInt cRem = reg("c_rem", UInt(LEN_BITS));
        UInt cGranted = reg("c_granted", UInt(LEN_BITS));
        UInt cSeq = reg("c_seq", UInt(SEQ_BITS));
        Bool cGrantableOld = reg("c_grantable_old", Bool());
        Bool cManagedOld = reg("c_managed_old", Bool());
        Bool cBufOld = reg("c_buf_old", Bool());
        Bool cGrantable = reg("c_grantable", Bool());
        Bool cManaged = reg("c_managed", Bool());
        Bool cBuf = reg("c_buf", Bool());
        Bool cDelete = reg("c_delete", Bool());
        UInt cRecIncOld = reg("c_rec_inc_old", UInt(LEN_BITS));
        UInt s4RecInc = reg("s4_rec_inc", UInt(LEN_BITS));
        UInt cAction = reg("c_action", UInt(2));
        UInt cRecvEnd = reg("c_recv_end", UInt(LEN_BITS));
        UInt cNumGaps = reg("c_num_gaps", UInt(indexWidth(p.gaps() + 1)));
        Vec<UInt> cGapStart = reg("c_gap_start", new Vec<>(p.gaps(), i -> UInt(LEN_BITS)));
        Vec<UInt> cGapEnd = reg("c_gap_end", new Vec<>(p.gaps(), i -> UInt(LEN_BITS)));

        // ---- memories -------------------------------------------------------------------------
        int keyWidth = 1 + pb + 64;
        Mem[] keyMem = new Mem[ways];
        UInt[] keyQ = new UInt[ways];
        // The queue in front: one event per cycle in, batches of a message's consecutive packets out.
        GrantCoalescer coalescer = instance("coalescer", new GrantCoalescer(pb, p.batchSlots(), p.batchPackets()));
        connect(coalescer.data, data);
        connect(coalescer.host, host);
        Stream<DataBatch> in = coalescer.out;
        // The set of the event being accepted (the rest of a split batch: its own set).
        UInt setIndex = let("set_index", mux(evAgain, evSet, TableHash.setIndex(in.payload.peer, in.payload.id, sb)));
        for (int w = 0; w < ways; w++) {
            keyMem[w] = mem("key_mem_" + w, keyWidth, p.sets());
            keyQ[w] = keyMem[w].readSync("key_q_" + w, setIndex);
        }
        int msgWidth = new MsgEntry(pb, p.gaps()).width();
        Mem msgMem = mem("msg_mem", msgWidth, entries);
        Mem grantedMem = mem("granted_mem", LEN_BITS, entries);
        UInt rdAddr = wire("rd_addr", UInt(aw));
        UInt msgQ = msgMem.readSync("msg_q", rdAddr);
        UInt grantedQ = grantedMem.readSync("granted_q", rdAddr);
        // rec_incoming of each message: its share of total_incoming, as the reference keeps it
        // (it is not always max(0, granted − received): a grant adds to it even when the sender
        // has already sent past its grant).
        Mem recMem = mem("rec_mem", LEN_BITS, entries);
        UInt recQ = recMem.readSync("rec_q", rdAddr);
        Bool recWe = wire("rec_we", Bool());
        UInt recWa = wire("rec_wa", UInt(aw));
        UInt recWd = wire("rec_wd", UInt(LEN_BITS));
        MsgEntry stored = Bundle.unpack(new MsgEntry(pb, p.gaps()), msgQ);

        Bool keyWe = wire("key_we", Bool());
        Bool keyValid = wire("key_valid", Bool());
        comb(keyWe, FALSE);
        comb(keyValid, FALSE);
        UInt keyWord = let("key_word", cat(keyValid, evPeer, evId));
        for (int w = 0; w < ways; w++) {
            int way = w;
            when(keyWe.and(curWay.eq(way)), () -> keyMem[way].write(evSet, keyWord));
        }
        Bool msgWe = wire("msg_we", Bool());
        comb(msgWe, FALSE);
        Bool grantedWe = wire("granted_we", Bool());
        UInt grantedWa = wire("granted_wa", UInt(aw));
        UInt grantedWd = wire("granted_wd", UInt(LEN_BITS));
        comb(grantedWe, FALSE);
        comb(grantedWa, curAddr);
        comb(grantedWd, cGranted);
        when(grantedWe, () -> grantedMem.write(grantedWa, grantedWd));
        comb(recWe, FALSE);
        comb(recWa, curAddr);
        comb(recWd, 0);
        when(recWe, () -> recMem.write(recWa, recWd));
        // Addresses for the GRANT builder, written when an entry is created.
        Mem replyMem = mem("reply_mem", new ReplyAddress().width(), entries);

        // ---- grant output -----------------------------------------------------------------------
        // The message try_send or a FIFO grant works on (out_*), and the output register (g_*): the
        // decision moves there in TS3 / FIFO_GRANT2 and waits for grant_ready while the back end
        // goes on with the next event.
        UInt outPeer = reg("out_peer", UInt(pb));
        UInt outId = reg("out_id", UInt(64));
        UInt outReason = reg("out_reason", UInt(2));
        UInt outEntry = reg("out_entry", UInt(aw));
        Bool gValid = reg("g_valid", Bool(), 0);
        GrantDecision gOut = reg("g_out", new GrantDecision(pb, aw));
        comb(grant.valid, gValid);
        comb(grant.payload, gOut);
        Bool outFree = let("out_free", gValid.not().or(grant.ready));
        when(grant.fire(), () -> {
            sync(gValid, FALSE);
            sync(cGrants, cGrants.add(1));
            when(gOut.reason.eq(GrantDecision.FIFO), () -> sync(cFifo, cFifo.add(1)));
        });
        // out_entry is set at least two cycles before TS3 / FIFO_GRANT2, so the word is there in time.
        UInt replyQ = replyMem.readSync("reply_q", outEntry);

        // ---- try_send and scan registers --------------------------------------------------------
        UInt tsSlot = reg("ts_slot", UInt(3));
        Bool tsDefer = reg("ts_defer", Bool());
        UInt tsReason = reg("ts_reason", UInt(2));
        UInt tsLen = reg("ts_len", UInt(LEN_BITS));
        UInt tsRem = reg("ts_rem", UInt(LEN_BITS));
        UInt tsGranted = reg("ts_granted", UInt(LEN_BITS));
        UInt tsRecInc = reg("ts_rec_inc", UInt(LEN_BITS));
        UInt tsSeq = reg("ts_seq", UInt(SEQ_BITS));
        UInt tsWant = reg("ts_want", UInt(LEN_BITS));
        UInt tsReach = reg("ts_reach", UInt(34));      // received + window
        UInt tsCap = reg("ts_cap", UInt(LEN_BITS));    // length − granted
        Bool tsOk = reg("ts_ok", Bool());
        UInt rankVec = reg("rank_vec", UInt(SLOTS));

        UInt it = reg("it", UInt(4));
        // One slot per cycle, in two stages: fetch the slot's values (f_*), then compare them.
        Bool fValid = reg("f_valid", Bool(), 0);
        UInt fIx = reg("f_ix", UInt(3));
        UInt fRem = reg("f_rem", UInt(LEN_BITS));
        UInt fSeq = reg("f_seq", UInt(SEQ_BITS));
        UInt fCnt = reg("f_cnt", UInt(4));
        Bool fMeq = reg("f_meq", Bool());
        Bool fOk = reg("f_ok", Bool());
        Bool fNeedy = reg("f_needy", Bool());
        Bool awFromWaiting = reg("aw_from_waiting", Bool());
        UInt awMeq = reg("aw_meq", UInt(SLOTS));
        Bool vFound = reg("v_found", Bool());
        UInt vIx = reg("v_ix", UInt(3));
        UInt vSc = reg("v_sc", UInt(4));
        UInt vCnt = reg("v_cnt", UInt(4));
        Bool vMeq = reg("v_meq", Bool());
        UInt vRem = reg("v_rem", UInt(LEN_BITS));
        UInt vSeq = reg("v_seq", UInt(SEQ_BITS));
        UInt promoteIx = reg("promote_ix", UInt(3));

        UInt scanKind = reg("scan_kind", UInt(2));
        UInt scanAddr = reg("scan_addr", UInt(aw));
        Bool scanIssue = reg("scan_issue", Bool(), 0);
        Bool p1 = reg("scan_p1", Bool(), 0);
        Bool pa = reg("scan_pa", Bool(), 0);
        Bool p2 = reg("scan_p2", Bool(), 0);
        UInt s0Addr = reg("scan_s0_addr", UInt(aw));
        Bool s1Elig = reg("scan_s1_elig", Bool());
        UInt s1Key = reg("scan_s1_key", UInt(4 + LEN_BITS + SEQ_BITS));
        ScanItem s1 = reg("scan_s1", new ScanItem(pb, aw));
        Bool sbFound = reg("scan_found", Bool());
        UInt sbKey = reg("scan_best_key", UInt(4 + LEN_BITS + SEQ_BITS));
        ScanItem best = reg("scan_best", new ScanItem(pb, aw));

        // The lookup reads the entry of the way it finds (or the free way it will use) at once.
        UInt lookupAddr = wire("lookup_addr", UInt(aw));
        comb(rdAddr, mux(fsm.is(State.SCAN), scanAddr, mux(fe.is(FeState.LOOKUP), lookupAddr, curAddr)));

        // Per-slot views.
        Bool[] valid = new Bool[SLOTS];
        UInt[] cnt = new UInt[SLOTS];
        for (int i = 0; i < SLOTS; i++) {
            valid[i] = actValid.bit(i);
            // Registered: slots change at least one cycle before a count is used (AW0 comes first).
            cnt[i] = reg("slot_peer_count_" + i, UInt(4));
            sync(cnt[i], popcount(samePeer.get(i).and(actValid)));
        }

        // ---- accepting events ---------------------------------------------------------------------
        // The front end takes the next event once the back end no longer needs the event registers
        // (it keeps the event's time and address in be_time, be_addr) and will not change the
        // table or the active set before it is done (try_send up to TS2, check_needy, a FIFO grant
        // after its scan, or COMMIT and step 4 of an active message), and the front end's two
        // table reads (LOOKUP, ENTRY) cannot meet a table scan: a FIFO scan starts two cycles after
        // TS3 at the earliest (TS3, FIFO_CHECK, SCAN).
        Bool backLets = let("back_lets", fsm.is(State.IDLE)
                .or(fsm.is(State.COMMIT).and(cAction.eq(ACT_STEP4)).and(curActive).and(cSkip.not()))
                .or(fsm.is(State.STEP4B).and(curActive))
                .or(fsm.is(State.TS0)).or(fsm.is(State.TS1)).or(fsm.is(State.TS1B)).or(fsm.is(State.TS2))
                .or(fsm.is(State.NEEDY)).or(fsm.is(State.NEEDY_IT)).or(fsm.is(State.NEEDY_GO))
                .or(fsm.is(State.FIFO_GRANT)).or(fsm.is(State.FIFO_GRANT2)));
        Bool accepting = let("accepting", fe.is(FeState.IDLE).and(divider.ready).and(backLets));
        comb(in.ready, accepting.and(evAgain.not()));
        comb(idle, fsm.is(State.IDLE).and(fe.is(FeState.IDLE)).and(gValid.not()).and(evAgain.not()).and(coalescer.empty));

        fe.on(FeState.IDLE, () -> {
            when(evAgain.and(accepting), () -> {
                sync(evAgain, FALSE);
                sync(evTime, now);
                fe.goTo(FeState.LOOKUP);
            }).elseWhen(in.fire(), () -> {
                DataBatch b = in.payload;
                // The queue's op codes are the event kinds (0 DATA, 1 buffers, 2 end, 3 none).
                sync(evKind, b.op);
                sync(evPeer, b.peer);
                sync(evId, b.id);
                sync(evLen, b.length);
                sync(evOff, b.offset);
                sync(evPay, b.end.resize(LEN_BITS).sub(b.offset));
                sync(evEnd, b.end);
                sync(evBatchEnd, b.end);
                sync(evEnds, b.ends);
                sync(evCount, b.count);
                sync(evPiece, FALSE);
                sync(evInc, b.incoming);
                sync(evBuf, b.buffers);
                sync(evReply, b.reply);
                sync(evTime, now);
                sync(evSet, setIndex);
                fe.goTo(FeState.LOOKUP);
            });
        });

        Bool hitAny = FALSE;
        Bool freeAny = FALSE;
        UInt hitWayAcc = lit(0, wb);
        UInt freeWayAcc = lit(0, wb);
        for (int w = ways - 1; w >= 0; w--) {
            UInt q = keyQ[w];
            Bool v = q.bit(keyWidth - 1);
            Bool match = let("match_" + w, v.and(q.bits(keyWidth - 2, 64).eq(evPeer)).and(q.bits(63, 0).eq(evId)));
            hitAny = hitAny.or(match);
            hitWayAcc = mux(match, lit(w, wb), hitWayAcc);
            freeAny = freeAny.or(v.not());
            freeWayAcc = mux(v.not(), lit(w, wb), freeWayAcc);
        }
        Bool hit = let("hit", hitAny);
        Bool free = let("free", freeAny);
        UInt hitWay = let("hit_way", hitWayAcc);
        UInt freeWay = let("free_way", freeWayAcc);
        comb(lookupAddr, cat(evSet, mux(hit, hitWay, freeWay)));
        // The back end may still be finishing the previous event while the front end holds this one:
        // its writes of a granted offset and a rec_incoming (TS3, FIFO_GRANT2: both at once, always
        // at out_entry) after this event's entry read are forwarded into c_granted / c_rec_inc_old.
        // A write in the LOOKUP cycle itself (those, or STEP4B's rec_incoming at be_addr) is kept
        // aside (lk_*) and matched in ENTRY, where the entry's address is known.
        Bool grantWrite = let("grant_write", fsm.is(State.TS3).or(fsm.is(State.FIFO_GRANT2)).and(outFree));
        Bool recWrite = grantWrite;                    // the same two states write rec_mem
        Bool lkGValid = reg("lk_g_valid", Bool(), 0);
        Bool lkRValid = reg("lk_r_valid", Bool(), 0);
        UInt lkAddr = reg("lk_addr", UInt(aw));
        UInt lkGData = reg("lk_g_data", UInt(LEN_BITS));
        UInt lkRData = reg("lk_r_data", UInt(LEN_BITS));
        Bool outIsCur = let("out_is_cur", outEntry.eq(curAddr).and(curNew.not()));
        Bool fwdGranted = let("fwd_granted", grantWrite.and(outIsCur));
        Bool fwdRec = let("fwd_rec", recWrite.and(outIsCur));

        Bool creatable = let("creatable", evKind.eq(KIND_DATA).and(evInc.lt(evLen.extend(32))));
        Bool lookupDone = let("lookup_done", hit.and(evKind.ne(KIND_NONE)).or(creatable.and(hit.not()).and(free)).not());
        Runnable captureWrites = () -> {
            sync(lkGValid, grantWrite);
            sync(lkRValid, recWrite.or(fsm.is(State.STEP4B)));
            sync(lkAddr, mux(fsm.is(State.STEP4B), beAddr, outEntry));
            sync(lkGData, grantedWd);
            sync(lkRData, recWd);
        };
        fe.on(FeState.LOOKUP, () -> {
            captureWrites.run();
            when(hit.and(evKind.ne(KIND_NONE)), () -> {
                sync(curWay, hitWay);
                sync(curNew, FALSE);
                fe.goTo(FeState.ENTRY);
            }).elseWhen(creatable.and(hit.not()).and(free), () -> {
                sync(curWay, freeWay);
                sync(curNew, TRUE);
                fe.goTo(FeState.ENTRY);
            }).elseWhen(creatable.and(hit.not()), () -> {
                sync(cFull, cFull.add(1));
                sync(overflowPulse, TRUE);
                sync(overflowPeer, evPeer);
                sync(overflowId, evId);
                fe.goTo(FeState.IDLE);
            }).otherwise(() -> fe.goTo(FeState.IDLE));
        });


        // Reassembly of the event's packet against the stored (or fresh) entry.
        GrantReassembly reasm = instance("reasm", new GrantReassembly(p.gaps()));
        UInt bLen = let("b_len", mux(curNew, evLen, stored.length));
        UInt bRem = let("b_rem", mux(curNew, evLen, stored.remaining));
        UInt incClamped = mux(evInc.lt(evLen.extend(32)), evInc.resize(LEN_BITS), evLen);
        Bool lkHit = let("lk_hit", lkAddr.eq(curAddr).and(curNew.not()));
        UInt bGranted = let("b_granted", mux(curNew, incClamped, mux(lkGValid.and(lkHit), lkGData, grantedQ)));
        Bool bBuf = let("b_buf", mux(curNew, evBuf, stored.buffers));
        comb(reasm.length, bLen);
        comb(reasm.recvEnd, mux(curNew, lit(0, LEN_BITS), stored.recvEnd));
        comb(reasm.numGaps, mux(curNew, lit(0, stored.numGaps.width()), stored.numGaps));
        for (int g = 0; g < p.gaps(); g++) {
            comb(reasm.gapStart.get(g), stored.gapStart.get(g));
            comb(reasm.gapEnd.get(g), stored.gapEnd.get(g));
        }
        comb(reasm.offset, evOff);
        comb(reasm.pktEnd, evEnd);

        fe.on(FeState.ENTRY, () -> {
            sync(cLen, bLen);
            sync(cRemOld, bRem);
            sync(cRecvOld, bLen.sub(bRem));
            sync(cGranted, bGranted);
            sync(cSeq, mux(curNew, seqCounter, stored.seq));
            sync(cGrantableOld, curNew.or(stored.grantable));
            sync(cManagedOld, curNew.not().and(stored.managed));
            sync(cBufOld, bBuf);
            sync(cRecIncOld, mux(curNew, lit(0, LEN_BITS), mux(lkRValid.and(lkHit), lkRData, recQ)));
            // A batch that starts below recvEnd is taken one packet at a time ("Batches").
            sync(cSplit, evKind.eq(KIND_DATA).and(evCount.gt(1)).and(evPiece.not()).and(curNew.not())
                    .and(evOff.lt(stored.recvEnd)));
            Bool hitActive = FALSE;
            UInt slot = lit(0, 3);
            for (int i = SLOTS - 1; i >= 0; i--) {
                Bool m = valid[i].and(actAddr.get(i).eq(curAddr));
                hitActive = hitActive.or(m);
                slot = mux(m, lit(i, 3), slot);
            }
            sync(curActive, curNew.not().and(hitActive));
            sync(curSlot, slot);
            fe.goTo(FeState.REASM);
        });
        when(fe.is(FeState.ENTRY).or(fe.is(FeState.REASM)).or(fe.is(FeState.HOLD)), () -> {
            when(fwdGranted, () -> sync(cGranted, grantedWd));
            when(fwdRec, () -> sync(cRecIncOld, recWd));
        });

        // The reassembly outcome (its comparisons were registered at the end of ENTRY).
        fe.on(FeState.REASM, () -> when(cSplit, () -> {
            // Only the batch's first packet now: its comparisons again (ENTRY), on a fresh read of
            // the entry (issued in this cycle; a write in this cycle is kept aside as in LOOKUP).
            sync(evEnd, evEnds.get(0));
            sync(evPay, evEnds.get(0).resize(LEN_BITS).sub(evOff));
            sync(evPiece, TRUE);
            captureWrites.run();
            fe.goTo(FeState.ENTRY);
        }).otherwise(() -> {
            Bool addNow = evKind.eq(KIND_DATA).and(cBufOld);
            Bool kept = addNow.and(reasm.keep);
            sync(cRem, mux(kept, cRemOld.sub(evPay.resize(LEN_BITS)), cRemOld));
            sync(cRecvEnd, reasm.recvEndOut);
            sync(cNumGaps, reasm.numGapsOut);
            for (int g = 0; g < p.gaps(); g++) {
                sync(cGapStart.get(g), reasm.gapStartOut.get(g));
                sync(cGapEnd.get(g), reasm.gapEndOut.get(g));
            }
            when(kept.not(), () -> {
                // Dropped or not added: the entry's reassembly state stays.
                sync(cRecvEnd, mux(curNew, lit(0, LEN_BITS), stored.recvEnd));
                sync(cNumGaps, mux(curNew, lit(0, stored.numGaps.width()), stored.numGaps));
                for (int g = 0; g < p.gaps(); g++) {
                    sync(cGapStart.get(g), stored.gapStart.get(g));
                    sync(cGapEnd.get(g), stored.gapEnd.get(g));
                }
            });
            Bool refused = addNow.and(reasm.refuse);
            when(refused, () -> sync(cRefused, cRefused.add(mux(evPiece, lit(1, evCount.width()), evCount).extend(32))))
                    .elseWhen(curNew, () -> sync(seqCounter, seqCounter.add(1)));
            sync(cRecv, mux(kept, cRecvOld.add(evPay.resize(LEN_BITS)), cRecvOld));
            // checkRpc's case analysis on the remaining bytes after this packet.
            Bool remZero = mux(kept, cRemOld.eq(evPay.resize(LEN_BITS)), cRemOld.eq(0));
            sync(cGrantable, cGrantableOld);
            sync(cManaged, cManagedOld);
            sync(cBuf, cBufOld);
            sync(cDelete, FALSE);
            sync(cAction, ACT_NEEDY);
            sync(cSkip, refused.or(evKind.eq(KIND_BUF).and(cBufOld)));
            sync(cToNeedy, evKind.eq(KIND_DATA).and(cGrantableOld.not()));
            fe.goTo(FeState.HOLD);
            switchOn(evKind, s -> s.is(KIND_DATA, () -> {
                when(cGrantableOld.and(remZero), () -> {
                            sync(cAction, ACT_UNMANAGE);
                            sync(cGrantable, FALSE);
                            sync(cManaged, FALSE);
                        })
                        .elseWhen(cGrantableOld.and(cManagedOld.not()), () -> when(cBufOld, () -> {
                            sync(cAction, ACT_MANAGE);
                            sync(cManaged, TRUE);
                        }))
                        .elseWhen(cGrantableOld, () -> sync(cAction, ACT_STEP4));
            }).is(KIND_BUF, () -> when(cBufOld.not(), () -> {
                sync(cBuf, TRUE);
                when(cGrantableOld.and(cManagedOld.not()), () -> {
                    sync(cAction, ACT_MANAGE);
                    sync(cManaged, TRUE);
                });
            })).otherwise(() -> {
                sync(cAction, ACT_UNMANAGE);
                sync(cDelete, TRUE);
                sync(cGrantable, FALSE);
                sync(cManaged, FALSE);
            }));
        }));

        MsgEntry wr = wire("msg_wd", new MsgEntry(pb, p.gaps()));
        comb(wr.valid, cDelete.not());
        comb(wr.peer, evPeer);
        comb(wr.id, evId);
        comb(wr.length, cLen);
        comb(wr.remaining, cRem);
        comb(wr.seq, cSeq);
        comb(wr.grantable, cGrantable);
        comb(wr.managed, cManaged);
        comb(wr.buffers, cBuf);
        comb(wr.recvEnd, cRecvEnd);
        comb(wr.numGaps, cNumGaps);
        for (int g = 0; g < p.gaps(); g++) {
            comb(wr.gapStart.get(g), cGapStart.get(g));
            comb(wr.gapEnd.get(g), cGapEnd.get(g));
        }
        when(msgWe, () -> msgMem.write(curAddr, wr.asBits()));

        fsm.on(State.COMMIT, () -> when(cSkip, () -> fsm.goTo(State.IDLE))
                .elseWhen(cToNeedy, () -> fsm.goTo(State.NEEDY)).otherwise(() -> {
            comb(msgWe, TRUE);
            when(curNew, () -> {
                replyMem.write(curAddr, evReply.asBits());
                comb(grantedWe, TRUE);
                comb(keyWe, TRUE);
                comb(keyValid, TRUE);
                sync(used, used.add(1));
            });
            when(cDelete, () -> {
                comb(keyWe, TRUE);
                comb(keyValid, FALSE);
                sync(used, used.sub(1));
            });
            when(curActive, () -> sync(actRem.at(curSlot), cRem));
            // try_send's reach and cap for STEP4B of an active message (TS1's work). The window is
            // current: the active count last changed two cycles ago at the latest. c_granted equals
            // the slot's granted (forwarded up to the hand-off).
            sync(tsReach, cRecv.extend(34).add(window.extend(34)));
            sync(tsCap, cLen.sub(cGranted));
            // Step 4's new incoming (a message that takes a slot below keeps granted = c_granted).
            sync(s4RecInc, clampSub(mux(curActive, actGranted.read(curSlot), cGranted), cLen.sub(cRem)));
            when(curNew.or(cAction.eq(ACT_UNMANAGE)), () -> comb(recWe, TRUE));   // rec_incoming = 0
            fsm.goTo(State.NEEDY);
            switchOn(cAction, s -> s.is(ACT_UNMANAGE, () -> when(cManagedOld, () -> {
                setTotal(total.sub(cRecIncOld.extend(34)));
                when(curActive, () -> {
                    vacate(curSlot);
                    sync(curActive, FALSE);
                    sync(promoteIx, curSlot);
                    when(numWaiting.ne(0), () -> startScan(SCAN_PROMOTE, scanKind, scanAddr, scanIssue, sbFound));
                }).otherwise(() -> sync(numWaiting, numWaiting.sub(1)));
            })).is(ACT_MANAGE, () -> {
                sync(awFromWaiting, FALSE);
                fsm.goTo(State.AW0);
            }).is(ACT_STEP4, () -> fsm.goTo(State.STEP4B)));
        }));

        // ---- activate or wait (step 3's victim rule) ---------------------------------------------
        Bool[] meqNow = new Bool[SLOTS];
        for (int i = 0; i < SLOTS; i++) {
            meqNow[i] = let("meq_" + i, valid[i].and(actPeer.get(i).eq(evPeer)));
        }
        UInt meqVec = let("meq_vec", catBits(meqNow));

        // The event's message's rec_incoming when it takes a slot: before step 4 (managed just now,
        // so 0) or after it (a waiting message that wins a slot).
        UInt cRecIncCur = let("c_rec_inc_cur", mux(awFromWaiting, s4RecInc, cRecIncOld));
        fsm.on(State.AW0, () -> {
            sync(awMeq, meqVec);
            Bool found = FALSE;
            UInt ix = lit(0, 3);
            for (int i = SLOTS - 1; i >= 0; i--) {
                Bool e = valid[i].not().and(maxOc.gt(i));
                found = found.or(e);
                ix = mux(e, lit(i, 3), ix);
            }
            UInt emptyIx = ix;
            when(found, () -> {
                placeCurrent(emptyIx, meqVec, curAddr, evPeer, evId, cLen, cRem, cGranted, cSeq);
                sync(actRecInc.at(emptyIx), cRecIncCur);
                sync(numActive, numActive.add(1));
                sync(curActive, TRUE);
                sync(curSlot, emptyIx);
                when(awFromWaiting, () -> sync(numWaiting, numWaiting.sub(1)));
                awReturn(TRUE, awFromWaiting, tsSlot, tsDefer, tsReason, emptyIx);
            }).otherwise(() -> {
                sync(it, 0);
                sync(fValid, FALSE);
                sync(vFound, FALSE);
                fsm.goTo(State.AW_IT);
            });
        });

        fsm.on(State.AW_IT, () -> {
            fetchSlot(it, fValid, fIx, fRem, fSeq, fCnt, fMeq, fOk, fNeedy, cnt, awMeq, maxOc);
            UInt sc = fCnt.add(fMeq.extend(4));
            Bool later = sc.gt(vSc).or(sc.eq(vSc).and(rankLess(vRem, vSeq, fRem, fSeq)));
            when(fValid.and(fOk).and(vFound.not().or(later)), () -> {
                sync(vFound, TRUE);
                sync(vIx, fIx);
                sync(vSc, sc);
                sync(vCnt, fCnt);
                sync(vMeq, fMeq);
                sync(vRem, fRem);
                sync(vSeq, fSeq);
            });
            when(fValid.and(fIx.eq(SLOTS - 1)), () -> fsm.goTo(State.AW_CMP));
        });

        UInt awMine = reg("aw_mine", UInt(4));
        sync(awMine, popcount(awMeq));                 // active slots of the newcomer's peer
        Bool awWins = reg("aw_wins", Bool());
        fsm.on(State.AW_CMP, () -> {
            Bool hogs = vMeq.not().and(vCnt.gt(awMine.add(1)));
            Bool outranks = rankLess(cRem, cSeq, vRem, vSeq);
            sync(awWins, hogs.or(outranks));
            fsm.goTo(State.AW_DEC);
        });

        fsm.on(State.AW_DEC, () -> {
            when(awWins, () -> {
                when(awFromWaiting, () -> startScan(SCAN_PEERBEST, scanKind, scanAddr, scanIssue, sbFound))
                        .otherwise(() -> fsm.goTo(State.AW_APPLY));
            }).otherwise(() -> {
                when(awFromWaiting.not(), () -> sync(numWaiting, numWaiting.add(1)));
                awReturn(FALSE, awFromWaiting, tsSlot, tsDefer, tsReason, curSlot);
            });
        });

        fsm.on(State.AW_APPLY, () -> {
            // The victim waits in its peer's list; the newcomer takes its slot.
            placeCurrent(vIx, awMeq, curAddr, evPeer, evId, cLen, cRem, cGranted, cSeq);
            sync(actRecInc.at(vIx), cRecIncCur);
            sync(curActive, TRUE);
            sync(curSlot, vIx);
            when(awFromWaiting.not(), () -> sync(numWaiting, numWaiting.add(1)));
            awReturn(TRUE, awFromWaiting, tsSlot, tsDefer, tsReason, vIx);
        });

        // ---- step 4: update incoming ---------------------------------------------------------------
        // STEP4B straight after COMMIT (an active message): COMMIT has formed TS1's sums.
        Bool afterCommit = reg("after_commit", Bool(), 0);
        sync(afterCommit, fsm.is(State.COMMIT));
        fsm.on(State.STEP4B, () -> {
            setTotal(total.add(s4RecInc.extend(34)).sub(cRecIncOld.extend(34)));
            comb(recWe, TRUE);
            comb(recWa, beAddr);
            comb(recWd, s4RecInc);
            when(curActive, () -> sync(actRecInc.at(curSlot), s4RecInc));
            when(curActive, () -> {
                // try_send's operands straight from the slot (TS0's work), with the new rec_incoming.
                callTrySend(curSlot, TRUE, GrantDecision.WINDOW, tsSlot, tsDefer, tsReason);
                loadTrySend(curSlot, tsLen, tsRem, tsGranted, tsSeq, tsRecInc, outPeer, outId, outEntry, outReason,
                        lit(GrantDecision.WINDOW, 2));
                sync(tsRecInc, s4RecInc);
                fsm.goTo(State.TS1);
                when(afterCommit, () -> {
                    // TS1B's work on COMMIT's reach and cap (c_granted equals the slot's granted).
                    Bool positive = tsReach.gt(cGranted.extend(34));
                    UInt want = tsReach.sub(cGranted.extend(34));
                    sync(tsWant, mux(want.lt(tsCap.extend(34)), want.resize(LEN_BITS), tsCap));
                    sync(tsOk, positive.and(tsCap.ne(0)));
                    fsm.goTo(State.TS2);
                });
            }).elseWhen(cManaged.and(cAction.eq(ACT_STEP4)), () -> {
                        sync(awFromWaiting, TRUE);
                        fsm.goTo(State.AW0);
                    })
                    .otherwise(() -> fsm.goTo(State.NEEDY));
        });

        // ---- step 5: try_send ------------------------------------------------------------------------
        fsm.on(State.TS0, () -> {
            loadTrySend(tsSlot, tsLen, tsRem, tsGranted, tsSeq, tsRecInc, outPeer, outId, outEntry, outReason, tsReason);
            fsm.goTo(State.TS1);
        });

        fsm.on(State.TS1, () -> {
            // received + window, and what is left to grant.
            sync(tsReach, tsLen.sub(tsRem).extend(34).add(window.extend(34)));
            sync(tsCap, tsLen.sub(tsGranted));
            fsm.goTo(State.TS1B);
        });

        fsm.on(State.TS1B, () -> {
            Bool positive = tsReach.gt(tsGranted.extend(34));
            UInt want = tsReach.sub(tsGranted.extend(34));
            sync(tsWant, mux(want.lt(tsCap.extend(34)), want.resize(LEN_BITS), tsCap));
            sync(tsOk, positive.and(tsCap.ne(0)));
            fsm.goTo(State.TS2);
        });

        UInt tsAmount = reg("ts_amount", UInt(LEN_BITS));
        Bool tsLimited = reg("ts_limited", Bool());
        fsm.on(State.TS2, () -> {
            UInt bit = lit(1, SLOTS).shl(tsSlot);
            Bool noHeadroom = underMax.not();
            Bool othersNeedy = needy.and(bit.not()).ne(0);
            UInt headroom = maxInc.sub(total);
            Bool limited = headroom.lt(tsWant.extend(34));
            sync(tsLimited, limited);
            sync(tsAmount, mux(limited, headroom.resize(LEN_BITS), tsWant));
            // Rank among the active slots (remaining bytes do not change in try_send).
            Bool[] lt = new Bool[SLOTS];
            for (int i = 0; i < SLOTS; i++) {
                lt[i] = valid[i].and(tsSlot.ne(i)).and(rankLess(actRem.get(i), actSeq.get(i), tsRem, tsSeq));
            }
            sync(rankVec, catBits(lt));
            when(tsOk.not(), () -> fsm.goTo(State.NEEDY))
                    .elseWhen(noHeadroom.or(tsDefer.and(othersNeedy)), () -> {
                        sync(needy, needy.or(bit));
                        sync(cNeedy, cNeedy.add(1));
                        fsm.goTo(State.NEEDY);
                    })
                    .otherwise(() -> fsm.goTo(State.TS3));
        });

        // Registered every cycle: the event time and next_fifo are steady long before TS3.
        Bool fifoDue = reg("fifo_due", Bool(), 0);
        sync(fifoDue, divider.fifoInterval.ne(0).and(beTime.ge(nextFifo)));
        Bool needyPending = let("needy_pending", underMax.and(needy.ne(0)));
        // After TS3, check_needy has work only if another slot is needy and this grant was not cut
        // by max_incoming (a cut grant fills total_incoming up to max_incoming). A false alarm
        // costs one NEEDY cycle.
        Bool ts3Bit = let("ts3_others_needy", needy.and(lit(1, SLOTS).shl(tsSlot).not()).ne(0).and(tsLimited.not()));
        Bool ts3Done = let("ts3_done", fsm.is(State.TS3).and(outFree).and(fifoDue.not()).and(ts3Bit.not()));
        fsm.on(State.TS3, () -> when(outFree, () -> {
            UInt bit = lit(1, SLOTS).shl(tsSlot);
            sync(needy, mux(tsLimited, needy.or(bit), needy.and(bit.not())));
            when(tsLimited, () -> sync(cNeedy, cNeedy.add(1)));
            UInt g = tsGranted.add(tsAmount);
            sync(actGranted.at(tsSlot), g);
            sync(tsGranted, g);
            comb(grantedWe, TRUE);
            comb(grantedWa, outEntry);                 // = act_addr[ts_slot], loaded with the slot
            comb(grantedWd, g);
            setTotal(total.add(tsAmount.extend(34)));
            UInt rec = tsRecInc.add(tsAmount);
            sync(actRecInc.at(tsSlot), rec);
            comb(recWe, TRUE);
            comb(recWa, outEntry);
            comb(recWd, rec);
            UInt rank = popcount(rankVec);
            UInt msp = cfg.max_sched_prio.extend(4);
            UInt few = numActive.sub(1).sub(rank);
            UInt many = mux(rank.gt(msp), lit(0, 4), msp.sub(rank));
            emit(gValid, gOut, outPeer, outId, g, mux(numActive.le(msp.add(1)), few, many).resize(3), outReason,
                    outEntry, replyQ);
            when(fifoDue, () -> fsm.goTo(State.FIFO_CHECK))
                    .elseWhen(ts3Bit, () -> fsm.goTo(State.NEEDY))
                    .otherwise(() -> fsm.goTo(State.IDLE));
        }));

        fsm.on(State.FIFO_CHECK, () -> {
            UInt interval = divider.fifoInterval;
            when(interval.eq(0).or(beTime.lt(nextFifo)), () -> fsm.goTo(State.NEEDY)).otherwise(() -> {
                sync(nextFifo, beTime.add(interval.extend(TIME_BITS)));
                startScan(SCAN_FIFO, scanKind, scanAddr, scanIssue, sbFound);
            });
        });

        UInt fgGranted = reg("fg_granted", UInt(LEN_BITS));
        UInt fgNewInc = reg("fg_new_inc", UInt(LEN_BITS));
        UInt fgOldInc = reg("fg_old_inc", UInt(LEN_BITS));
        fsm.on(State.FIFO_GRANT, () -> {
            // granted + increment, capped at the length; the message's incoming before the grant.
            UInt sum = best.granted.extend(LEN_BITS + 1).add(cfg.fifo_grant_increment.extend(LEN_BITS + 1));
            Bool capped = sum.gt(best.length.extend(LEN_BITS + 1));
            sync(fgGranted, mux(capped, best.length, sum.resize(LEN_BITS)));
            // Its incoming after the grant, max(0, granted − received), here rather than where it is
            // written (that path was 7 LUT levels in the whole NIC): capped, it is the length −
            // received = remaining.
            UInt received = best.length.sub(best.remaining);
            sync(fgNewInc, mux(capped, best.remaining, clampSub(sum, received.extend(LEN_BITS + 1)).resize(LEN_BITS)));
            sync(fgOldInc, best.recInc);
            fsm.goTo(State.FIFO_GRANT2);
        });

        fsm.on(State.FIFO_GRANT2, () -> when(outFree, () -> {
            UInt newInc = fgNewInc;
            setTotal(total.add(newInc.extend(34)).sub(fgOldInc.extend(34)));
            comb(recWe, TRUE);
            comb(recWa, outEntry);                     // = best.addr (SCAN_DONE)
            comb(recWd, newInc);
            when(best.active, () -> {
                sync(actGranted.at(best.slot), fgGranted);
                sync(actRecInc.at(best.slot), newInc);
            });
            comb(grantedWe, TRUE);
            comb(grantedWa, outEntry);
            comb(grantedWd, fgGranted);
            emit(gValid, gOut, best.peer, best.id, fgGranted, cfg.num_priorities.sub(2).resize(3),
                    lit(GrantDecision.FIFO, 2), outEntry, replyQ);
            fsm.goTo(State.NEEDY);
        }));

        // ---- step 6: check_needy ---------------------------------------------------------------------
        UInt nBest = reg("needy_best", UInt(3));
        Bool nFound = reg("needy_found", Bool());
        UInt nRem = reg("needy_rem", UInt(LEN_BITS));
        UInt nSeq = reg("needy_seq", UInt(SEQ_BITS));
        fsm.on(State.NEEDY, () -> {
            when(needyPending, () -> {
                sync(it, 0);
                sync(fValid, FALSE);
                sync(nFound, FALSE);
                fsm.goTo(State.NEEDY_IT);
            }).otherwise(() -> fsm.goTo(State.IDLE));
        });

        // ---- hand-off: the front end's event enters the back end when the back end finishes ----------
        // (in the cycle it would return to IDLE, so an event that waited costs no extra cycle).
        Bool backDone = let("back_done", fsm.is(State.IDLE).or(fsm.is(State.COMMIT).and(cSkip))
                .or(ts3Done)
                .or(fsm.is(State.NEEDY).and(needyPending.not())));
        Bool feOffers = let("fe_offers", fe.is(FeState.REASM).and(cSplit.not()).or(fe.is(FeState.HOLD)));
        when(feOffers.and(backDone), () -> {
            sync(beTime, evTime);
            sync(beAddr, curAddr);
            fe.goTo(FeState.IDLE);
            fsm.goTo(State.COMMIT);
            // The rest of a split batch: taken like a new event once the back end lets it (the
            // back end reads only ev_peer, ev_id and ev_reply of the event registers, which stay).
            when(evPiece, () -> {
                sync(evAgain, TRUE);
                sync(evPiece, FALSE);
                sync(evOff, evEnds.get(0).resize(LEN_BITS));
                for (int j = 0; j + 1 < p.batchPackets(); j++) sync(evEnds.get(j), evEnds.get(j + 1));
                sync(evCount, evCount.sub(1));
                sync(evEnd, evBatchEnd);
                sync(evPay, evBatchEnd.resize(LEN_BITS).sub(evEnds.get(0).resize(LEN_BITS)));
            });
        });
        comb(taken, fe.is(FeState.LOOKUP).and(lookupDone).or(fe.is(FeState.REASM).and(cSplit.not())));
        comb(taken_op, evKind);
        comb(taken_peer, evPeer);
        comb(taken_id, evId);
        comb(taken_offset, evOff);
        comb(taken_end, evEnd);
        comb(taken_time, evTime);

        fsm.on(State.NEEDY_IT, () -> {
            fetchSlot(it, fValid, fIx, fRem, fSeq, fCnt, fMeq, fOk, fNeedy, cnt, awMeq, maxOc);
            when(fValid.and(fNeedy).and(nFound.not().or(rankLess(fRem, fSeq, nRem, nSeq))), () -> {
                sync(nFound, TRUE);
                sync(nBest, fIx);
                sync(nRem, fRem);
                sync(nSeq, fSeq);
            });
            when(fValid.and(fIx.eq(SLOTS - 1)), () -> fsm.goTo(State.NEEDY_GO));
        });

        fsm.on(State.NEEDY_GO, () -> {
            sync(needy, needy.and(lit(1, SLOTS).shl(nBest).not()));
            callTrySend(nBest, FALSE, GrantDecision.NEEDY, tsSlot, tsDefer, tsReason);
        });

        // ---- table scans (one entry per cycle, pipelined) ------------------------------------------
        fsm.on(State.SCAN, () -> {
            when(scanIssue, () -> {
                sync(scanAddr, scanAddr.add(1));
                when(scanAddr.eq(entries - 1), () -> sync(scanIssue, FALSE));
            });
            when(scanIssue.not().and(p1.not()).and(pa.not()).and(p2.not()), () -> fsm.goTo(State.SCAN_DONE));
        });
        sync(p1, fsm.is(State.SCAN).and(scanIssue));
        sync(p2, pa);
        sync(s0Addr, scanAddr);
        // Stage 1a: the entry read last cycle, its comparisons against the active slots and the event.
        ScanItem sa = reg("scan_a", new ScanItem(pb, aw));
        sync(pa, p1);
        Bool aManaged = reg("scan_a_managed", Bool());
        Bool aGrantedBelow = reg("scan_a_granted_below", Bool());
        Bool aSamePeer = reg("scan_a_same_peer", Bool());
        Bool aNotCur = reg("scan_a_not_cur", Bool());
        Bool aOutranks = reg("scan_a_outranks", Bool());
        UInt fifoLimit = reg("fifo_limit", UInt(34));
        sync(fifoLimit, window.extend(34).add(cfg.fifo_grant_increment.extend(34).shl(1).resize(34)));
        {
            Bool[] isAct = new Bool[SLOTS];
            Bool[] peq = new Bool[SLOTS];
            UInt slot = lit(0, 3);
            for (int i = SLOTS - 1; i >= 0; i--) {
                isAct[i] = valid[i].and(actAddr.get(i).eq(s0Addr));
                peq[i] = valid[i].and(actPeer.get(i).eq(stored.peer));
                slot = mux(isAct[i], lit(i, 3), slot);
            }
            sync(sa.addr, s0Addr);
            sync(sa.peer, stored.peer);
            sync(sa.id, stored.id);
            sync(sa.length, stored.length);
            sync(sa.remaining, stored.remaining);
            sync(sa.seq, stored.seq);
            sync(sa.granted, grantedQ);
            sync(sa.recInc, recQ);
            sync(sa.active, orAll(isAct));
            sync(sa.slot, slot);
            sync(sa.peerEq, catBits(peq));
            sync(aManaged, stored.valid.and(stored.managed));
            sync(aGrantedBelow, grantedQ.lt(stored.length));
            sync(aSamePeer, stored.peer.eq(evPeer));
            sync(aNotCur, s0Addr.ne(curAddr));
            sync(aOutranks, rankLess(stored.remaining, stored.seq, cRem, cSeq));
        }
        // Stage 1b: eligibility and key for the kind of scan.
        {
            Bool waiting = aManaged.and(sa.active.not());
            Bool fifoElig = aManaged.and(aGrantedBelow).and(sa.recInc.extend(34).lt(fifoLimit));
            Bool peerElig = waiting.and(aSamePeer).and(aNotCur).and(aOutranks);
            sync(s1Elig, pa.and(mux(scanKind.eq(SCAN_PROMOTE), waiting,
                    mux(scanKind.eq(SCAN_FIFO), fifoElig, peerElig))));
            sync(s1Key, mux(scanKind.eq(SCAN_PROMOTE), cat(popcount(sa.peerEq), sa.remaining, sa.seq),
                    mux(scanKind.eq(SCAN_FIFO), sa.seq.extend(4 + LEN_BITS + SEQ_BITS),
                            cat(lit(0, 4), sa.remaining, sa.seq))));
            sync(s1, sa);
        }
        // Stage 2: keep the smallest key.
        when(p2.and(s1Elig).and(sbFound.not().or(s1Key.lt(sbKey))), () -> {
            sync(sbFound, TRUE);
            sync(sbKey, s1Key);
            sync(best, s1);
        });

        fsm.on(State.SCAN_DONE, () -> switchOn(scanKind, s -> s.is(SCAN_PROMOTE, () -> {
            when(sbFound, () -> {
                place(promoteIx, best.peerEq, best.addr, best.peer, best.id, best.length, best.remaining,
                        best.granted, best.seq);
                sync(actRecInc.at(promoteIx), best.recInc);
                sync(needy, needy.or(lit(1, SLOTS).shl(promoteIx)));
                sync(numActive, numActive.add(1));
                sync(numWaiting, numWaiting.sub(1));
            });
            fsm.goTo(State.NEEDY);
        }).is(SCAN_PEERBEST, () -> {
            // Only the best waiting message of its peer may take a slot.
            when(sbFound, () -> fsm.goTo(State.NEEDY)).otherwise(() -> fsm.goTo(State.AW_APPLY));
        }).otherwise(() -> when(sbFound, () -> {
            sync(outEntry, best.addr);
            fsm.goTo(State.FIFO_GRANT);
        }).otherwise(() -> fsm.goTo(State.NEEDY)))));
    }

    // ---- helpers that emit statements ----------------------------------------------------------

    /** total_incoming's next value, and whether it is below max_incoming. */
    private void setTotal(UInt next) {
        sync(total, next);
        sync(underMax, next.lt(maxInc));
    }

    private void startScan(int kind, UInt scanKind, UInt scanAddr, Bool scanIssue, Bool found) {
        sync(scanKind, kind);
        sync(scanAddr, 0);
        sync(scanIssue, TRUE);
        sync(found, FALSE);
        fsm.goTo(State.SCAN);
    }

    private void loadTrySend(UInt slot, UInt tsLen, UInt tsRem, UInt tsGranted, UInt tsSeq, UInt tsRecInc, UInt outPeer,
                             UInt outId, UInt outEntry, UInt outReason, UInt reason) {
        sync(tsLen, actLen.read(slot));
        sync(tsRem, actRem.read(slot));
        sync(tsGranted, actGranted.read(slot));
        sync(tsSeq, actSeq.read(slot));
        sync(tsRecInc, actRecInc.read(slot));
        sync(outPeer, actPeer.read(slot));
        sync(outId, actId.read(slot));
        sync(outEntry, actAddr.read(slot));
        sync(outReason, reason);
    }

    /** Stage 1 of a slot walk: the values of slot {@code it} (0..7) into the f_* registers. */
    private void fetchSlot(UInt it, Bool fValid, UInt fIx, UInt fRem, UInt fSeq, UInt fCnt, Bool fMeq, Bool fOk,
                           Bool fNeedy, UInt[] cnt, UInt awMeq, UInt maxOc) {
        UInt ix = it.bits(2, 0);
        Bool more = it.lt(SLOTS);
        sync(fValid, more);
        when(more, () -> {
            sync(fIx, ix);
            sync(fRem, actRem.read(ix));
            sync(fSeq, actSeq.read(ix));
            sync(fCnt, cnt4(ix, cnt));
            sync(fMeq, awMeq.bit(ix));
            sync(fOk, maxOc.gt(it));
            sync(fNeedy, needy.bit(ix));
            sync(it, it.add(1));
        });
    }

    /** Puts a decision into the output register (the caller has checked it is free). */
    private void emit(Bool gValid, GrantDecision g, UInt peer, UInt id, UInt offset, UInt priority, UInt reason,
                      UInt entry, UInt replyWord) {
        sync(gValid, TRUE);
        sync(g.peer, peer);
        sync(g.id, id);
        sync(g.offset, offset);
        sync(g.priority, priority);
        sync(g.reason, reason);
        sync(g.entry, entry);
        sync(g.reply, Bundle.unpack(new ReplyAddress(), replyWord));
    }

    private void vacate(UInt slot) {
        UInt keep = lit(1, SLOTS).shl(slot).not();
        sync(actValid, actValid.and(keep));
        sync(needy, needy.and(keep));
        sync(numActive, numActive.sub(1));
    }

    /** Puts the event's message into {@code slot} (replacing whatever was there); clears its needy bit. */
    private void placeCurrent(UInt slot, UInt peerMatch, UInt addr, UInt peer, UInt id, UInt len, UInt rem,
                              UInt granted, UInt seq) {
        place(slot, peerMatch, addr, peer, id, len, rem, granted, seq);
        sync(needy, needy.and(lit(1, SLOTS).shl(slot).not()));
    }

    private void place(UInt slot, UInt peerMatch, UInt addr, UInt peer, UInt id, UInt len, UInt rem,
                       UInt granted, UInt seq) {
        UInt oh = lit(1, SLOTS).shl(slot);
        sync(actValid, actValid.or(oh));
        sync(actAddr.at(slot), addr);
        sync(actPeer.at(slot), peer);
        sync(actId.at(slot), id);
        sync(actLen.at(slot), len);
        sync(actRem.at(slot), rem);
        sync(actGranted.at(slot), granted);
        sync(actSeq.at(slot), seq);
        for (int j = 0; j < SLOTS; j++) {
            UInt row = samePeer.get(j);
            UInt column = row.and(oh.not()).or(mux(peerMatch.bit(j), oh, lit(0, SLOTS)));
            sync(row, mux(slot.eq(j), peerMatch.or(oh), column));
        }
    }

    private void awReturn(Bool becameActive, Bool fromWaiting, UInt tsSlot, Bool tsDefer, UInt tsReason, UInt slot) {
        when(fromWaiting.not(), () -> fsm.goTo(State.STEP4B))
                .elseWhen(becameActive, () -> callTrySend(slot, TRUE, GrantDecision.WINDOW, tsSlot, tsDefer, tsReason))
                .otherwise(() -> fsm.goTo(State.NEEDY));
    }

    private void callTrySend(UInt slot, Bool defer, int reason, UInt tsSlot, Bool tsDefer, UInt tsReason) {
        sync(tsSlot, slot);
        sync(tsDefer, defer);
        sync(tsReason, reason);
        fsm.goTo(State.TS0);
    }

    // ---- helpers that build values ---------------------------------------------------------------

    /** (remA, seqA) outranks (remB, seqB): fewer remaining bytes, ties to the older. */
    static Bool rankLess(UInt remA, UInt seqA, UInt remB, UInt seqB) {
        return remA.lt(remB).or(remA.eq(remB).and(seqA.lt(seqB)));
    }

    /** max(0, a − b). */
    static UInt clampSub(UInt a, UInt b) {
        UInt d = a.subWithBorrow(b);
        return mux(d.msb(), lit(0, a.width()), d.resize(a.width()));
    }

    static UInt popcount(UInt v) {
        UInt sum = lit(0, 4);
        for (int i = 0; i < v.width(); i++) {
            sum = sum.add(v.bit(i).extend(4));
        }
        return sum;
    }

    private static UInt cnt4(UInt index, UInt[] counts) {
        UInt r = counts[0];
        for (int i = 1; i < counts.length; i++) {
            r = mux(index.eq(i), counts[i], r);
        }
        return r;
    }

    static UInt catBits(Bool[] bits) {
        UInt[] msbFirst = new UInt[bits.length];
        for (int i = 0; i < bits.length; i++) {
            msbFirst[i] = bits[bits.length - 1 - i];
        }
        return cat(msbFirst);
    }

    static Bool orAll(Bool[] bits) {
        Bool r = FALSE;
        for (Bool b : bits) {
            r = r.or(b);
        }
        return r;
    }
}
