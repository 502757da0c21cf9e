package org.homanic.protocol.pcap;

/** Constants of the classic libpcap file format (not pcapng). */
final class Pcap {
    private Pcap() {}

    /** Magic of files with microsecond timestamps, as read in the writer's byte order. */
    static final int MAGIC_MICROS = 0xA1B2C3D4;
    /** Magic of files with nanosecond timestamps. */
    static final int MAGIC_NANOS = 0xA1B23C4D;
    static final int GLOBAL_HEADER_BYTES = 24;
    static final int RECORD_HEADER_BYTES = 16;
    static final int VERSION_MAJOR = 2;
    static final int VERSION_MINOR = 4;
    /** Link type 1: Ethernet frames (without FCS). */
    static final int LINKTYPE_ETHERNET = 1;
    static final int SNAPLEN = 65535;
}
