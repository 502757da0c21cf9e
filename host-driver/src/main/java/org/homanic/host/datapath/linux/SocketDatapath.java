package org.homanic.host.datapath.linux;

import org.homanic.host.datapath.Capability;
import org.homanic.host.datapath.Datapath;
import org.homanic.host.datapath.PacketBatch;
import org.homanic.protocol.wire.HomaConstants;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.util.Set;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * What the UDP and raw-IP datapaths share: one non-blocking datagram socket, packets moved in
 * batches with sendmmsg / recvmmsg straight from and into the {@link PacketBatch} slots, each
 * packet's priority level put in the IP TOS byte / IPv6 traffic class (level << 5, spec 2.4)
 * through a per-packet control message. Every native structure is
 * allocated once here; a send or poll allocates nothing. Threads wait for packets in
 * {@link EpollWaiter}s of their own ({@link #newWaiter}), or one at a time in {@link #awaitPackets}.
 *
 * <p>A send and a poll may run at once: each has a lock, errno and structures of its own, and
 * both meet only in the peer table and the unreachable queue, under this object's monitor. The
 * stack sends after releasing its lock ({@link #sendsAfterUnlock}).
 */
public abstract sealed class SocketDatapath implements Datapath permits UdpDatapath, RawIpDatapath {
    private static final long MMSG = Structs.MMSGHDR.byteSize();
    private static final long IOV = Structs.IOVEC.byteSize();
    private static final long NAME = Structs.mmsg("msg_name");
    private static final long NAMELEN = Structs.mmsg("msg_namelen");
    private static final long MSG_IOV = Structs.mmsg("msg_iov");
    private static final long MSG_IOVLEN = Structs.mmsg("msg_iovlen");
    private static final long CONTROL = Structs.mmsg("msg_control");
    private static final long CONTROLLEN = Structs.mmsg("msg_controllen");
    private static final long FLAGS = Structs.mmsg("msg_flags");
    private static final long MSG_LEN = Structs.MMSGHDR.byteOffset(java.lang.foreign.MemoryLayout.PathElement.groupElement("msg_len"));
    private static final long IOV_BASE = Structs.offset(Structs.IOVEC, "iov_base");
    private static final long IOV_LEN = Structs.offset(Structs.IOVEC, "iov_len");
    private static final long CMSG_LEN = Structs.offset(Structs.CMSGHDR, "cmsg_len");
    private static final long CMSG_LEVEL = Structs.offset(Structs.CMSGHDR, "cmsg_level");
    private static final long CMSG_TYPE = Structs.offset(Structs.CMSGHDR, "cmsg_type");
    private static final long CMSG_DATA = Structs.CMSGHDR.byteSize();
    private static final long POLL_EVENTS = Structs.offset(Structs.POLLFD, "events");
    private static final long POLL_REVENTS = Structs.offset(Structs.POLLFD, "revents");
    private static final short POLLERR = 0x8;
    private static final long MSG_NAME = Structs.offset(Structs.MSGHDR, "msg_name");
    private static final long MSG_NAMELEN_ONLY = Structs.offset(Structs.MSGHDR, "msg_namelen");
    private static final long MSG_IOV_ONLY = Structs.offset(Structs.MSGHDR, "msg_iov");
    private static final long MSG_IOVLEN_ONLY = Structs.offset(Structs.MSGHDR, "msg_iovlen");
    private static final long MSG_CONTROL_ONLY = Structs.offset(Structs.MSGHDR, "msg_control");
    private static final long MSG_CONTROLLEN_ONLY = Structs.offset(Structs.MSGHDR, "msg_controllen");
    private static final long MSG_FLAGS_ONLY = Structs.offset(Structs.MSGHDR, "msg_flags");
    private static final long ERR_CONTROL_SPACE = 128;
    private static final long TOS_CMSG_SPACE = Structs.cmsgSpace(Integer.BYTES);
    /** A GSO send's control messages: the TOS / traffic class, then UDP_SEGMENT with the datagram size. */
    private static final long GSO_CONTROL_SPACE = TOS_CMSG_SPACE + Structs.cmsgSpace(Short.BYTES);
    /** Datagrams per GSO send at most (the kernel's UDP_MAX_SEGMENTS is 64 or more). */
    private static final int GSO_MAX_SEGMENTS = 64;
    private static final long RX_CONTROL_SPACE = 64;
    private static final ValueLayout.OfShort SHORT_BE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    /** How long a send waits for room in a full socket buffer before dropping the rest (Homa resends). */
    private static final long SEND_ROOM_WAIT_NANOS = 1_000_000;
    private static final int UNREACHABLE_QUEUE = 256;

    protected final Arena arena = Arena.ofShared();
    protected final int fd;
    protected final int family;
    protected final LinuxDatapathConfig config;
    protected final PeerTable peers;
    private final long localPeer;
    private final InetSocketAddress boundAddress;
    private final int mtu;
    private final int maxBatch;
    private final MemorySegment errno = Libc.newErrnoCapture(arena);
    private final MemorySegment waitErrno = Libc.newErrnoCapture(arena);
    /**
     * Sending and receiving each have a lock and errno of their own, so a long send (on loopback
     * the kernel carries each datagram to its receiver inside sendmmsg) does not hold up a
     * receive; this object's monitor guards only the peer table, the unreachable queue and close.
     */
    private final Object sendLock = new Object(), receiveLock = new Object();
    private final MemorySegment sendErrno = Libc.newErrnoCapture(arena), receiveErrno = Libc.newErrnoCapture(arena);
    private final MemorySegment txMsgs, txIovs, tosControl, gsoControl;
    private final MemorySegment[] txMsgFrom;
    /** Which batch packet each prepared message is, so a refused one can be reported. */
    private final int[] preparedPacket;
    /** How many packets each prepared message carries (more than one: a GSO send). */
    private final int[] preparedCount;
    /**
     * UDP: consecutive full-size packets to one peer at one level go out as one GSO send
     * (UDP_SEGMENT), which the kernel cuts into the same datagrams, paying the send path once
     * instead of per packet. Off for raw IP, and turned off for good if the kernel refuses it.
     */
    private volatile boolean gso;
    /** Largest UDP payload of one GSO send. */
    private final int gsoMaxBytes;
    private final MemorySegment rxMsgs, rxIovs, rxNames, rxControl;
    /** The slot address and length each receive iovec points at now, so an unchanged one is not written again. */
    private final long[] rxIovSlot, rxIovLength;
    private final MemorySegment[] rxMsgFrom;
    private final MemorySegment pollFd, pollTimeout, waitPollFd, waitTimeout;
    /** Extra bytes before the packet in each receive (the IPv4 header a raw socket delivers). */
    protected final int rxPrefix;
    protected final MemorySegment rxPrefixes;
    private final long[] unreachablePeers = new long[UNREACHABLE_QUEUE];
    private final int[] unreachablePorts = new int[UNREACHABLE_QUEUE];
    private int unreachableCount;
    private long packetsSent, packetsReceived, sendDrops, receiveDrops, gsoSends;
    private final long firstClientId = new java.security.SecureRandom().nextLong(1L << 32, 1L << 61) & ~1L;
    /** UDP: ICMP errors for our datagrams come back on the socket's error queue (IP_RECVERR). */
    private final boolean readsIcmpErrors;
    private final MemorySegment errMsg, errName, errData, errControl;
    private volatile boolean errorsPending;
    private volatile boolean closed;

    /**
     * Opens and binds the socket. {@code ipOverhead}: bytes of headers below Homa in each IP
     * packet (IP header, plus 8 for UDP); {@code rxPrefix}: bytes the kernel hands over before the
     * Homa header on receive.
     */
    SocketDatapath(InetSocketAddress bind, int type, int protocol, boolean portsMatter, int ipOverhead, int rxPrefix,
                   LinuxDatapathConfig config, String what) {
        if (!Libc.isSupportedPlatform()) throw new UnsupportedOperationException("Linux datapaths need 64-bit Linux, not "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        InetAddress ip = bind.getAddress();
        if (ip == null) throw new IllegalArgumentException("unresolved bind address " + bind.getHostString());
        this.config = config;
        this.family = SocketAddresses.family(ip);
        this.mtu = config.linkMtu() - ipOverhead;
        this.maxBatch = config.maxBatch();
        this.rxPrefix = rxPrefix;
        this.peers = new PeerTable(arena, family, portsMatter);
        int s = Libc.socket(errno, family, type | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, protocol);
        if (s < 0) {
            int e = Libc.errno(errno);
            arena.close();
            throw SyscallException.of("socket", e, what + (e == Errno.EPERM || e == Errno.EACCES
                    ? " needs CAP_NET_RAW (run as root or grant the capability)" : ""));
        }
        this.fd = s;
        this.readsIcmpErrors = type == Libc.SOCK_DGRAM;
        try {
            setBuffers();
            enableReceiveTos();
            if (readsIcmpErrors) enableIcmpErrors();
            MemorySegment addr = arena.allocate(SocketAddresses.MAX_SIZE, 8);
            int len = SocketAddresses.write(bind, addr, 0);
            if (Libc.bind(errno, fd, addr, len) < 0) throw SyscallException.of("bind", Libc.errno(errno), what + " on " + SocketAddresses.format(bind));
            MemorySegment lenPtr = arena.allocate(JAVA_INT);
            lenPtr.set(JAVA_INT, 0, (int) SocketAddresses.MAX_SIZE);
            if (Libc.getsockname(errno, fd, addr, lenPtr) < 0) throw SyscallException.of("getsockname", Libc.errno(errno), what);
            this.boundAddress = SocketAddresses.read(addr, 0);
            this.localPeer = peers.intern(boundAddress);
        } catch (RuntimeException e) {
            Libc.close(errno, fd);
            arena.close();
            throw e;
        }

        txMsgs = arena.allocate(MMSG * maxBatch, 8);
        txIovs = arena.allocate(IOV * maxBatch, 8);
        txMsgFrom = slices(txMsgs, maxBatch);
        preparedPacket = new int[maxBatch];
        preparedCount = new int[maxBatch];
        gso = type == Libc.SOCK_DGRAM;
        gsoMaxBytes = 65535 - ipOverhead;
        gsoControl = arena.allocate(GSO_CONTROL_SPACE * maxBatch, 8);
        for (int i = 0; i < maxBatch; i++) {
            long c = i * GSO_CONTROL_SPACE;
            gsoControl.set(JAVA_LONG, c + CMSG_LEN, Structs.cmsgLen(Integer.BYTES));
            gsoControl.set(JAVA_INT, c + CMSG_LEVEL, family == Libc.AF_INET ? Libc.IPPROTO_IP : Libc.IPPROTO_IPV6);
            gsoControl.set(JAVA_INT, c + CMSG_TYPE, family == Libc.AF_INET ? Libc.IP_TOS : Libc.IPV6_TCLASS);
            c += TOS_CMSG_SPACE;
            gsoControl.set(JAVA_LONG, c + CMSG_LEN, Structs.cmsgLen(Short.BYTES));
            gsoControl.set(JAVA_INT, c + CMSG_LEVEL, Libc.SOL_UDP);
            gsoControl.set(JAVA_INT, c + CMSG_TYPE, Libc.UDP_SEGMENT);
        }
        // One ready-made TOS / traffic-class control message per level: a packet just points at its level's.
        tosControl = arena.allocate(TOS_CMSG_SPACE * HomaConstants.MAX_PRIORITIES, 8);
        for (int level = 0; level < HomaConstants.MAX_PRIORITIES; level++) {
            long c = level * TOS_CMSG_SPACE;
            tosControl.set(JAVA_LONG, c + CMSG_LEN, Structs.cmsgLen(Integer.BYTES));
            tosControl.set(JAVA_INT, c + CMSG_LEVEL, family == Libc.AF_INET ? Libc.IPPROTO_IP : Libc.IPPROTO_IPV6);
            tosControl.set(JAVA_INT, c + CMSG_TYPE, family == Libc.AF_INET ? Libc.IP_TOS : Libc.IPV6_TCLASS);
            tosControl.set(JAVA_INT, c + CMSG_DATA, level << 5);
        }
        for (int i = 0; i < maxBatch; i++) {
            long m = i * MMSG;
            txMsgs.set(JAVA_INT, m + NAMELEN, peers.sockaddrLength());
        }

        int iovsPerMsg = rxPrefix > 0 ? 2 : 1;
        rxMsgs = arena.allocate(MMSG * maxBatch, 8);
        rxIovs = arena.allocate(IOV * maxBatch * iovsPerMsg, 8);
        rxNames = arena.allocate(SocketAddresses.MAX_SIZE * maxBatch, 8);
        rxControl = arena.allocate(RX_CONTROL_SPACE * maxBatch, 8);
        rxPrefixes = arena.allocate(Math.max(1, (long) rxPrefix * maxBatch), 8);
        rxMsgFrom = slices(rxMsgs, maxBatch);
        for (int i = 0; i < maxBatch; i++) {
            long m = i * MMSG;
            long iov = i * IOV * iovsPerMsg;
            rxMsgs.set(JAVA_LONG, m + NAME, rxNames.address() + i * SocketAddresses.MAX_SIZE);
            rxMsgs.set(JAVA_LONG, m + MSG_IOV, rxIovs.address() + iov);
            rxMsgs.set(JAVA_LONG, m + MSG_IOVLEN, iovsPerMsg);
            rxMsgs.set(JAVA_LONG, m + CONTROL, rxControl.address() + i * RX_CONTROL_SPACE);
            if (rxPrefix > 0) {
                rxIovs.set(JAVA_LONG, iov + IOV_BASE, rxPrefixes.address() + (long) i * rxPrefix);
                rxIovs.set(JAVA_LONG, iov + IOV_LEN, rxPrefix);
            }
            resetReceiveHeader(i);
        }
        rxIovSlot = new long[maxBatch];
        rxIovLength = new long[maxBatch];
        errMsg = arena.allocate(Structs.MSGHDR);
        errName = arena.allocate(SocketAddresses.MAX_SIZE, 8);
        errData = arena.allocate(64, 8);
        errControl = arena.allocate(ERR_CONTROL_SPACE, 8);
        MemorySegment errIov = arena.allocate(Structs.IOVEC);
        errIov.set(JAVA_LONG, IOV_BASE, errData.address());
        errIov.set(JAVA_LONG, IOV_LEN, errData.byteSize());
        errMsg.set(JAVA_LONG, MSG_NAME, errName.address());
        errMsg.set(JAVA_LONG, MSG_IOV_ONLY, errIov.address());
        errMsg.set(JAVA_LONG, MSG_IOVLEN_ONLY, 1);
        errMsg.set(JAVA_LONG, MSG_CONTROL_ONLY, errControl.address());
        pollFd = pollFd(arena, fd);
        pollTimeout = arena.allocate(Structs.TIMESPEC);
        waitPollFd = pollFd(arena, fd);
        waitTimeout = arena.allocate(Structs.TIMESPEC);
    }

    private static MemorySegment pollFd(Arena arena, int fd) {
        MemorySegment p = arena.allocate(Structs.POLLFD);
        p.set(JAVA_INT, Structs.offset(Structs.POLLFD, "fd"), fd);
        return p;
    }

    private static MemorySegment[] slices(MemorySegment msgs, int n) {
        MemorySegment[] from = new MemorySegment[n];
        for (int i = 0; i < n; i++) from[i] = msgs.asSlice(i * MMSG);
        return from;
    }

    private void setBuffers() {
        MemorySegment v = arena.allocate(JAVA_INT);
        v.set(JAVA_INT, 0, config.socketBufferBytes());
        // The *FORCE options pass the net.core.[rw]mem_max limits but need CAP_NET_ADMIN; fall back.
        if (Libc.setsockopt(errno, fd, Libc.SOL_SOCKET, Libc.SO_RCVBUFFORCE, v, 4) < 0) setOption(Libc.SOL_SOCKET, Libc.SO_RCVBUF, v, "SO_RCVBUF");
        if (Libc.setsockopt(errno, fd, Libc.SOL_SOCKET, Libc.SO_SNDBUFFORCE, v, 4) < 0) setOption(Libc.SOL_SOCKET, Libc.SO_SNDBUF, v, "SO_SNDBUF");
    }

    /** Asks the kernel to report each received packet's TOS / traffic class, so receivers see the level. */
    private void enableReceiveTos() {
        MemorySegment one = arena.allocate(JAVA_INT);
        one.set(JAVA_INT, 0, 1);
        if (family == Libc.AF_INET) {
            if (rxPrefix == 0) setOption(Libc.IPPROTO_IP, Libc.IP_RECVTOS, one, "IP_RECVTOS");
        } else {
            setOption(Libc.IPPROTO_IPV6, Libc.IPV6_RECVTCLASS, one, "IPV6_RECVTCLASS");
        }
    }

    /**
     * UDP: have ICMP errors for our datagrams (port or host unreachable) queued on the socket's
     * error queue, so an RPC to a UDP port where nothing listens fails at once, as HomaModule's
     * do on ICMP port-unreachable, instead of timing out.
     */
    private void enableIcmpErrors() {
        MemorySegment one = arena.allocate(JAVA_INT);
        one.set(JAVA_INT, 0, 1);
        if (family == Libc.AF_INET) setOption(Libc.IPPROTO_IP, Libc.IP_RECVERR, one, "IP_RECVERR");
        else setOption(Libc.IPPROTO_IPV6, Libc.IPV6_RECVERR, one, "IPV6_RECVERR");
    }

    protected final void setOption(int level, int name, MemorySegment value, String what) {
        if (Libc.setsockopt(errno, fd, level, name, value, (int) value.byteSize()) < 0) {
            throw SyscallException.of("setsockopt", Libc.errno(errno), what);
        }
    }

    // ---------------------------------------------------------------- peers

    /** The peer number of {@code address} (for raw IP the port is ignored); use it in a HomaAddress. */
    public final synchronized long peer(InetSocketAddress address) {
        if (closed) throw new IllegalStateException("datapath closed");
        return peers.intern(address);
    }

    /** The socket address of a peer number. */
    public final synchronized InetSocketAddress addressOf(long peer) {
        if (!peers.contains(peer)) throw new IllegalArgumentException("no peer " + peer + " on this datapath");
        return peers.address(peer);
    }

    /** The address and port the socket is bound to (the port the kernel chose when 0 was asked). */
    public final InetSocketAddress boundAddress() { return boundAddress; }

    // ---------------------------------------------------------------- Datapath

    @Override public final long localAddress() { return localPeer; }
    @Override public final int mtu() { return mtu; }
    @Override public final Set<Capability> capabilities() { return Set.of(); }

    /**
     * A random even id below 2^61: the next process on this address and port (a restarted
     * client, a second `./homa call` from 127.0.0.2 over raw IP) must not reuse ids a server
     * still remembers as finished.
     */
    @Override
    public final long firstClientId() {
        return firstClientId;
    }

    @Override
    public final void send(PacketBatch batch) {
        synchronized (sendLock) {
            sendLocked(batch);
        }
    }

    private void sendLocked(PacketBatch batch) {
        int n = batch.size();
        if (closed) {
            batch.clear();
            return;
        }
        for (int first = 0; first < n; first += maxBatch) {
            int m = Math.min(maxBatch, n - first);
            int ready = prepare(batch, first, m);
            transmit(batch, ready);
        }
        batch.clear();
    }

    /**
     * Fills the send messages for packets [first, first + m) of the batch, joining runs into GSO
     * sends; returns how many messages. Under this object's monitor, for the peer table.
     */
    private synchronized int prepare(PacketBatch batch, int first, int m) {
        {
            int ready = 0;
            boolean gsoNow = gso;
            long groupPeer = -1;
            int groupLevel = -1, segmentLength = 0, groupBytes = 0;
            boolean groupOpen = false;
            for (int k = 0; k < m; k++) {
                int p = first + k;
                long peer = batch.peer(p);
                if (!peers.contains(peer)) {
                    // A host number this datapath never issued: nothing to send it to.
                    unreachable(peer, batch.segment(p));
                    groupOpen = false;
                    continue;
                }
                int level = Math.clamp(batch.priority(p), 0, HomaConstants.MAX_PRIORITIES - 1);
                int length = batch.length(p);
                // Packet k's iovec is entry k: a message's packets are consecutive entries.
                txIovs.set(JAVA_LONG, k * IOV + IOV_BASE, batch.segment(p).address());
                txIovs.set(JAVA_LONG, k * IOV + IOV_LEN, length);
                if (gsoNow && groupOpen && peer == groupPeer && level == groupLevel && length <= segmentLength
                        && preparedCount[ready - 1] < GSO_MAX_SEGMENTS && groupBytes + length <= gsoMaxBytes) {
                    // Joins the previous message; a shorter packet can only be a GSO send's last.
                    int count = ++preparedCount[ready - 1];
                    groupBytes += length;
                    groupOpen = length == segmentLength;
                    long msg = (ready - 1) * MMSG;
                    txMsgs.set(JAVA_LONG, msg + MSG_IOVLEN, count);
                    if (count == 2) {
                        long c = (ready - 1) * GSO_CONTROL_SPACE;
                        gsoControl.set(JAVA_INT, c + CMSG_DATA, level << 5);
                        gsoControl.set(JAVA_SHORT, c + TOS_CMSG_SPACE + CMSG_DATA, (short) segmentLength);
                        txMsgs.set(JAVA_LONG, msg + CONTROL, gsoControl.address() + c);
                        txMsgs.set(JAVA_LONG, msg + CONTROLLEN, GSO_CONTROL_SPACE);
                    }
                    continue;
                }
                long msg = ready * MMSG;
                txMsgs.set(JAVA_LONG, msg + MSG_IOV, txIovs.address() + k * IOV);
                txMsgs.set(JAVA_LONG, msg + MSG_IOVLEN, 1);
                txMsgs.set(JAVA_LONG, msg + NAME, peers.entryAddress(peer));
                txMsgs.set(JAVA_LONG, msg + CONTROL, tosControl.address() + level * TOS_CMSG_SPACE);
                txMsgs.set(JAVA_LONG, msg + CONTROLLEN, TOS_CMSG_SPACE);
                txMsgs.set(JAVA_INT, msg + FLAGS, 0);
                preparedPacket[ready] = p;
                preparedCount[ready] = 1;
                ready++;
                groupPeer = peer;
                groupLevel = level;
                segmentLength = length;
                groupBytes = length;
                groupOpen = true;
            }
            return ready;
        }
    }

    /** Sends the first {@code ready} prepared messages; packets the kernel refuses are dropped (Homa recovers them). */
    private void transmit(PacketBatch batch, int ready) {
        int done = 0;
        boolean waited = false;
        while (done < ready) {
            int r = Libc.sendmmsg(sendErrno, fd, txMsgFrom[done], ready - done, Libc.MSG_DONTWAIT);
            if (r > 0) {
                for (int i = done; i < done + r; i++) {
                    packetsSent += preparedCount[i];
                    if (preparedCount[i] > 1) gsoSends++;
                }
                done += r;
                continue;
            }
            int e = Libc.errno(sendErrno);
            if (e == Errno.EINTR) continue;
            if ((e == Errno.EAGAIN || e == Errno.ENOBUFS) && !waited) {
                waited = true;
                waitWritable();
                continue;
            }
            if (e == Errno.EAGAIN || e == Errno.ENOBUFS) {
                for (int i = done; i < ready; i++) sendDrops += preparedCount[i];
                return;
            }
            if (preparedCount[done] > 1 && (e == Errno.EIO || e == Errno.EINVAL)) {
                // The kernel or the device cannot segment UDP: send packet by packet from now on.
                // This GSO send is dropped; Homa's RESEND recovers it.
                gso = false;
                sendDrops += preparedCount[done];
                done++;
                continue;
            }
            // The message at `done` failed on its own (no route, bad address): report and skip it.
            int p = preparedPacket[done];
            unreachable(batch.peer(p), batch.segment(p));
            sendDrops += preparedCount[done];
            done++;
            if (!(e == Errno.ENETUNREACH || e == Errno.EHOSTUNREACH || e == Errno.EINVAL || e == Errno.EACCES
                    || e == Errno.EPERM || e == Errno.EADDRNOTAVAIL || e == Errno.EMSGSIZE || e == Errno.ECONNREFUSED
                    || e == Errno.ENETDOWN || e == Errno.EHOSTDOWN || e == Errno.EAFNOSUPPORT)) {
                throw SyscallException.of("sendmmsg", e, "sending Homa packets");
            }
        }
    }

    private void unreachable(long peer, MemorySegment packet) {
        unreachablePort(peer, Short.toUnsignedInt(packet.get(SHORT_BE, 2)));
    }

    /** Queues a report for pollUnreachable; port 0 = every port of the peer. */
    private synchronized void unreachablePort(long peer, int port) {
        if (unreachableCount == UNREACHABLE_QUEUE) return;
        unreachablePeers[unreachableCount] = peer;
        unreachablePorts[unreachableCount] = port;
        unreachableCount++;
    }

    private void waitWritable() {
        pollFd.set(JAVA_SHORT, POLL_EVENTS, Libc.POLLOUT);
        pollTimeout.set(JAVA_LONG, 0, 0);
        pollTimeout.set(JAVA_LONG, 8, SEND_ROOM_WAIT_NANOS);
        Libc.ppoll(sendErrno, pollFd, 1, pollTimeout);
    }

    @Override
    public final synchronized int pollUnreachable(long[] outPeers, int[] outPorts) {
        int n = Math.min(unreachableCount, Math.min(outPeers.length, outPorts.length));
        System.arraycopy(unreachablePeers, 0, outPeers, 0, n);
        System.arraycopy(unreachablePorts, 0, outPorts, 0, n);
        System.arraycopy(unreachablePeers, n, unreachablePeers, 0, unreachableCount - n);
        System.arraycopy(unreachablePorts, n, unreachablePorts, 0, unreachableCount - n);
        unreachableCount -= n;
        return n;
    }

    @Override
    public final int poll(PacketBatch batch) {
        synchronized (receiveLock) {
            return pollLocked(batch);
        }
    }

    private int pollLocked(PacketBatch batch) {
        if (closed) return 0;
        if (errorsPending) readIcmpErrors();
        int added = 0;
        while (!batch.isFull()) {
            int m = Math.min(maxBatch, batch.capacity() - batch.size());
            int iovsPerMsg = rxPrefix > 0 ? 2 : 1;
            for (int k = 0; k < m; k++) {
                // Usually the same slots as last time: only point an iovec anew when its slot moved.
                MemorySegment slot = batch.nextFree(k);
                if (rxIovSlot[k] != slot.address() || rxIovLength[k] != slot.byteSize()) {
                    long iov = (k * iovsPerMsg + iovsPerMsg - 1) * IOV;
                    rxIovs.set(JAVA_LONG, iov + IOV_BASE, slot.address());
                    rxIovs.set(JAVA_LONG, iov + IOV_LEN, slot.byteSize());
                    rxIovSlot[k] = slot.address();
                    rxIovLength[k] = slot.byteSize();
                }
            }
            int r = Libc.recvmmsg(receiveErrno, fd, rxMsgs, m, Libc.MSG_DONTWAIT);
            if (r < 0) {
                int e = Libc.errno(receiveErrno);
                if (e == Errno.EINTR) continue;
                if (e == Errno.EAGAIN) break;
                if (readsIcmpErrors && isIcmpError(e)) {
                    // An ICMP error for one of our datagrams: its details wait on the error queue.
                    readIcmpErrors();
                    continue;
                }
                throw SyscallException.of("recvmmsg", e, "receiving Homa packets");
            }
            int kept = 0;
            for (int k = 0; k < r; k++) {
                long msg = k * MMSG;
                int flags = rxMsgs.get(JAVA_INT, msg + FLAGS);
                int length = rxMsgs.get(JAVA_INT, msg + MSG_LEN);
                // Message k landed in free slot k; after `kept` commits that is free slot k - kept.
                MemorySegment landed = batch.nextFree(k - kept);
                int homaLength = (flags & Libc.MSG_TRUNC) != 0 ? -1 : accept(k, landed, length);
                if (homaLength < 0) {
                    // Larger than a packet of ours, or not a well-formed packet for this socket.
                    receiveDrops++;
                    continue;
                }
                MemorySegment slot = batch.next();
                // A dropped message before this one left a hole: close it.
                if (kept < k) MemorySegment.copy(landed, 0, slot, 0, homaLength);
                int level = homaLevel(k);
                long peer = lookupOrAdd(rxNames, k * SocketAddresses.MAX_SIZE);
                batch.commit(homaLength, peer, level);
                kept++;
                added++;
                packetsReceived++;
            }
            // The kernel wrote the name, control and flags fields of the messages it filled only.
            for (int k = 0; k < r; k++) resetReceiveHeader(k);
            if (r < m) break;
        }
        return added;
    }

    /** Makes receive message {@code k} ready for the next recvmmsg: room for a name and control messages. */
    private void resetReceiveHeader(int k) {
        long msg = k * MMSG;
        rxMsgs.set(JAVA_INT, msg + NAMELEN, (int) SocketAddresses.MAX_SIZE);
        rxMsgs.set(JAVA_LONG, msg + CONTROLLEN, RX_CONTROL_SPACE);
        rxMsgs.set(JAVA_INT, msg + FLAGS, 0);
    }

    private static boolean isIcmpError(int e) {
        return e == Errno.ECONNREFUSED || e == Errno.EHOSTUNREACH || e == Errno.ENETUNREACH || e == Errno.EHOSTDOWN
                || e == Errno.ENETDOWN || e == Errno.EPROTO || e == Errno.EMSGSIZE;
    }

    /**
     * Reads the socket's error queue: each entry names the destination of a datagram of ours that
     * drew an ICMP error and holds the start of that datagram, the Homa header. Port unreachable
     * reports (peer, Homa dport); host or network unreachable reports the whole peer (port 0).
     */
    private void readIcmpErrors() {
        errorsPending = false;
        while (true) {
            errMsg.set(JAVA_INT, MSG_NAMELEN_ONLY, (int) SocketAddresses.MAX_SIZE);
            errMsg.set(JAVA_LONG, MSG_CONTROLLEN_ONLY, ERR_CONTROL_SPACE);
            errMsg.set(JAVA_INT, MSG_FLAGS_ONLY, 0);
            long r = Libc.recvmsg(receiveErrno, fd, errMsg, Libc.MSG_ERRQUEUE | Libc.MSG_DONTWAIT);
            if (r < 0) {
                if (Libc.errno(receiveErrno) == Errno.EINTR) continue;
                return;   // EAGAIN: the queue is empty
            }
            int icmpErrno = extendedErrno();
            if (icmpErrno == 0) continue;
            long peer = lookupOrAdd(errName, 0);
            if (icmpErrno == Errno.ECONNREFUSED && r >= 4) {
                unreachable(peer, errData);
            } else if (icmpErrno != Errno.ECONNREFUSED) {
                unreachablePort(peer, 0);
            }
        }
    }

    /** The peer number of a sockaddr the kernel wrote, under this object's monitor (the peer table). */
    private synchronized long lookupOrAdd(MemorySegment sockaddr, long base) {
        return peers.lookupOrAdd(sockaddr, base);
    }

    /** ee_errno of the IP_RECVERR / IPV6_RECVERR control message just read, 0 when there is none. */
    private int extendedErrno() {
        long controlLen = errMsg.get(JAVA_LONG, MSG_CONTROLLEN_ONLY);
        long at = 0;
        while (at + CMSG_DATA + 4 <= controlLen) {
            long len = errControl.get(JAVA_LONG, at + CMSG_LEN);
            int level = errControl.get(JAVA_INT, at + CMSG_LEVEL);
            int type = errControl.get(JAVA_INT, at + CMSG_TYPE);
            if (len < CMSG_DATA || at + len > controlLen) return 0;
            if ((level == Libc.IPPROTO_IP && type == Libc.IP_RECVERR) || (level == Libc.IPPROTO_IPV6 && type == Libc.IPV6_RECVERR)) {
                return errControl.get(JAVA_INT, at + CMSG_DATA);   // sock_extended_err.ee_errno
            }
            at += (len + 7) & ~7L;
        }
        return 0;
    }

    /**
     * Checks the received message {@code index} ({@code length} bytes in all, the prefix
     * included) and returns the length of the Homa packet now at the start of {@code slot}, or
     * -1 to drop it.
     */
    abstract int accept(int index, MemorySegment slot, int length);

    /** The priority level of received message {@code index}: from the IPv4 header, else from the TOS / traffic-class control message. */
    int homaLevel(int index) {
        long controlLen = rxMsgs.get(JAVA_LONG, index * MMSG + CONTROLLEN);
        long base = index * RX_CONTROL_SPACE;
        long at = 0;
        while (at + CMSG_DATA <= controlLen) {
            long len = rxControl.get(JAVA_LONG, base + at + CMSG_LEN);
            int level = rxControl.get(JAVA_INT, base + at + CMSG_LEVEL);
            int type = rxControl.get(JAVA_INT, base + at + CMSG_TYPE);
            if (len < CMSG_DATA || at + len > controlLen) break;
            if (level == Libc.IPPROTO_IP && type == Libc.IP_TOS) return (rxControl.get(ValueLayout.JAVA_BYTE, base + at + CMSG_DATA) & 0xFF) >>> 5;
            if (level == Libc.IPPROTO_IPV6 && type == Libc.IPV6_TCLASS) return (rxControl.get(JAVA_INT, base + at + CMSG_DATA) & 0xFF) >>> 5;
            at += (len + 7) & ~7L;
        }
        return 0;
    }

    /**
     * Waits until a packet can be received or {@code maxNanos} pass; used by the stack's driver
     * when a round found nothing to do, so an idle stack sleeps in the kernel instead of spinning.
     */
    @Override
    public final void awaitPackets(long maxNanos) {
        if (closed || maxNanos <= 0) return;
        waitPollFd.set(JAVA_SHORT, POLL_EVENTS, Libc.POLLIN);
        waitTimeout.set(JAVA_LONG, 0, maxNanos / 1_000_000_000L);
        waitTimeout.set(JAVA_LONG, 8, maxNanos % 1_000_000_000L);
        if (Libc.ppoll(waitErrno, waitPollFd, 1, waitTimeout) < 0) {
            int e = Libc.errno(waitErrno);
            if (e != Errno.EINTR) throw SyscallException.of("ppoll", e, "waiting for Homa packets");
        } else if ((waitPollFd.get(JAVA_SHORT, POLL_REVENTS) & POLLERR) != 0) {
            // The error queue has entries; the next poll reads them (else ppoll would keep waking).
            errorsPending = true;
        }
    }

    @Override
    public final boolean sendsAfterUnlock() {
        return true;
    }

    /** Each thread waiting for packets has an epoll instance of its own on this socket: {@link EpollWaiter}. */
    @Override
    public final Waiter newWaiter() {
        if (closed) throw new IllegalStateException("datapath closed");
        return new EpollWaiter(this, fd);
    }

    /** A waiter saw the socket's error queue non-empty: the next poll reads it. */
    final void errorsWaiting() {
        errorsPending = true;
    }

    /**
     * Packets handed to the kernel, received, dropped on send (full socket buffer, refused) and
     * dropped on receive (malformed, too long), and the GSO sends that carried several packets.
     */
    public final Stats stats() {
        synchronized (sendLock) {
            synchronized (receiveLock) {
                return new Stats(packetsSent, packetsReceived, sendDrops, receiveDrops, gsoSends);
            }
        }
    }

    public record Stats(long packetsSent, long packetsReceived, long sendDrops, long receiveDrops, long gsoSends) {}

    @Override
    public final String describe(long peer) {
        synchronized (this) {
            if (!peers.contains(peer)) return "unknown peer " + peer;
            InetSocketAddress a = peers.address(peer);
            // Over raw IP a peer is an address alone.
            return peers.portsMatter() ? SocketAddresses.format(a) : SocketAddresses.host(a.getAddress());
        }
    }

    /** Waits for a send and a receive under way: neither may find the socket or its memory gone. */
    @Override
    public final void close() {
        synchronized (sendLock) {
            synchronized (receiveLock) {
                synchronized (this) {
                    if (closed) return;
                    closed = true;
                    Libc.close(errno, fd);
                    arena.close();
                }
            }
        }
    }
}
