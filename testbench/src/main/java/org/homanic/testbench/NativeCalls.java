package org.homanic.testbench;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Downcall handles for the shim's functions, one per signature and shared by every model: the
 * function address is the first argument. Being static final constants, the JIT compiles a call
 * through them to a direct native call.
 */
@SuppressWarnings("restricted") // native access is this package's purpose; the JVM must allow it (--enable-native-access)
final class NativeCalls {
    private NativeCalls() {}

    private static final Linker LINKER = Linker.nativeLinker();

    /** (sim) -> status. Critical: per-cycle calls skip the thread-state transition; they never call back into Java. */
    static final MethodHandle INT_OF_PTR_CRITICAL =
            LINKER.downcallHandle(FunctionDescriptor.of(JAVA_INT, ADDRESS), Linker.Option.critical(false));
    /** (sim, clock) -> status, critical like the above. */
    static final MethodHandle INT_OF_PTR_PTR_CRITICAL =
            LINKER.downcallHandle(FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS), Linker.Option.critical(false));
    /** (sim, clock, cycles) -> status. Not critical: a long batch must not hold up the garbage collector. */
    static final MethodHandle INT_OF_PTR_PTR_LONG =
            LINKER.downcallHandle(FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
    /** (sim, long) -> status. */
    static final MethodHandle INT_OF_PTR_LONG =
            LINKER.downcallHandle(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    /** (sim) -> status, for calls that may run long (final blocks). */
    static final MethodHandle INT_OF_PTR = LINKER.downcallHandle(FunctionDescriptor.of(JAVA_INT, ADDRESS));
    /** (sim, path, depth) -> status. */
    static final MethodHandle INT_OF_PTR_PTR_INT =
            LINKER.downcallHandle(FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    /** () -> sim. */
    static final MethodHandle PTR_OF_VOID = LINKER.downcallHandle(FunctionDescriptor.of(ADDRESS));
    /** (sim) -> void. */
    static final MethodHandle VOID_OF_PTR = LINKER.downcallHandle(FunctionDescriptor.ofVoid(ADDRESS));
    /** (sim, out) -> void. */
    static final MethodHandle VOID_OF_PTR_PTR = LINKER.downcallHandle(FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
}
