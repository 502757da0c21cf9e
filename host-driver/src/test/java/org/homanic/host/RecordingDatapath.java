package org.homanic.host;

import org.homanic.host.datapath.Capability;
import org.homanic.host.datapath.Datapath;
import org.homanic.host.datapath.PacketBatch;
import org.homanic.protocol.wire.DataView;
import org.homanic.protocol.wire.PacketType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Passes packets to another datapath and notes what was sent: type, level, DATA offset and id. */
final class RecordingDatapath implements Datapath {
    record Sent(PacketType type, int priority, long offset, long senderId, int length) {}

    private final Datapath inner;
    private final DataView view = new DataView();
    final List<Sent> sent = new ArrayList<>();

    RecordingDatapath(Datapath inner) {
        this.inner = inner;
    }

    @Override public long localAddress() { return inner.localAddress(); }
    @Override public int mtu() { return inner.mtu(); }
    @Override public Set<Capability> capabilities() { return inner.capabilities(); }
    @Override public int poll(PacketBatch batch) { return inner.poll(batch); }
    @Override public int pollUnreachable(long[] peers, int[] ports) { return inner.pollUnreachable(peers, ports); }
    @Override public void reportPortUnreachable(long peer, int port) { inner.reportPortUnreachable(peer, port); }
    @Override public void close() { inner.close(); }

    @Override
    public void send(PacketBatch batch) {
        for (int i = 0; i < batch.size(); i++) {
            view.wrap(batch.segment(i), 0);
            PacketType type = view.type();
            long offset = type == PacketType.DATA ? view.offset() : -1;
            sent.add(new Sent(type, batch.priority(i), offset, view.senderId(), batch.length(i)));
        }
        inner.send(batch);
    }

    List<Sent> data() {
        return sent.stream().filter(s -> s.type() == PacketType.DATA).toList();
    }
}
