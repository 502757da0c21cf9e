package org.homanic.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./homa fuzz DESIGN}: long randomized differential runs of an RTL block against its Java
 * reference model. Each design is a subcommand of its own.
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = "Randomized differential runs of an RTL block against its reference model.",
        subcommands = {FuzzClassifierCommand.class, FuzzGrantSchedulerCommand.class, CommandLine.HelpCommand.class})
final class FuzzCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name the design to fuzz");
    }
}
