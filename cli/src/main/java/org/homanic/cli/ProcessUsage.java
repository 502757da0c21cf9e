package org.homanic.cli;

import org.homanic.host.datapath.linux.Libc;
import org.homanic.host.datapath.linux.Structs;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * What a process has used so far, from getrusage(2) over all its threads (ended ones too): CPU
 * time, and how often its threads gave up the CPU to wait (voluntary context switches: each
 * wait for a packet, a lock or a timer is one) or were preempted (involuntary). Context
 * switches per RPC count wake-ups, which the machine's noise does not move the way it moves
 * latencies. And how long its JIT compilers have worked (the JVM's own count): a measurement
 * taken while they still work shares the CPUs with them and runs partly in slower code.
 */
record ProcessUsage(long cpuNanos, long voluntarySwitches, long involuntarySwitches, long jitMillis) {
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    /** This process's usage now. */
    static ProcessUsage ofThisProcess() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.newErrnoCapture(arena);
            MemorySegment u = arena.allocate(Structs.RUSAGE);
            if (Libc.getrusage(errno, Libc.RUSAGE_SELF, u) < 0) {
                throw new IllegalStateException("getrusage failed: " + Libc.strerror(Libc.errno(errno)));
            }
            long cpu = micros(u, "ru_utime") * 1000 + micros(u, "ru_stime") * 1000;
            return new ProcessUsage(cpu, u.get(JAVA_LONG, Structs.offset(Structs.RUSAGE, "ru_nvcsw")),
                    u.get(JAVA_LONG, Structs.offset(Structs.RUSAGE, "ru_nivcsw")), jitMillisSoFar());
        }
    }

    /** Milliseconds the JIT compilers have worked so far, 0 where the JVM does not count them. */
    private static long jitMillisSoFar() {
        return JIT != null && JIT.isCompilationTimeMonitoringSupported() ? JIT.getTotalCompilationTime() : 0;
    }

    /** A struct timeval field in microseconds. */
    private static long micros(MemorySegment u, String field) {
        long at = Structs.offset(Structs.RUSAGE, field);
        return u.get(JAVA_LONG, at) * 1_000_000 + u.get(JAVA_LONG, at + 8);
    }

    long switches() { return voluntarySwitches + involuntarySwitches; }

    ProcessUsage plus(ProcessUsage o) {
        return new ProcessUsage(cpuNanos + o.cpuNanos, voluntarySwitches + o.voluntarySwitches, involuntarySwitches + o.involuntarySwitches,
                jitMillis + o.jitMillis);
    }

    ProcessUsage minus(ProcessUsage o) {
        return new ProcessUsage(cpuNanos - o.cpuNanos, voluntarySwitches - o.voluntarySwitches, involuntarySwitches - o.involuntarySwitches,
                jitMillis - o.jitMillis);
    }

    /** The one-line form a server process answers with. */
    String line() {
        return String.format(Locale.ROOT, "usage %d %d %d %d", cpuNanos, voluntarySwitches, involuntarySwitches, jitMillis);
    }

    static ProcessUsage parse(String line) {
        String[] f = line == null ? new String[0] : line.strip().split(" ");
        if (f.length != 5 || !f[0].equals("usage")) throw new CliException("the benchmark's server process answered '" + line + "', not its usage");
        return new ProcessUsage(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]));
    }
}
