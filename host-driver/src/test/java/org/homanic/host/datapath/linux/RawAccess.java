package org.homanic.host.datapath.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.net.InetAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/** Whether raw sockets can be opened here, and a way to lose CAP_NET_RAW on one thread. */
@SuppressWarnings("restricted") // capset through libc's syscall(); the tests run with --enable-native-access
final class RawAccess {
    private static final int CAP_NET_RAW = 13;
    private static final int CAPABILITY_VERSION_3 = 0x20080522;

    private RawAccess() {}

    /** True when this process may open raw IP sockets (root or CAP_NET_RAW). */
    static boolean available() {
        try {
            RawIpDatapath.open(InetAddress.getLoopbackAddress()).close();
            return true;
        } catch (SyscallException.PermissionDeniedException e) {
            return false;
        }
    }

    static final String SKIP = "raw IP sockets need CAP_NET_RAW (run the tests as root); CI runs as root, so these run there";

    /**
     * Runs {@code body} on a fresh thread whose effective capability set lacks CAP_NET_RAW
     * (Linux keeps capabilities per thread), as an unprivileged process would.
     */
    static <T> T withoutNetRaw(Callable<T> body) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                dropEffective(CAP_NET_RAW);
                result.set(body.call());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.join();
        if (failure.get() instanceof Exception e) throw e;
        if (failure.get() instanceof Error e) throw e;
        if (failure.get() != null) throw new IllegalStateException(failure.get());
        return result.get();
    }

    private static void dropEffective(int capability) throws Throwable {
        boolean x86 = System.getProperty("os.arch").contains("64") && !System.getProperty("os.arch").equals("aarch64");
        long capget = x86 ? 125 : 90, capset = x86 ? 126 : 91;
        Linker linker = Linker.nativeLinker();
        MethodHandle syscall = linker.downcallHandle(linker.defaultLookup().find("syscall").orElseThrow(),
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(1));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment header = arena.allocate(8, 4);
            header.set(JAVA_INT, 0, CAPABILITY_VERSION_3);
            header.set(JAVA_INT, 4, 0);   // this thread
            MemorySegment data = arena.allocate(24, 4);   // two {effective, permitted, inheritable}
            if ((long) syscall.invokeExact(capget, header.address(), data.address()) != 0) throw new IllegalStateException("capget failed");
            data.set(JAVA_INT, 0, data.get(JAVA_INT, 0) & ~(1 << capability));
            if ((long) syscall.invokeExact(capset, header.address(), data.address()) != 0) throw new IllegalStateException("capset failed");
        }
    }
}
