package org.homanic.host.datapath;

import org.homanic.protocol.wire.RpcIds;

import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Moves Homa packets between this host and its peers. Packets start at the Homa header; a
 * datapath that needs IP/UDP/Ethernet adds and strips them itself. Peers are named by a
 * datapath-specific {@code long} (the in-memory datapath uses host numbers). {@link #poll} and
 * {@link #awaitPackets} come without the stack's lock, one thread at a time; {@link #send} comes
 * under it, or, where {@link #sendsAfterUnlock}, without it, one thread at a time; the rest come
 * under it. So send and poll may run at once, and a datapath keeps them apart itself.
 */
public interface Datapath extends AutoCloseable {

    /** This host's address, as peers name it. */
    long localAddress();

    /** Largest Homa packet (header + payload) this datapath carries. */
    int mtu();

    Set<Capability> capabilities();

    /** Transmits every packet of {@code batch}, then leaves the batch empty. Never blocks. */
    void send(PacketBatch batch);

    /**
     * Appends received packets to {@code batch} until it is full or nothing is waiting; returns
     * how many were added. Never blocks.
     */
    int poll(PacketBatch batch);

    /**
     * Appends the peers (address, Homa port) reported unreachable since the last call, as ICMP
     * port/host-unreachable would; returns how many.
     */
    default int pollUnreachable(long[] peers, int[] ports) { return 0; }

    /**
     * Waits up to {@code maxNanos} for a packet to arrive; the stack's poller calls it after a
     * round that found nothing to do. Datapaths that can sleep until a packet comes (a socket: poll) do so;
     * the default naps briefly and lets the driver look again.
     */
    default void awaitPackets(long maxNanos) {
        LockSupport.parkNanos(Math.min(maxNanos, 20_000));
    }

    /**
     * Whether the stack may queue the packets it writes under its lock and send them once the
     * lock is free. Sockets want that: on loopback the kernel carries each datagram to its
     * receiver inside the sending call, which then takes long. A datapath whose {@link #txRoom}
     * must count each packet as it is written (a NIC's ring) does not.
     */
    default boolean sendsAfterUnlock() { return false; }

    /**
     * A wait of this datapath's own for one thread, or null when it has none (then the stack's
     * threads take turns in {@link #awaitPackets}). With waiters, several threads sleep on the
     * datapath at once and each arrival wakes one of them, which reads it: no thread has to
     * pass the polling on to another when it stops waiting.
     */
    default Waiter newWaiter() { return null; }

    /** One thread's sleep until packets arrive (see {@link #newWaiter}). */
    interface Waiter extends AutoCloseable {
        /**
         * Sleeps up to {@code maxNanos}, until packets may be waiting (when this waiter listens),
         * {@link #wake} is called or the time is up. Returns whether packets may be waiting.
         * Only the owning thread calls it.
         */
        boolean await(long maxNanos);

        /** Whether arrivals wake this waiter (they do from the start); only the owning thread calls it. */
        void listen(boolean on);

        /** Ends the current or the next {@link #await} at once; any thread may call it, also after close. */
        void wake();

        @Override
        void close();
    }

    /**
     * DATA packets the datapath can take now without queueing them behind others (room in a
     * NIC's transmit ring); the sender sends at most this many per round, so its SRPT order is
     * not undone by a long queue below it. Unlimited by default.
     */
    default int txRoom() { return Integer.MAX_VALUE; }

    /**
     * With {@link Capability#NIC_SCHEDULES_GRANTS}: the incoming message of RPC {@code localId}
     * from {@code peer}, which the NIC scheduled, is complete (or its RPC ended), so the NIC can
     * free its scheduler entry. Called once per such message.
     */
    default void messageEnded(long peer, long localId) {}

    /** Tells {@code peer} that nothing listens on {@code port} here (ICMP port-unreachable). */
    default void reportPortUnreachable(long peer, int port) {}

    /**
     * The id of a stack's first client RPC (then +2 each). HomaModule starts at 2, once per
     * boot. A datapath whose address a later stack can take over (a socket: the next process on
     * the same IP address and port) starts somewhere unpredictable instead, so that a server
     * still remembering the old stack's finished ids does not drop the new stack's requests as
     * duplicates.
     */
    default long firstClientId() { return RpcIds.FIRST_CLIENT_ID; }

    @Override
    void close();

    /** A printable form of a peer address. */
    default String describe(long peer) { return Long.toString(peer); }
}
