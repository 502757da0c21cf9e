package org.homanic.host.datapath;

import java.util.Set;

/** One host's attachment to an {@link InMemoryNetwork}. */
public final class InMemoryDatapath implements Datapath {
    private final InMemoryNetwork network;
    private final long address;
    private final int mtu;
    private final Set<Capability> capabilities;
    private volatile boolean closed;

    InMemoryDatapath(InMemoryNetwork network, long address, int mtu, Set<Capability> capabilities) {
        this.network = network;
        this.address = address;
        this.mtu = mtu;
        this.capabilities = Set.copyOf(capabilities);
    }

    @Override public long localAddress() { return address; }
    @Override public int mtu() { return mtu; }
    @Override public Set<Capability> capabilities() { return capabilities; }

    @Override
    public void send(PacketBatch batch) {
        if (closed) {
            batch.clear();
            return;
        }
        network.send(address, batch);
    }

    @Override
    public int poll(PacketBatch batch) {
        return closed ? 0 : network.poll(address, batch);
    }

    @Override
    public int pollUnreachable(long[] peers, int[] ports) {
        return closed ? 0 : network.pollUnreachable(address, peers, ports);
    }

    @Override
    public void reportPortUnreachable(long peer, int port) {
        if (!closed) network.reportPortUnreachable(address, peer, port);
    }

    /** When the next packet for this host arrives, or Long.MAX_VALUE when none is in flight. */
    public long nextDelivery() {
        return network.nextDelivery(address);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            network.detach(address);
        }
    }

    @Override
    public String describe(long peer) { return "host" + peer; }
}
