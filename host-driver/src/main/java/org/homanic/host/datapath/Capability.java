package org.homanic.host.datapath;

/** What a datapath does itself, so the host library leaves it out. */
public enum Capability {
    /** The NIC runs the receiver's grant scheduler: the host sends no GRANTs of its own. */
    NIC_SCHEDULES_GRANTS,
    /** The NIC picks each packet's priority level: the host's per-packet level is a hint only. */
    NIC_ASSIGNS_PRIORITY
}
