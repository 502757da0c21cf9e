package org.homanic.host.datapath;

/**
 * Seeded faults of the in-memory network, each an independent probability per packet.
 *
 * @param loss         packet dropped
 * @param duplication  packet delivered twice
 * @param reordering   packet held back by a random extra delay up to {@code maxJitterNanos}, so later ones overtake it
 * @param truncation   packet cut to a random shorter length in flight; the receiving datapath
 *                     sees that fewer bytes came than were sent and drops it, as the IP/UDP
 *                     length checks below Homa do, so Homa sees a loss. (A cut DATA packet
 *                     that reached Homa would look like a valid shorter packet, and the spec's
 *                     gap rule would then refuse every retransmission of the full packet.)
 *                     Short and malformed packets that do reach Homa are tested by injecting
 *                     them directly.
 * @param delayNanos   fixed one-way delay of every packet
 * @param maxJitterNanos largest extra delay of a reordered packet
 */
public record FaultModel(double loss, double duplication, double reordering, double truncation,
                         long delayNanos, long maxJitterNanos) {
    public FaultModel {
        for (double p : new double[] {loss, duplication, reordering, truncation}) {
            if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("fault probabilities must be within 0..1");
        }
        if (delayNanos < 0 || maxJitterNanos < 0) throw new IllegalArgumentException("delays must not be negative");
    }

    /** A perfect network with a 1 µs delay. */
    public static FaultModel none() {
        return new FaultModel(0, 0, 0, 0, 1_000, 0);
    }

    public FaultModel withLoss(double p) { return new FaultModel(p, duplication, reordering, truncation, delayNanos, maxJitterNanos); }
    public FaultModel withDuplication(double p) { return new FaultModel(loss, p, reordering, truncation, delayNanos, maxJitterNanos); }
    public FaultModel withReordering(double p, long maxJitter) { return new FaultModel(loss, duplication, p, truncation, delayNanos, maxJitter); }
    public FaultModel withTruncation(double p) { return new FaultModel(loss, duplication, reordering, p, delayNanos, maxJitterNanos); }
    public FaultModel withDelay(long nanos) { return new FaultModel(loss, duplication, reordering, truncation, nanos, maxJitterNanos); }
}
