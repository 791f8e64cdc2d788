package dev.backflux.cli;

import dev.backflux.api.Activation;
import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.Training;
import dev.backflux.files.CsvData;
import java.nio.file.Path;
import java.util.DoubleSummaryStatistics;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backflux train DATA.csv}: trains a new network on a CSV file. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a new network on a CSV file: one input per column, the target columns' values as the"
                + " outputs.", "", "Example: backflux train data/iris.csv --skip-rows 1 --no-header --one-hot"
                + " --shuffle 7 --validation 0.2 --scale --hidden 8 --learning-rate 0.02 --steps 20000 --save iris.json"})
final class TrainCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATA.csv", description = "The training data.")
    private Path data;

    @Mixin
    private CsvFormatOptions format;

    @Mixin
    private CsvDataOptions rows;

    @Option(names = "--hidden", paramLabel = "UNITS", split = ",", defaultValue = "4",
            description = "Units of each hidden layer, for example 8 or 16,8 (default: ${DEFAULT-VALUE}, the"
                    + " tutorial's); 0 for none. The input and output layers fit the data.")
    private int[] hidden;

    @Option(names = "--learning-rate", paramLabel = "RATE", defaultValue = "1.0",
            description = "The learning rate (default: ${DEFAULT-VALUE}). Weights move by the rate times the"
                    + " gradient summed over the examples, as in the tutorial: more rows want a smaller rate.")
    private double learningRate;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
            description = "The seed of the initial weights, as numpy's (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--activation", paramLabel = "ID", description = "An activation plugin: tanh, relu,"
            + " leaky-relu, softplus, identity (default: sigmoid).")
    private String activation;

    @Mixin
    private RunOptions run;

    @Override
    public Integer call() throws Exception {
        CsvData csv = Commands.read(spec, data, format, rows, null);
        Training training;
        try {
            int[] sizes = layers(csv);
            Network network = Network.builder().layerSizes(sizes).learningRate(learningRate).seed(seed).build();
            Map<String, String> configuration = run.configuration();
            if (activation != null) {
                String others = configuration.get("backflux.plugins");
                configuration.put("backflux.plugins", others.isEmpty() ? activation : activation + "," + others);
            }
            training = Trainer.training(network, csv.trainingData()).steps(run.steps).configuration(configuration)
                    .build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw Commands.usageError(spec, e);
        }
        warnIfUnreachable(training);
        return Runner.run(training, run, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Targets beyond what the output layer's activation can give: class labels read as numbers, most likely. */
    private void warnIfUnreachable(Training training) {
        Activation activation = training.network().activation();
        double low = Math.min(activation.apply(-1e6), activation.apply(1e6));
        double high = Math.max(activation.apply(-1e6), activation.apply(1e6));
        DoubleSummaryStatistics targets = DoubleStream.of(training.data().targets().toRowMajorArray())
                .summaryStatistics();
        if (targets.getMin() < low - 1e-9 || targets.getMax() > high + 1e-9) {
            spec.commandLine().getErr().println("backflux: warning: the targets range over [" + targets.getMin()
                    + ", " + targets.getMax() + "], but the output layer's " + activation + " gives only [" + low
                    + ", " + high + "]" + (rows.oneHot ? "" : ": class labels? use --one-hot"));
        }
    }

    private int[] layers(CsvData csv) {
        int[] inner = IntStream.of(hidden).filter(units -> units != 0).toArray();
        if (IntStream.of(inner).anyMatch(units -> units < 0)) {
            throw new IllegalArgumentException("--hidden: expected unit counts of at least 1 (or 0 for no hidden"
                    + " layer), actual " + java.util.Arrays.toString(hidden));
        }
        int[] sizes = new int[inner.length + 2];
        sizes[0] = csv.trainingData().inputs().columns();
        System.arraycopy(inner, 0, sizes, 1, inner.length);
        sizes[sizes.length - 1] = csv.trainingData().targets().columns();
        return sizes;
    }
}
