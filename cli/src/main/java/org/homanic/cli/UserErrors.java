package org.homanic.cli;

import org.homanic.hdl.HdlException;

import java.io.IOException;

/** Which exceptions are the user's to fix (printed as one line) rather than bugs (printed with a trace). */
final class UserErrors {
    private UserErrors() {}

    static boolean isUserError(Throwable t) {
        return t instanceof CliException
                || t instanceof HdlException
                || t instanceof IllegalArgumentException
                || t instanceof IOException;
    }
}
