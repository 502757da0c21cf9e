package org.homanic.protocol.wire;

/** Numeric constants of the Homa wire format and API (HomaModule {@code homa.h}, {@code homa_wire.h}). */
public final class HomaConstants {
    private HomaConstants() {}

    /** IPv4 protocol / IPv6 next-header number of Homa (IANA). */
    public static final int IPPROTO_HOMA = 146;
    /** IP protocol number of TCP, used by hijacked Homa packets. */
    public static final int IPPROTO_TCP = 6;
    /** TCP flags value (SYN|RST, never legal TCP) that marks a hijacked Homa packet. */
    public static final int HIJACK_FLAGS = 0x06;
    /** TCP urgent-pointer value that marks a hijacked Homa packet. */
    public static final int HIJACK_URGENT = 0xB97D;

    public static final int MAX_MESSAGE_LENGTH = 1_000_000;
    public static final int MAX_PRIORITIES = 8;
    public static final int MAX_ACKS_PER_PKT = 5;
    /** Homa header + data is padded to at least this many bytes. */
    public static final int MIN_PKT_LENGTH = 26;
    /** Compile-time upper bound on any Homa header (the largest real one, ACK, is 80). */
    public static final int MAX_HEADER = 90;
    /** {@code seg.offset} value meaning "the offset is in common.sequence". */
    public static final long OFFSET_IN_SEQUENCE = 0xFFFF_FFFFL;
    /** RESEND length meaning "everything already sent". */
    public static final long RESEND_ALL = 0xFFFF_FFFFL;
    /** First automatically assigned (client) port; lower non-zero ports are server ports. */
    public static final int MIN_DEFAULT_PORT = 0x8000;
    /** {@code doff} byte of every control packet: 5 words (20 bytes) in the high nibble. */
    public static final int DOFF_CONTROL = 0x50;
    /** {@code doff} byte of a single-segment or hijacked DATA packet (14 words = 56 bytes). */
    public static final int DOFF_DATA = 0xE0;
    /** {@code doff} byte of a non-hijacked multi-segment (GSO) DATA packet (13 words). */
    public static final int DOFF_DATA_GSO = 0xD0;
    public static final int BPAGE_SIZE = 65536;
}
