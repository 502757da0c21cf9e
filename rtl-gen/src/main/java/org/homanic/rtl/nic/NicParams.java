package org.homanic.rtl.nic;

import org.homanic.rtl.classifier.EgressClassifier;
import org.homanic.rtl.classifier.IngressClassifier;
import org.homanic.rtl.grant.GrantSchedulerParams;

/**
 * Build-time parameters of {@link HomaNic}; each part is checked by the part's own parameter
 * record, so an invalid set fails with that part's message.
 *
 * @param dataWidth    tdata bits of every AXI-Stream port (power of two ≥ 64)
 * @param queues       Homa host RX queues (1, 2, 4, 8); queue {@code queues} carries other traffic
 * @param bufferBytes  ingress receive buffer
 * @param queueBytes   each host RX queue
 * @param eventDepth   ingress → scheduler event FIFO
 * @param stagingBytes egress staging buffer
 * @param levelBytes   each of the eight egress priority queues
 * @param peerEntries  egress cutoffs table entries
 * @param grantEntries egress learned-grant table entries
 * @param schedEntries grant scheduler message table entries
 * @param schedWays    ways per scheduler hash set
 * @param gaps         reassembly gaps tracked per scheduled message
 * @param clockNs      nanoseconds per clock cycle (the scheduler's time base): 4 at 250 MHz
 */
public record NicParams(int dataWidth, int queues, int bufferBytes, int queueBytes, int eventDepth,
                        int stagingBytes, int levelBytes, int peerEntries, int grantEntries,
                        int schedEntries, int schedWays, int gaps, int clockNs) {
    /** The shell default: 512 bits at 250 MHz. */
    public static final NicParams DEFAULT = new NicParams(512, 8, 16384, 16384, 64, 16384, 16384, 16, 64, 1024, 4, 2, 4);
    /**
     * The simulated network's NIC: 256 bits (64 Gbit/s at 4 ns; Verilator builds it in about a
     * minute, and a cycle costs the same as at 64 bits, so a wider NIC simulates more bytes per
     * second), one Homa host queue (so the host sees DATA packets in the scheduler's event
     * order), a 16-entry cutoffs table for up to 16 peers, 64 scheduler entries.
     */
    public static final NicParams SIM = new NicParams(256, 1, 16384, 16384, 64, 16384, 16384, 16, 32, 64, 4, 2, 4);

    public NicParams {
        ingress(dataWidth, queues, bufferBytes, queueBytes, eventDepth);
        new EgressClassifier.Params(dataWidth, stagingBytes, levelBytes, peerEntries, grantEntries);
        new GrantSchedulerParams(schedEntries, schedWays, 32, gaps);
        if (clockNs < 1 || clockNs > 255) throw new IllegalArgumentException("clock_ns must be 1..255, not " + clockNs);
    }

    private static IngressClassifier.Params ingress(int w, int q, int buf, int qb, int ev) {
        IngressClassifier.Params p = new IngressClassifier.Params(w, q, buf, qb, ev);
        if (buf < 9018 + 2 * (w / 8)) throw new IllegalArgumentException("buffer_bytes must hold a 9018-byte frame, not " + buf);
        return p;
    }

    public IngressClassifier.Params ingress() {
        return new IngressClassifier.Params(dataWidth, queues, bufferBytes, queueBytes, eventDepth);
    }

    public EgressClassifier.Params egress() {
        return new EgressClassifier.Params(dataWidth, stagingBytes, levelBytes, peerEntries, grantEntries);
    }

    public GrantSchedulerParams scheduler() {
        return new GrantSchedulerParams(schedEntries, schedWays, HomaNic.PEER_BITS, gaps);
    }
}
