package org.homanic.host.tx;

import java.util.ArrayList;

/**
 * The outgoing messages that have granted bytes to send, and the order they are served in:
 * fewest bytes left first (SRPT), except that every {@code 1000 / fifoFraction}-th pick serves
 * the oldest message, as HomaModule's pacer does ({@code pacer_fifo_fraction}, default 50 → one
 * pick in 20), so large messages cannot starve. Linear scans: the list is short (messages
 * with a grant outstanding), and bytes left changes with every packet, which a heap would
 * have to re-sort.
 */
public final class SrptQueue<T> {
    private final ArrayList<OutgoingMessage> messages = new ArrayList<>();
    private final ArrayList<T> owners = new ArrayList<>();
    private final int fifoEvery;
    private int picks;

    /** {@code fifoFraction} in thousandths (0 = pure SRPT). */
    public SrptQueue(int fifoFraction) {
        if (fifoFraction < 0 || fifoFraction > 1000) throw new IllegalArgumentException("fifo fraction must be 0..1000");
        this.fifoEvery = fifoFraction == 0 ? Integer.MAX_VALUE : Math.max(1, 1000 / fifoFraction);
    }

    public int size() { return messages.size(); }
    public boolean isEmpty() { return messages.isEmpty(); }

    /** Adds a message that has something to send (no-op when already there). */
    public void offer(OutgoingMessage m, T owner) {
        if (m.queued) return;
        m.queued = true;
        messages.add(m);
        owners.add(owner);
    }

    /** Removes a message (finished, aborted, or waiting for grants). */
    public void remove(OutgoingMessage m) {
        if (!m.queued) return;
        int i = messages.indexOf(m);
        int last = messages.size() - 1;
        messages.set(i, messages.get(last));
        owners.set(i, owners.get(last));
        messages.remove(last);
        owners.remove(last);
        m.queued = false;
    }

    /** Index of the message to serve next, or -1; read it with {@link #message} / {@link #owner}. */
    public int pick() {
        if (messages.isEmpty()) return -1;
        boolean fifo = ++picks % fifoEvery == 0;
        int best = 0;
        for (int i = 1; i < messages.size(); i++) {
            OutgoingMessage m = messages.get(i), b = messages.get(best);
            boolean better = fifo
                    ? m.createdNanos() < b.createdNanos() || (m.createdNanos() == b.createdNanos() && m.sequence() < b.sequence())
                    : m.bytesLeft() < b.bytesLeft() || (m.bytesLeft() == b.bytesLeft() && m.sequence() < b.sequence());
            if (better) best = i;
        }
        return best;
    }

    public OutgoingMessage message(int i) { return messages.get(i); }
    public T owner(int i) { return owners.get(i); }
}
