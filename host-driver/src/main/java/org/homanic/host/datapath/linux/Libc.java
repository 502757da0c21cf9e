package org.homanic.host.datapath.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Downcalls into libc through the FFM linker (no JNI, no native library of our own). Every call
 * that can fail captures errno in a caller-supplied segment ({@link #newErrnoCapture}); the
 * caller turns a failure into a {@link SyscallException} naming the call and the errno.
 * Constants are Linux's generic values (x86-64 and aarch64).
 */
@SuppressWarnings("restricted") // calling libc is this class's purpose; the JVM must allow it (--enable-native-access)
public final class Libc {
    public static final int AF_INET = 2, AF_INET6 = 10;
    public static final int SOCK_DGRAM = 2, SOCK_RAW = 3, SOCK_NONBLOCK = 04000, SOCK_CLOEXEC = 02000000;
    public static final int IPPROTO_IP = 0, IPPROTO_UDP = 17, IPPROTO_IPV6 = 41, IPPROTO_HOMA = 146;
    public static final int SOL_SOCKET = 1, SO_SNDBUF = 7, SO_RCVBUF = 8, SO_SNDBUFFORCE = 32, SO_RCVBUFFORCE = 33;
    public static final int IP_TOS = 1, IP_RECVERR = 11, IP_RECVTOS = 13;
    /** setsockopt / cmsg level SOL_UDP and its UDP_SEGMENT option (GSO: one send, many datagrams of one size). */
    public static final int SOL_UDP = 17, UDP_SEGMENT = 103;
    public static final int IPV6_RECVERR = 25, IPV6_V6ONLY = 26, IPV6_RECVTCLASS = 66, IPV6_TCLASS = 67;
    public static final int MSG_TRUNC = 0x20, MSG_DONTWAIT = 0x40, MSG_CTRUNC = 0x08, MSG_ERRQUEUE = 0x2000;
    public static final short POLLIN = 0x1, POLLOUT = 0x4;
    public static final int EPOLL_CLOEXEC = 02000000, EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2;
    /** EPOLLEXCLUSIVE: of the epoll instances waiting on one file, an event wakes one, not all. */
    public static final int EPOLLIN = 0x1, EPOLLERR = 0x8, EPOLLEXCLUSIVE = 1 << 28;
    public static final int EFD_NONBLOCK = 04000, EFD_CLOEXEC = 02000000;
    public static final int O_RDWR = 02, O_SYNC = 04010000, O_CLOEXEC = 02000000;
    public static final int PROT_READ = 0x1, PROT_WRITE = 0x2, MAP_SHARED = 0x01;
    /** mmap's failure value, (void *) -1. */
    public static final long MAP_FAILED = -1L;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option ERRNO_OPTION = Linker.Option.captureCallState("errno");

    private static final MethodHandle SOCKET = errnoCall("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = errnoCall("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKNAME = errnoCall("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SETSOCKOPT = errnoCall("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle CLOSE = errnoCall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle PPOLL = errnoCall("ppoll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS));
    // The batch calls are short and never block (MSG_DONTWAIT), so they run as critical calls:
    // no thread-state transition per batch.
    private static final MethodHandle EPOLL_CREATE1 = errnoCall("epoll_create1", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle EPOLL_CTL = errnoCall("epoll_ctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    /** epoll_pwait2 (glibc 2.35, Linux 5.11) takes a timespec; without it, epoll_wait's milliseconds. */
    private static final MethodHandle EPOLL_PWAIT2 = LIBC.find("epoll_pwait2").isPresent()
            ? errnoCall("epoll_pwait2", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS)) : null;
    private static final MethodHandle EPOLL_WAIT = errnoCall("epoll_wait", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle EVENTFD = errnoCall("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle READ = errnoCall("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITE = errnoCall("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle SENDMMSG = errnoCall("sendmmsg",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.critical(false));
    private static final MethodHandle RECVMMSG = errnoCall("recvmmsg",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS), Linker.Option.critical(false));
    private static final MethodHandle RECVMSG = errnoCall("recvmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle OPEN = errnoCall("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle MMAP = errnoCall("mmap",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle MUNMAP = errnoCall("munmap", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle GETRUSAGE = errnoCall("getrusage", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    /** getrusage's who: the whole process, its ended threads included. */
    public static final int RUSAGE_SELF = 0;
    private static final MethodHandle STRERROR = LINKER.downcallHandle(find("strerror"), FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private Libc() {}

    private static MemorySegment find(String name) {
        return LIBC.find(name).orElseThrow(() -> new UnsupportedOperationException("libc has no " + name + " (Linux only)"));
    }

    private static MethodHandle errnoCall(String name, FunctionDescriptor fd, Linker.Option... more) {
        Linker.Option[] options = new Linker.Option[more.length + 1];
        options[0] = ERRNO_OPTION;
        System.arraycopy(more, 0, options, 1, more.length);
        return LINKER.downcallHandle(find(name), fd, options);
    }

    /** Whether this JVM runs on 64-bit Linux, the only ABI the struct layouts describe. */
    public static boolean isSupportedPlatform() {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        return os.equals("Linux") && (arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"));
    }

    /** Where the calls of one thread leave errno. */
    public static MemorySegment newErrnoCapture(Arena arena) {
        return arena.allocate(CAPTURE_LAYOUT);
    }

    public static int errno(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }

    public static int socket(MemorySegment errno, int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(errno, domain, type, protocol);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int bind(MemorySegment errno, int fd, MemorySegment addr, int len) {
        try {
            return (int) BIND.invokeExact(errno, fd, addr, len);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int getsockname(MemorySegment errno, int fd, MemorySegment addr, MemorySegment lenPtr) {
        try {
            return (int) GETSOCKNAME.invokeExact(errno, fd, addr, lenPtr);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int setsockopt(MemorySegment errno, int fd, int level, int name, MemorySegment value, int len) {
        try {
            return (int) SETSOCKOPT.invokeExact(errno, fd, level, name, value, len);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int close(MemorySegment errno, int fd) {
        try {
            return (int) CLOSE.invokeExact(errno, fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** open(2) with two arguments (no O_CREAT, so no mode). */
    public static int open(MemorySegment errno, MemorySegment path, int flags) {
        try {
            return (int) OPEN.invokeExact(errno, path, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment mmap(MemorySegment errno, MemorySegment addr, long length, int prot, int flags, int fd, long offset) {
        try {
            return (MemorySegment) MMAP.invokeExact(errno, addr, length, prot, flags, fd, offset);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int munmap(MemorySegment errno, MemorySegment addr, long length) {
        try {
            return (int) MUNMAP.invokeExact(errno, addr, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int ppoll(MemorySegment errno, MemorySegment fds, long nfds, MemorySegment timeout) {
        try {
            return (int) PPOLL.invokeExact(errno, fds, nfds, timeout, MemorySegment.NULL);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int epollCreate1(MemorySegment errno, int flags) {
        try {
            return (int) EPOLL_CREATE1.invokeExact(errno, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** epoll_ctl; {@code event} is a {@link Structs#EPOLL_EVENT} (NULL for EPOLL_CTL_DEL). */
    public static int epollCtl(MemorySegment errno, int epfd, int op, int fd, MemorySegment event) {
        try {
            return (int) EPOLL_CTL.invokeExact(errno, epfd, op, fd, event);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Waits up to {@code timeout} (a {@link Structs#TIMESPEC}) for events into {@code events};
     * where libc lacks epoll_pwait2, the wait is rounded up to whole milliseconds.
     */
    public static int epollWait(MemorySegment errno, int epfd, MemorySegment events, int maxEvents, MemorySegment timeout) {
        try {
            if (EPOLL_PWAIT2 != null) return (int) EPOLL_PWAIT2.invokeExact(errno, epfd, events, maxEvents, timeout, MemorySegment.NULL);
            long nanos = timeout.get(JAVA_LONG, 0) * 1_000_000_000L + timeout.get(JAVA_LONG, 8);
            int millis = (int) Math.min(Integer.MAX_VALUE, (nanos + 999_999) / 1_000_000);
            return (int) EPOLL_WAIT.invokeExact(errno, epfd, events, maxEvents, millis);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int eventfd(MemorySegment errno, int initial, int flags) {
        try {
            return (int) EVENTFD.invokeExact(errno, initial, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long read(MemorySegment errno, int fd, MemorySegment buffer, long count) {
        try {
            return (long) READ.invokeExact(errno, fd, buffer, count);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long write(MemorySegment errno, int fd, MemorySegment buffer, long count) {
        try {
            return (long) WRITE.invokeExact(errno, fd, buffer, count);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int sendmmsg(MemorySegment errno, int fd, MemorySegment msgs, int count, int flags) {
        try {
            return (int) SENDMMSG.invokeExact(errno, fd, msgs, count, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int recvmmsg(MemorySegment errno, int fd, MemorySegment msgs, int count, int flags) {
        try {
            return (int) RECVMMSG.invokeExact(errno, fd, msgs, count, flags, MemorySegment.NULL);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long recvmsg(MemorySegment errno, int fd, MemorySegment msg, int flags) {
        try {
            return (long) RECVMSG.invokeExact(errno, fd, msg, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** getrusage(2) into {@code usage}, a {@link Structs#RUSAGE}. */
    public static int getrusage(MemorySegment errno, int who, MemorySegment usage) {
        try {
            return (int) GETRUSAGE.invokeExact(errno, who, usage);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** libc's text for an errno (glibc returns static strings for known values). */
    public static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
            return s.equals(MemorySegment.NULL) ? "unknown error" : s.reinterpret(256).getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException("downcall failed", t);
    }
}
