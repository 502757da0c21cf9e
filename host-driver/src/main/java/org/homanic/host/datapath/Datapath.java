package org.homanic.host.datapath;

import org.homanic.protocol.wire.RpcIds;

import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Moves Homa packets between this host and its peers. Packets start at the Homa header; a
 * datapath that needs IP/UDP/Ethernet adds and strips them itself. Peers are named by a
 * datapath-specific {@code long} (the in-memory datapath uses host numbers). Calls come from one
 * thread at a time (the stack's driver).
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
     * Waits up to {@code maxNanos} for a packet to arrive; the driver calls it after a round that
     * found nothing to do. Datapaths that can sleep until a packet comes (a socket: poll) do so;
     * the default naps briefly and lets the driver look again.
     */
    default void awaitPackets(long maxNanos) {
        LockSupport.parkNanos(Math.min(maxNanos, 20_000));
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
