package org.homanic.host.datapath.linux;

/**
 * A libc call failed: names the call and the errno. {@link #of} picks the subclass an
 * application can act on (no permission, address in use, address not local, unreachable).
 */
public class SyscallException extends RuntimeException {
    private final String call;
    private final int errno;

    public SyscallException(String call, int errno, String detail) {
        super(call + " failed: " + Errno.name(errno) + " (" + Libc.strerror(errno) + ")" + (detail.isEmpty() ? "" : ": " + detail));
        this.call = call;
        this.errno = errno;
    }

    /** The libc function, e.g. "bind". */
    public String call() { return call; }
    public int errno() { return errno; }
    public String errnoName() { return Errno.name(errno); }

    /** The most specific exception for {@code errno}; {@code detail} says what was being done. */
    public static SyscallException of(String call, int errno, String detail) {
        return switch (errno) {
            case Errno.EPERM, Errno.EACCES -> new PermissionDeniedException(call, errno, detail);
            case Errno.EADDRINUSE -> new AddressInUseException(call, errno, detail);
            case Errno.EADDRNOTAVAIL -> new AddressNotAvailableException(call, errno, detail);
            case Errno.ENETUNREACH, Errno.EHOSTUNREACH, Errno.ENETDOWN, Errno.EHOSTDOWN ->
                    new NetworkUnreachableException(call, errno, detail);
            default -> new SyscallException(call, errno, detail);
        };
    }

    /** EPERM / EACCES: the process lacks a privilege (raw sockets need CAP_NET_RAW). */
    public static final class PermissionDeniedException extends SyscallException {
        PermissionDeniedException(String call, int errno, String detail) { super(call, errno, detail); }
    }

    /** EADDRINUSE: another socket holds the address and port. */
    public static final class AddressInUseException extends SyscallException {
        AddressInUseException(String call, int errno, String detail) { super(call, errno, detail); }
    }

    /** EADDRNOTAVAIL: the address is not one of this host's. */
    public static final class AddressNotAvailableException extends SyscallException {
        AddressNotAvailableException(String call, int errno, String detail) { super(call, errno, detail); }
    }

    /** ENETUNREACH, EHOSTUNREACH, ENETDOWN, EHOSTDOWN: no route to the peer. */
    public static final class NetworkUnreachableException extends SyscallException {
        NetworkUnreachableException(String call, int errno, String detail) { super(call, errno, detail); }
    }
}
