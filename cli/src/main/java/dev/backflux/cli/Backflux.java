package dev.backflux.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code backflux} command: {@code train} a network on a CSV file, {@code resume} a run from a checkpoint,
 * {@code predict} with a saved network, {@code inspect} one. Exit codes: 0 on success, 2 on a usage error, 1 on a
 * failure, each error in one line on standard error.
 */
@Command(name = "backflux", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Trains feed-forward networks by back-propagation on CSV data, and uses them.",
        subcommands = {TrainCommand.class, ResumeCommand.class, PredictCommand.class, InspectCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:a failure (a bad data or network file, a run that failed)",
                "2:a usage error (an unknown option, a bad value)"})
public final class Backflux implements Runnable {

    @Spec
    private CommandSpec spec;

    /** Creates the command; picocli calls it. */
    public Backflux() {
    }

    /**
     * Runs the command and exits with its code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args));
    }

    /** The command line, writing to {@code out} and {@code err}; tests run it in the same JVM too. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Backflux());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((error, args) -> {
            CommandLine failed = error.getCommandLine();
            failed.getErr().println("backflux: " + error.getMessage());
            failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help'.");
            return CommandLine.ExitCode.USAGE;
        });
        commandLine.setExecutionExceptionHandler((error, failed, parseResult) -> {
            failed.getErr().println("backflux: " + Failures.describe(error));
            return CommandLine.ExitCode.SOFTWARE;
        });
        return commandLine;
    }

    /** No command given: say which there are. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "expected a command (train, resume, predict, inspect), actual none");
    }
}
