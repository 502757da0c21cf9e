package org.homanic.host.datapath.linux;

import org.homanic.host.datapath.Datapath;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A thread's own wait on a UDP datapath: datagrams, wake() and listen(false). */
class EpollWaiterTest {
    private static final long LONG_WAIT = TimeUnit.SECONDS.toNanos(30);
    private static final long SHORT_WAIT = TimeUnit.MILLISECONDS.toNanos(50);

    @Test
    void aDatagramEndsTheWaitWithPacketsWaiting() throws Exception {
        try (UdpDatapath path = UdpDatapath.open(new InetSocketAddress("127.0.0.1", 0));
             Datapath.Waiter waiter = path.newWaiter();
             DatagramSocket peer = new DatagramSocket()) {
            assertFalse(waiter.await(SHORT_WAIT), "nothing arrived: the wait runs out");
            CompletableFuture<Boolean> woke = CompletableFuture.supplyAsync(() -> waiter.await(LONG_WAIT));
            Thread.sleep(20);
            peer.send(new DatagramPacket(new byte[40], 40, path.boundAddress()));
            assertTrue(woke.get(10, TimeUnit.SECONDS), "the datagram woke the waiter, well before its 30 s");
        }
    }

    @Test
    void wakeEndsTheCurrentOrTheNextWait() throws Exception {
        try (UdpDatapath path = UdpDatapath.open(new InetSocketAddress("127.0.0.1", 0));
             Datapath.Waiter waiter = path.newWaiter()) {
            CompletableFuture<Boolean> woke = CompletableFuture.supplyAsync(() -> waiter.await(LONG_WAIT));
            Thread.sleep(20);
            waiter.wake();
            assertFalse(woke.get(10, TimeUnit.SECONDS), "woken, with no packet waiting");
            waiter.wake();
            long t0 = System.nanoTime();
            assertFalse(waiter.await(LONG_WAIT));
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10), "a wake before the wait ends it at once");
            assertFalse(waiter.await(SHORT_WAIT), "one wake ends one wait");
        }
    }

    @Test
    void aWaiterThatDoesNotListenSleepsThroughDatagrams() throws Exception {
        try (UdpDatapath path = UdpDatapath.open(new InetSocketAddress("127.0.0.1", 0));
             Datapath.Waiter waiter = path.newWaiter();
             DatagramSocket peer = new DatagramSocket()) {
            waiter.listen(false);
            peer.send(new DatagramPacket(new byte[40], 40, path.boundAddress()));
            assertFalse(waiter.await(SHORT_WAIT), "not listening: the datagram does not count");
            waiter.listen(true);
            assertTrue(waiter.await(LONG_WAIT), "listening again: the datagram still waiting counts");
        }
    }

    @Test
    void wakeAfterCloseDoesNothing() {
        try (UdpDatapath path = UdpDatapath.open(new InetSocketAddress("127.0.0.1", 0))) {
            Datapath.Waiter waiter = path.newWaiter();
            waiter.close();
            waiter.wake();
            waiter.close();
        }
    }
}
