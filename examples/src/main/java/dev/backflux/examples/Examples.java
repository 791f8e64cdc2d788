package dev.backflux.examples;

import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs one Backflux example by name; with no name, lists them.
 *
 * <pre>
 * ./mvnw -q -pl examples -am compile exec:exec -Dexample=three-layer
 * ./mvnw -q -pl examples -am compile exec:exec -Dexample=three-layer "-Dexample.jvmArgs=-Dbackflux.plugins=logging"
 * </pre>
 */
@Command(name = "examples",
        description = "Runs a Backflux example. The examples:",
        subcommands = {TwoLayer.class, ThreeLayer.class, Predict.class, CustomPlugin.class, Sweep.class, Explain.class,
                DashboardExample.class, DropoutExample.class})
public final class Examples implements Runnable {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Shows this list and exits.")
    private boolean help;

    /** Creates the command; picocli calls it. */
    public Examples() {
    }

    /**
     * Runs the example named by the first argument, or lists the examples.
     *
     * @param args the example's name (blank arguments are ignored)
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(withoutBlanks(args)));
    }

    /** Returns the command line that runs the examples; tests redirect its output. */
    static CommandLine commandLine() {
        return new CommandLine(new Examples()).setParameterExceptionHandler((error, args) -> {
            // An unknown name: say so, then list every example (picocli alone may only suggest near names).
            CommandLine commandLine = error.getCommandLine();
            commandLine.getErr().println(error.getMessage());
            commandLine.usage(commandLine.getErr());
            return commandLine.getCommandSpec().exitCodeOnInvalidInput();
        });
    }

    /** No example named: list them. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static String[] withoutBlanks(String[] args) {
        return Arrays.stream(args).filter(arg -> !arg.isBlank()).toArray(String[]::new);
    }
}
