package org.homanic.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** getrusage through FFM: a thread that sleeps gives up the CPU once per sleep; work costs CPU time. */
class ProcessUsageTest {

    @Test
    void sleepsAreVoluntarySwitchesAndWorkIsCpuTime() throws Exception {
        ProcessUsage before = ProcessUsage.ofThisProcess();
        for (int i = 0; i < 20; i++) Thread.sleep(1);
        // Spin until the JVM's own count says this thread has used 30 ms of CPU (however long that takes here).
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + 30_000_000;
        long x = 0;
        while (threads.getCurrentThreadCpuTime() < until) x += x * 31 + 7;
        ProcessUsage used = ProcessUsage.ofThisProcess().minus(before);
        assertTrue(used.voluntarySwitches() >= 20, "20 sleeps, each a wait: " + used + " " + x);
        assertTrue(used.cpuNanos() >= 28_000_000, "30 ms of this thread's CPU (to getrusage's 1 us and tick accounting): " + used);
    }

    @Test
    void theServersLineRoundTrips() {
        ProcessUsage u = new ProcessUsage(123_456_789, 42, 7, 3);
        assertEquals(u, ProcessUsage.parse(u.line()));
        assertEquals(49, u.switches());
        assertEquals(new ProcessUsage(2, 4, 6, 8), new ProcessUsage(1, 2, 3, 4).plus(new ProcessUsage(1, 2, 3, 4)));
        assertThrows(CliException.class, () -> ProcessUsage.parse("ready udp=1 tcp=2"));
        assertThrows(CliException.class, () -> ProcessUsage.parse(null));
    }
}
