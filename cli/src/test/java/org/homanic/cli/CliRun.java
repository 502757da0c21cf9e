package org.homanic.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs ./homa in-process with captured stdout and stderr. */
record CliRun(int code, String out, String err) {
    static CliRun of(String... args) {
        CommandLine cli = Homa.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
