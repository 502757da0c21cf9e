package org.homanic.host.datapath.linux;

/**
 * Knobs of the Linux datapaths.
 *
 * @param linkMtu           IP MTU of the path: a Homa packet is this minus the IP (and UDP) headers (1500)
 * @param maxBatch          packets per sendmmsg / recvmmsg call (64)
 * @param socketBufferBytes SO_SNDBUF / SO_RCVBUF asked for (forced past the sysctl limits when privileged): a
 *                          burst of unscheduled packets must fit, or it is lost and recovered only by RESEND
 */
public record LinuxDatapathConfig(int linkMtu, int maxBatch, int socketBufferBytes) {
    public LinuxDatapathConfig {
        if (linkMtu < 576 || linkMtu > 65535) throw new IllegalArgumentException("link MTU " + linkMtu + " outside 576..65535");
        if (maxBatch < 1 || maxBatch > 1024) throw new IllegalArgumentException("batch " + maxBatch + " outside 1..1024");
        if (socketBufferBytes < 65536) throw new IllegalArgumentException("socket buffer below 64 KiB");
    }

    public static LinuxDatapathConfig defaults() {
        return new LinuxDatapathConfig(1500, 64, 8 << 20);
    }

    public LinuxDatapathConfig withLinkMtu(int mtu) {
        return new LinuxDatapathConfig(mtu, maxBatch, socketBufferBytes);
    }
}
