package org.homanic.hdl;

import java.util.Set;

/**
 * The line of user code that declared a signal or made a statement, so that elaboration
 * errors point at the Java line a designer wrote rather than at the library's internals.
 */
public record SourceLocation(String file, int line) {

    public static final SourceLocation UNKNOWN = new SourceLocation("?", 0);

    /** Packages whose frames are the library itself; the first frame outside them is the user's. */
    private static final Set<String> LIBRARY_PACKAGES = Set.of("org.homanic.hdl");

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    /** Captures the caller's location: the first stack frame outside the library core. */
    public static SourceLocation here() {
        return WALKER.walk(frames -> frames
                .filter(f -> !LIBRARY_PACKAGES.contains(f.getDeclaringClass().getPackageName()))
                .findFirst()
                .map(f -> new SourceLocation(f.getFileName() == null ? f.getClassName() : f.getFileName(),
                        f.getLineNumber()))
                .orElse(UNKNOWN));
    }

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
