package org.homanic.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./homa bench}: performance measurements, one subcommand each. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure performance. Each subcommand prints text, or exactly one JSON object with --json.",
        subcommands = {BenchReassemblyCommand.class, CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a bench subcommand is required");
    }
}
