package org.homanic.host.datapath.linux;

import org.homanic.host.HomaMessage;
import org.homanic.host.HomaSocket;
import org.homanic.host.HomaStack;
import org.homanic.host.api.HomaAddress;
import org.homanic.host.api.PeerUnreachableException;
import org.homanic.host.timer.Clock;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Bad addresses and ports, missing privileges and kernel errors become typed exceptions. */
class DatapathErrorsTest {

    @Test
    void errnoValuesHaveTheirNames() {
        assertEquals("EPERM", Errno.name(1));
        assertEquals("EAGAIN", Errno.name(11));
        assertEquals("EACCES", Errno.name(13));
        assertEquals("EINVAL", Errno.name(22));
        assertEquals("EADDRINUSE", Errno.name(98));
        assertEquals("EADDRNOTAVAIL", Errno.name(99));
        assertEquals("ENETUNREACH", Errno.name(101));
        assertEquals("errno 4095", Errno.name(4095));
    }

    @Test
    void errnoPicksTheExceptionTypeAndTheMessageNamesCallAndErrno() {
        assertInstanceOf(SyscallException.PermissionDeniedException.class, SyscallException.of("socket", 1, ""));
        assertInstanceOf(SyscallException.PermissionDeniedException.class, SyscallException.of("socket", 13, ""));
        assertInstanceOf(SyscallException.AddressInUseException.class, SyscallException.of("bind", 98, ""));
        assertInstanceOf(SyscallException.AddressNotAvailableException.class, SyscallException.of("bind", 99, ""));
        assertInstanceOf(SyscallException.NetworkUnreachableException.class, SyscallException.of("sendmmsg", 101, ""));
        SyscallException e = SyscallException.of("recvmmsg", 22, "receiving");
        assertEquals(SyscallException.class, e.getClass());
        assertEquals("recvmmsg", e.call());
        assertEquals("EINVAL", e.errnoName());
        assertEquals("recvmmsg failed: EINVAL (Invalid argument): receiving", e.getMessage());
    }

    @Test
    void bindingAnAddressThatIsNotLocalIsAddressNotAvailable() {
        // 192.0.2.1 is TEST-NET-1: never an address of this host. Binding sends nothing.
        var e = assertThrows(SyscallException.AddressNotAvailableException.class,
                () -> UdpDatapath.open(new InetSocketAddress("192.0.2.1", 0)));
        assertEquals("bind", e.call());
        assertEquals("EADDRNOTAVAIL", e.errnoName());
        assertTrue(e.getMessage().contains("192.0.2.1"), e.getMessage());
    }

    @Test
    void bindingAPortInUseIsAddressInUse() {
        try (UdpDatapath first = UdpDatapath.open(new InetSocketAddress("127.0.0.1", 0))) {
            var e = assertThrows(SyscallException.AddressInUseException.class, () -> UdpDatapath.open(first.boundAddress()));
            assertEquals("EADDRINUSE", e.errnoName());
            assertTrue(e.getMessage().startsWith("bind failed: EADDRINUSE"), e.getMessage());
        }
    }

    @Test
    void portsOutsideTheRangeAndUnresolvedHostsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new InetSocketAddress("127.0.0.1", 70000));
        assertThrows(IllegalArgumentException.class,
                () -> UdpDatapath.open(InetSocketAddress.createUnresolved("no.such.host.invalid", 1)));
    }

    @Test
    void aPeerOfTheOtherFamilyIsRefused() {
        try (UdpDatapath v4 = UdpDatapath.open(new InetSocketAddress("127.0.0.1", 0))) {
            var e = assertThrows(IllegalArgumentException.class, () -> v4.peer(new InetSocketAddress("::1", 1)));
            assertTrue(e.getMessage().contains("IPv6") && e.getMessage().contains("IPv4"), e.getMessage());
        }
    }

    @Test
    void anRpcToAHostNumberTheDatapathNeverIssuedFailsAsUnreachable() throws Exception {
        try (HomaStack stack = HomaStack.open(UdpDatapath.open(new InetSocketAddress("127.0.0.1", 0)),
                EchoRpcs.PATIENT, Clock.system()).start();
             HomaSocket client = stack.openSocket()) {
            var future = client.call(new HomaAddress(12345, 700), new byte[] {1, 2, 3});
            var e = assertThrows(ExecutionException.class, () -> future.get(30, TimeUnit.SECONDS));
            assertInstanceOf(PeerUnreachableException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("unknown peer 12345"), e.getCause().getMessage());
        }
    }

    @Test
    void anRpcToAUdpPortWhereNothingListensFailsAsUnreachable() throws Exception {
        // A port that was free a moment ago: the kernel answers datagrams to it with ICMP port
        // unreachable, which the datapath reads from the socket's error queue.
        int freePort;
        try (UdpDatapath probe = UdpDatapath.open(new InetSocketAddress("127.0.0.1", 0))) {
            freePort = probe.boundAddress().getPort();
        }
        UdpDatapath datapath = UdpDatapath.open(new InetSocketAddress("127.0.0.1", 0));
        try (HomaStack stack = HomaStack.open(datapath, EchoRpcs.PATIENT, Clock.system()).start();
             HomaSocket client = stack.openSocket()) {
            long host = datapath.peer(new InetSocketAddress("127.0.0.1", freePort));
            var future = client.call(new HomaAddress(host, 700), new byte[] {1, 2, 3});
            var e = assertThrows(ExecutionException.class, () -> future.get(30, TimeUnit.SECONDS));
            assertInstanceOf(PeerUnreachableException.class, e.getCause(), "not a timeout: the patient timeout is 10 s");
            assertTrue(e.getCause().getMessage().contains("127.0.0.1:" + freePort), e.getCause().getMessage());
        }
    }

    @Test
    void rawSocketsWithoutCapNetRawArePermissionDenied() throws Exception {
        assumeTrue(RawAccess.available(), RawAccess.SKIP);
        var e = RawAccess.withoutNetRaw(() -> assertThrows(SyscallException.PermissionDeniedException.class,
                () -> RawIpDatapath.open(InetAddress.getByName("127.0.0.1"))));
        assertEquals("socket", e.call());
        assertEquals("EPERM", e.errnoName());
        assertTrue(e.getMessage().contains("CAP_NET_RAW"), e.getMessage());
    }

    @Test
    void theLocalHostNumberNamesTheBoundAddressSoAStackCanCallItself() throws Exception {
        // The datapath's own number names its bound address: an RPC to itself works.
        try (HomaStack stack = HomaStack.open(UdpDatapath.open(new InetSocketAddress("127.0.0.1", 0)),
                EchoRpcs.PATIENT, Clock.system()).start()) {
            HomaSocket server = stack.bind(9);
            HomaSocket client = stack.openSocket();
            client.send(new HomaAddress(stack.localAddress(), 9), new byte[] {7}, 0);
            HomaMessage req = server.receive(java.time.Duration.ofSeconds(30));
            assertNotNull(req);
            assertArrayEquals(new byte[] {7}, req.toByteArray());
            req.release();
            assertNull(server.poll());
        }
    }
}
