package org.homanic.testbench;

/** Verilator or the C++ compiler rejected a design; the message carries the end of the tool's log. */
public final class ModelBuildException extends RuntimeException {
    public ModelBuildException(String message) {
        super(message);
    }

    public ModelBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
