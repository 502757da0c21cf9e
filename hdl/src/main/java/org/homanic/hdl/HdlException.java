package org.homanic.hdl;

/**
 * An error in a design, found while it is described or elaborated. The message names the
 * signal concerned and the Java source line that caused it.
 */
public final class HdlException extends RuntimeException {
    private final SourceLocation location;

    public HdlException(SourceLocation location, String message) {
        super(message + " (at " + location + ")");
        this.location = location;
    }

    /** Where in the user's Java code the offending statement or declaration is. */
    public SourceLocation location() {
        return location;
    }
}
