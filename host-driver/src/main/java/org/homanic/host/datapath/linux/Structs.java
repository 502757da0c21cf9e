package org.homanic.host.datapath.linux;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.MemoryLayout.paddingLayout;
import static java.lang.foreign.MemoryLayout.sequenceLayout;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The libc structs this package passes to the kernel, declared as {@link MemoryLayout}s (64-bit
 * Linux: x86-64 and aarch64 lay them out alike). Offsets used by the datapaths are derived from
 * these declarations, never written as numbers; sizes are checked against the C ABI in
 * {@code StructsTest}.
 */
public final class Structs {
    private Structs() {}

    /** {@code struct sockaddr_in}: family in host order, port and address in network order. */
    public static final StructLayout SOCKADDR_IN = MemoryLayout.structLayout(
            JAVA_SHORT.withName("sin_family"),
            JAVA_SHORT.withName("sin_port"),
            JAVA_INT.withName("sin_addr"),
            sequenceLayout(8, JAVA_BYTE).withName("sin_zero")).withName("sockaddr_in");

    /** {@code struct sockaddr_in6}. */
    public static final StructLayout SOCKADDR_IN6 = MemoryLayout.structLayout(
            JAVA_SHORT.withName("sin6_family"),
            JAVA_SHORT.withName("sin6_port"),
            JAVA_INT.withName("sin6_flowinfo"),
            sequenceLayout(16, JAVA_BYTE).withName("sin6_addr"),
            JAVA_INT.withName("sin6_scope_id")).withName("sockaddr_in6");

    /** {@code struct iovec}. */
    public static final StructLayout IOVEC = MemoryLayout.structLayout(
            ADDRESS.withName("iov_base"),
            JAVA_LONG.withName("iov_len")).withName("iovec");

    /** {@code struct msghdr}. */
    public static final StructLayout MSGHDR = MemoryLayout.structLayout(
            ADDRESS.withName("msg_name"),
            JAVA_INT.withName("msg_namelen"),
            paddingLayout(4),
            ADDRESS.withName("msg_iov"),
            JAVA_LONG.withName("msg_iovlen"),
            ADDRESS.withName("msg_control"),
            JAVA_LONG.withName("msg_controllen"),
            JAVA_INT.withName("msg_flags"),
            paddingLayout(4)).withName("msghdr");

    /** {@code struct mmsghdr}: one message of sendmmsg / recvmmsg and the bytes it moved. */
    public static final StructLayout MMSGHDR = MemoryLayout.structLayout(
            MSGHDR.withName("msg_hdr"),
            JAVA_INT.withName("msg_len"),
            paddingLayout(4)).withName("mmsghdr");

    /** {@code struct cmsghdr}; the data follows, aligned to 8 bytes. */
    public static final StructLayout CMSGHDR = MemoryLayout.structLayout(
            JAVA_LONG.withName("cmsg_len"),
            JAVA_INT.withName("cmsg_level"),
            JAVA_INT.withName("cmsg_type")).withName("cmsghdr");

    /** {@code struct pollfd}. */
    public static final StructLayout POLLFD = MemoryLayout.structLayout(
            JAVA_INT.withName("fd"),
            JAVA_SHORT.withName("events"),
            JAVA_SHORT.withName("revents")).withName("pollfd");

    /**
     * {@code struct epoll_event}: the event mask, then 8 bytes of user data. x86-64 packs it (12
     * bytes, the data unaligned at 4); aarch64 aligns the data (16 bytes, the data at 8).
     */
    public static final StructLayout EPOLL_EVENT = isX86()
            ? MemoryLayout.structLayout(JAVA_INT.withName("events"), JAVA_LONG_UNALIGNED.withName("data")).withName("epoll_event")
            : MemoryLayout.structLayout(JAVA_INT.withName("events"), paddingLayout(4), JAVA_LONG.withName("data")).withName("epoll_event");

    private static boolean isX86() {
        String arch = System.getProperty("os.arch", "");
        return arch.equals("amd64") || arch.equals("x86_64");
    }

    /** {@code struct timespec}. */
    public static final StructLayout TIMESPEC = MemoryLayout.structLayout(
            JAVA_LONG.withName("tv_sec"),
            JAVA_LONG.withName("tv_nsec")).withName("timespec");

    /** {@code struct rusage}: user and system time, then fourteen longs of counters. */
    public static final StructLayout RUSAGE = MemoryLayout.structLayout(
            TIMESPEC.withName("ru_utime"),   // a struct timeval: two longs, as timespec
            TIMESPEC.withName("ru_stime"),
            JAVA_LONG.withName("ru_maxrss"), JAVA_LONG.withName("ru_ixrss"), JAVA_LONG.withName("ru_idrss"),
            JAVA_LONG.withName("ru_isrss"), JAVA_LONG.withName("ru_minflt"), JAVA_LONG.withName("ru_majflt"),
            JAVA_LONG.withName("ru_nswap"), JAVA_LONG.withName("ru_inblock"), JAVA_LONG.withName("ru_oublock"),
            JAVA_LONG.withName("ru_msgsnd"), JAVA_LONG.withName("ru_msgrcv"), JAVA_LONG.withName("ru_nsignals"),
            JAVA_LONG.withName("ru_nvcsw"), JAVA_LONG.withName("ru_nivcsw")).withName("rusage");

    public static long offset(StructLayout s, String field) {
        return s.byteOffset(groupElement(field));
    }

    /** Byte offset of a field of the msghdr inside an mmsghdr. */
    public static long mmsg(String msghdrField) {
        return MMSGHDR.byteOffset(groupElement("msg_hdr"), groupElement(msghdrField));
    }

    /** CMSG_LEN(n): header plus n data bytes. */
    public static long cmsgLen(long dataBytes) {
        return CMSGHDR.byteSize() + dataBytes;
    }

    /** CMSG_SPACE(n): header plus n data bytes rounded up to the 8-byte alignment. */
    public static long cmsgSpace(long dataBytes) {
        return CMSGHDR.byteSize() + ((dataBytes + 7) & ~7L);
    }
}
