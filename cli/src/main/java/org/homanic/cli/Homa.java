package org.homanic.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code ./homa} command-line tool. Each command is a class of its own in this package;
 * {@code test} and {@code doctor} are handled by the launcher script before Java starts, so
 * they work even when the build itself cannot.
 */
@Command(name = "homa", mixinStandardHelpOptions = true, versionProvider = Homa.Version.class,
        description = "Homa SmartNIC offload, described in Java.",
        subcommands = {DemoCommand.class, RtlCommand.class, SimCommand.class, SynthCommand.class, BoardCommand.class, BenchCommand.class, FuzzCommand.class,
                DecodeCommand.class, ServeCommand.class, CallCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Commands the launcher handles itself:",
                "  test [MAVEN ARGS]   Run the whole test suite (mvn -B verify), or a part of it.",
                "  doctor              Show the JDK, Maven, Verilator and Yosys in use, or what is missing."})
public final class Homa implements Runnable {

    /** Exit code for a user error that is not a usage error (bad input file, failed tool). */
    public static final int EXIT_FAILURE = 1;
    /** Exit code for bad usage, as picocli and POSIX tools use it. */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line: one-line usage errors, no stack traces for user errors. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Homa());
        cli.setParameterExceptionHandler((ex, argv) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            String message = ex.getMessage();
            if (ex instanceof CommandLine.UnmatchedArgumentException unmatched
                    && ex.getCommandLine().getParent() == null && !unmatched.getUnmatched().isEmpty()
                    && !unmatched.getUnmatched().getFirst().startsWith("-")) {
                message = "unknown command '" + unmatched.getUnmatched().getFirst() + "'";
            }
            err.println("homa: error: " + message + " (see './homa "
                    + commandPath(ex.getCommandLine()) + "--help')");
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (UserErrors.isUserError(ex)) {
                err.println("homa: error: " + ex.getMessage());
            } else {
                err.println("homa: internal error (please report it with this trace):");
                ex.printStackTrace(err);
            }
            return EXIT_FAILURE;
        });
        return cli;
    }

    private static String commandPath(CommandLine commandLine) {
        StringBuilder path = new StringBuilder();
        for (CommandLine c = commandLine; c.getParent() != null; c = c.getParent()) {
            path.insert(0, c.getCommandName() + " ");
        }
        return path.toString();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Homa.class.getPackage().getImplementationVersion();
            return new String[] {"homa " + (v == null ? "(development build)" : v)
                    + ", Java " + Runtime.version()};
        }
    }
}
