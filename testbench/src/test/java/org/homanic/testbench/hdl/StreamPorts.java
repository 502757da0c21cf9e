package org.homanic.testbench.hdl;

import org.homanic.testbench.Port;
import org.homanic.testbench.Simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * Drives and watches an hdl {@code Stream<UInt>} port group ({@code <name>_valid},
 * {@code <name>_ready}, {@code <name>_payload}) with the valid/ready rules: a source holds a word
 * until it moves and may idle at random; a sink drops ready at random.
 */
final class StreamPorts {
    private StreamPorts() {}

    /** Sends queued words, idling with probability {@code gaps}. */
    static final class Source {
        private final Port valid;
        private final Port ready;
        private final Port payload;
        private final Random random;
        private final double gaps;
        final Deque<Long> queue = new ArrayDeque<>();
        private boolean offering;

        Source(Simulator sim, String name, Random random, double gaps) {
            this.valid = sim.port(name + "_valid");
            this.ready = sim.port(name + "_ready");
            this.payload = sim.port(name + "_payload");
            this.random = random;
            this.gaps = gaps;
        }

        /** Before the clock edge: present a word (or not). */
        void drive() {
            if (!offering && !queue.isEmpty() && random.nextDouble() >= gaps) {
                offering = true;
                payload.set(queue.peekFirst());
            }
            valid.set(offering);
        }

        /** Right before the edge, after eval: true when the word moves at this edge. */
        boolean fires() {
            return offering && ready.isHigh();
        }

        /** After the edge. */
        void advance(boolean fired) {
            if (fired) {
                queue.removeFirst();
                offering = false;
            }
        }
    }

    /** Collects words, dropping ready with probability {@code backPressure}. */
    static final class Sink {
        private final Port valid;
        private final Port ready;
        private final Port payload;
        private final Random random;
        private final double backPressure;
        final List<Long> received = new ArrayList<>();

        Sink(Simulator sim, String name, Random random, double backPressure) {
            this.valid = sim.port(name + "_valid");
            this.ready = sim.port(name + "_ready");
            this.payload = sim.port(name + "_payload");
            this.random = random;
            this.backPressure = backPressure;
        }

        void drive() {
            ready.set(random.nextDouble() >= backPressure);
        }

        /** Right before the edge, after eval. */
        boolean fires() {
            return valid.isHigh() && ready.isHigh();
        }

        void take() {
            received.add(payload.get());
        }
    }
}
