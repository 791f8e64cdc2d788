package dev.backflux.examples;

import java.io.PrintWriter;
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
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(withoutBlanks(args), out, err));
    }

    /**
     * Runs the example {@code args} name (with its options), printing to {@code out} and {@code err}: an example
     * that takes no option ({@link OptionFree}) and is given none runs at once, any other through picocli.
     *
     * @return the exit code: 0, 2 for a usage error, 1 for a failure
     */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        Class<?> example = args.length == 1 ? example(args[0]) : null;
        if (example != null && OptionFree.class.isAssignableFrom(example)) {
            try {
                ((OptionFree) example.getDeclaredConstructor().newInstance()).print(out);
                out.flush();
                return 0;
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("example " + args[0] + " cannot be created", e);
            } catch (RuntimeException e) {
                e.printStackTrace(err);
                err.flush();
                return 1;
            }
        }
        CommandLine commandLine = commandLine(args);
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }

    /**
     * Returns the command line that runs {@code args}: for a known example's name, a tree of that example alone
     * under {@code examples} (building every example with picocli's reflection is a good part of a short
     * example's start-up; messages and usage read as with the whole tree); else the whole tree, which lists the
     * examples and says what is unknown.
     */
    static CommandLine commandLine(String... args) {
        Class<?> example = args.length == 0 ? null : example(args[0]);
        CommandLine commandLine;
        if (example == null) {
            commandLine = new CommandLine(new Examples());
        } else {
            commandLine = new CommandLine(CommandSpec.create().name("examples"));
            commandLine.addSubcommand(args[0], new CommandLine(example));
        }
        return commandLine.setParameterExceptionHandler((error, ignored) -> {
            // An unknown name: say so, then list every example (picocli alone may only suggest near names).
            CommandLine failed = error.getCommandLine();
            failed.getErr().println(error.getMessage());
            failed.usage(failed.getErr());
            return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
    }

    /** The example's class named {@code name}, or null. */
    private static Class<?> example(String name) {
        for (Class<?> example : Examples.class.getAnnotation(Command.class).subcommands()) {
            if (example.getAnnotation(Command.class).name().equals(name)) {
                return example;
            }
        }
        return null;
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
