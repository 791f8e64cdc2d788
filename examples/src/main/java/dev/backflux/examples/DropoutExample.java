package dev.backflux.examples;

import dev.backflux.api.DropoutGradient;
import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingStep;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The tutorial's Part 3 network (3-4-1, α 0.5, seed 1) trained twice on XOR, without and with dropout on its hidden
 * layer: the error every 10,000 steps of both, the dropout run's both as it trained (its hidden units masked) and
 * of its whole network, and the last step's mask.
 */
@Command(name = "dropout",
        description = "Part 3's dropout: the XOR network trained without and with dropout on its hidden layer,"
                + " errors side by side.")
final class DropoutExample implements Runnable {

    static final long STEPS = 60_000;

    @Spec
    private CommandSpec spec;

    @Option(names = "--rate", defaultValue = "0.2", description = "The dropout rate of the hidden layer, in [0, 1)"
            + " (default: ${DEFAULT-VALUE}, the tutorial's dropout_percent).")
    private double rate;

    @Option(names = "--gradient", defaultValue = "TEXTBOOK", description = "TEXTBOOK (the gradient of inverted"
            + " dropout) or TUTORIAL (its script's layer_1 * (1 - layer_1) of the masked layer; default: ${DEFAULT-VALUE}).",
            converter = GradientConverter.class)
    private DropoutGradient gradient;

    /** Reads TEXTBOOK or TUTORIAL, in any case. */
    static final class GradientConverter implements picocli.CommandLine.ITypeConverter<DropoutGradient> {
        @Override
        public DropoutGradient convert(String value) {
            try {
                return DropoutGradient.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("expected TEXTBOOK or TUTORIAL, actual '"
                        + value + "'");
            }
        }
    }

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        if (!(rate >= 0 && rate < 1)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--rate: expected a dropout rate in [0, 1), actual " + rate);
        }
        Network plain = Network.builder().layerSizes(3, 4, 1).learningRate(0.5).seed(1).build();
        Network dropout = plain.toBuilder().dropout(1, rate).dropoutGradient(gradient).build();
        // The same four examples as validation data: the error of the whole network, unmasked and unscaled.
        TrainingData data = TrainingData.of(TutorialData.INPUTS, new double[][] {{0}, {1}, {1}, {0}})
                .withValidation(TutorialData.INPUTS, new double[][] {{0}, {1}, {1}, {0}});
        List<TrainingStep> without = every10000(plain, data);
        List<TrainingStep> with = every10000(dropout, data);
        out.printf(Locale.ROOT, "The tutorial's Part 3 network, 3-4-1, alpha 0.5, seed 1, %d steps on XOR;"
                + " dropout %s on l1 (%s gradient).%n", STEPS, rate, gradient.name().toLowerCase(Locale.ROOT));
        out.printf(Locale.ROOT, "%-7s %-14s %-22s %s%n", "step", "no dropout", "dropout, as it trained",
                "dropout, whole network");
        for (int i = 0; i < without.size(); i++) {
            out.printf(Locale.ROOT, "%-7d %-14.6g %-22.6g %.6g%n", without.get(i).step(),
                    without.get(i).meanAbsoluteError(), with.get(i).meanAbsoluteError(),
                    with.get(i).validationMeanAbsoluteError().orElseThrow());
        }
        TrainingStep last = with.get(with.size() - 1);
        out.printf(Locale.ROOT, "Step %d's mask on l1 (0 = dropped, %.4g = kept and scaled by 1 / (1 - %s)):%n",
                last.step(), 1 / (1 - rate), rate);
        for (double[] row : last.dropoutMask(1).toArray()) {
            StringBuilder line = new StringBuilder(" ");
            for (double factor : row) {
                line.append(String.format(Locale.ROOT, " %.4g", factor));
            }
            out.println(line);
        }
        out.flush();
    }

    private static List<TrainingStep> every10000(Network network, TrainingData data) {
        return Trainer.train(network, data, STEPS)
                .filter(step -> step.step() % 10_000 == 0 || step.step() == STEPS - 1)
                .collectList()
                .block();
    }
}
