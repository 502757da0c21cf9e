package org.homanic.host;

import org.homanic.host.datapath.Capability;
import org.homanic.host.datapath.FaultModel;
import org.homanic.host.datapath.InMemoryDatapath;
import org.homanic.host.datapath.InMemoryNetwork;
import org.homanic.host.timer.VirtualClock;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Several stacks on one in-memory network under a virtual clock, driven by the test thread:
 * each {@link #step()} runs every stack once and moves time on, so a run is deterministic for
 * a seed and takes no wall-clock waiting.
 */
final class Cluster implements AutoCloseable {
    /** A typical Ethernet MTU minus a 20-byte IPv4 header: 1424 payload bytes per DATA packet. */
    static final int MTU = 1480;

    final VirtualClock clock = new VirtualClock(1_000_000_000L);
    final InMemoryNetwork network;
    final List<HomaStack> stacks = new ArrayList<>();
    long stepNanos = 2_000;

    Cluster(FaultModel faults, long seed) {
        network = new InMemoryNetwork(clock, faults, seed, MTU);
    }

    HomaStack add(HostConfig config) {
        return add(config, Set.of());
    }

    HomaStack add(HostConfig config, Set<Capability> capabilities) {
        InMemoryDatapath dp = network.attach(capabilities);
        HomaStack s = HomaStack.open(dp, config, clock);
        stacks.add(s);
        return s;
    }

    void step() {
        for (HomaStack s : stacks) s.runOnce();
        clock.advance(stepNanos);
    }

    /** Steps until {@code done} holds; fails after {@code maxSteps}. Returns the steps taken. */
    long runUntil(BooleanSupplier done, long maxSteps) {
        for (long i = 0; i < maxSteps; i++) {
            if (done.getAsBoolean()) return i;
            step();
        }
        if (done.getAsBoolean()) return maxSteps;
        throw new AssertionError("condition not reached within " + maxSteps + " steps (" + maxSteps * stepNanos / 1_000_000 + " ms virtual)");
    }

    void runFor(long nanos) {
        for (long t = 0; t < nanos; t += stepNanos) step();
    }

    @Override
    public void close() {
        for (HomaStack s : stacks) s.close();
    }
}
