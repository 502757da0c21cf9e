package org.homanic.host.datapath.linux;

import org.homanic.host.datapath.Datapath;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

/**
 * One thread's wait on a socket datapath: an epoll instance of its own holding the socket with
 * EPOLLEXCLUSIVE, so that of all the threads waiting on the socket each datagram wakes one, and
 * an eventfd through which another thread can wake this one. The kernel only wakes an instance
 * whose thread is in epoll_wait, so a thread busy elsewhere never swallows a wake-up.
 */
final class EpollWaiter implements Datapath.Waiter {
    private static final long EVENT_SIZE = Structs.EPOLL_EVENT.byteSize();
    private static final long EVENTS = Structs.offset(Structs.EPOLL_EVENT, "events");
    private static final long DATA = Structs.offset(Structs.EPOLL_EVENT, "data");
    /** epoll user data telling the two sources apart. */
    private static final long FROM_SOCKET = 0, FROM_WAKE = 1;

    private final SocketDatapath datapath;
    private final int socketFd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment errno = Libc.newErrnoCapture(arena);
    private final MemorySegment events = arena.allocate(EVENT_SIZE * 2, 8);
    private final MemorySegment timeout = arena.allocate(Structs.TIMESPEC);
    private final MemorySegment counter = arena.allocate(JAVA_LONG);
    /** wake() comes from other threads: its own errno and buffer, and closing waits for it. */
    private final MemorySegment wakeErrno = Libc.newErrnoCapture(arena);
    private final MemorySegment one = arena.allocate(JAVA_LONG);
    private final int epollFd;
    private final int eventFd;
    private boolean listening;
    private boolean closed;

    EpollWaiter(SocketDatapath datapath, int socketFd) {
        this.datapath = datapath;
        this.socketFd = socketFd;
        one.set(JAVA_LONG, 0, 1);
        int ep = Libc.epollCreate1(errno, Libc.EPOLL_CLOEXEC);
        if (ep < 0) {
            int e = Libc.errno(errno);
            arena.close();
            throw SyscallException.of("epoll_create1", e, "creating a thread's wait for Homa packets");
        }
        int ev = Libc.eventfd(errno, 0, Libc.EFD_NONBLOCK | Libc.EFD_CLOEXEC);
        if (ev < 0) {
            int e = Libc.errno(errno);
            Libc.close(errno, ep);
            arena.close();
            throw SyscallException.of("eventfd", e, "creating a thread's wait for Homa packets");
        }
        this.epollFd = ep;
        this.eventFd = ev;
        try {
            control(Libc.EPOLL_CTL_ADD, eventFd, Libc.EPOLLIN, FROM_WAKE);
            listen(true);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public boolean await(long maxNanos) {
        timeout.set(JAVA_LONG, 0, maxNanos / 1_000_000_000L);
        timeout.set(JAVA_LONG, 8, maxNanos % 1_000_000_000L);
        int n = Libc.epollWait(errno, epollFd, events, 2, timeout);
        if (n < 0) {
            int e = Libc.errno(errno);
            if (e != Errno.EINTR) throw SyscallException.of("epoll_wait", e, "waiting for Homa packets");
            return true;   // interrupted: look anyway
        }
        boolean packets = false;
        for (int i = 0; i < n; i++) {
            long at = i * EVENT_SIZE;
            if (events.get(JAVA_LONG_UNALIGNED, at + DATA) == FROM_WAKE) {
                Libc.read(errno, eventFd, counter, Long.BYTES);   // back to zero (non-blocking)
                continue;
            }
            packets = true;
            // The error queue has entries: the next poll reads them (else epoll would keep waking).
            if ((events.get(JAVA_INT, at + EVENTS) & Libc.EPOLLERR) != 0) datapath.errorsWaiting();
        }
        return packets;
    }

    @Override
    public void listen(boolean on) {
        if (on == listening) return;
        if (on) {
            control(Libc.EPOLL_CTL_ADD, socketFd, Libc.EPOLLIN | Libc.EPOLLEXCLUSIVE, FROM_SOCKET);
        } else {
            // EPOLLEXCLUSIVE cannot be changed by EPOLL_CTL_MOD: the socket leaves and comes back.
            control(Libc.EPOLL_CTL_DEL, socketFd, 0, FROM_SOCKET);
        }
        listening = on;
    }

    @Override
    public synchronized void wake() {
        if (!closed) Libc.write(wakeErrno, eventFd, one, Long.BYTES);   // fails only when the counter is full: awake anyway
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        Libc.close(errno, epollFd);
        Libc.close(errno, eventFd);
        arena.close();
    }

    private void control(int op, int fd, int mask, long data) {
        MemorySegment event = events.asSlice(0, EVENT_SIZE);
        event.set(JAVA_INT, EVENTS, mask);
        event.set(JAVA_LONG_UNALIGNED, DATA, data);
        if (Libc.epollCtl(errno, epollFd, op, fd, op == Libc.EPOLL_CTL_DEL ? MemorySegment.NULL : event) < 0) {
            throw SyscallException.of("epoll_ctl", Libc.errno(errno), "watching the Homa socket");
        }
    }
}
