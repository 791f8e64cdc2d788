package dev.backflux.examples;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingStep;
import dev.backflux.api.WeightStory;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The tutorial's walkthrough of back-propagation ("nonlin(l1,True)", the "error weighted derivative", the weight
 * update one example at a time, the correlation remark) printed with a run's own numbers, for its first step and
 * its last (or the steps asked for). Every number comes from the {@link TrainingStep} API: {@code layer},
 * {@code error}, {@code slope}, {@code delta} and {@code explain(k, from, to)}.
 */
@Command(name = "explain",
        description = "Walks through back-propagation as the tutorial does, with the run's own numbers: slopes,"
                + " confident predictions, the error weighted derivative, each weight's update example by example.")
final class Explain implements Runnable {

    /** The agreement from which examples that push a weight both ways push it "mostly" one way. */
    static final double MOSTLY = 0.5;

    /** A prediction is "confident" where the activation's slope is below this: for the sigmoid, outside 0.113..0.887. */
    static final double CONFIDENT_SLOPE = 0.1;

    /** The networks the example can explain: the tutorial's two of Part 1. */
    enum Choice {
        TWO_LAYER("two-layer", new int[] {3, 1}, TutorialData.COPY_FIRST_COLUMN, 10_000,
                "y copies the first input", List.of(new Weight(0, 0, 0), new Weight(0, 1, 0), new Weight(0, 2, 0))),
        THREE_LAYER("three-layer", new int[] {3, 4, 1}, TutorialData.XOR, 60_000,
                "y is the XOR of the first two inputs",
                List.of(new Weight(1, 0, 0), new Weight(1, 1, 0), new Weight(1, 2, 0), new Weight(1, 3, 0),
                        new Weight(0, 0, 0)));

        final String label;
        final int[] sizes;
        final TrainingData data;
        final long steps;
        final String target;
        final List<Weight> weights;

        Choice(String label, int[] sizes, TrainingData data, long steps, String target, List<Weight> weights) {
            this.label = label;
            this.sizes = sizes;
            this.data = data;
            this.steps = steps;
            this.target = target;
            this.weights = weights;
        }

        Network network() {
            return Network.of(sizes);
        }
    }

    /** One weight, {@code syn k [from][to]}: from unit {@code from} of layer k to unit {@code to} of layer k + 1. */
    record Weight(int k, int from, int to) {
        @Override
        public String toString() {
            return "syn" + k + "[" + from + "][" + to + "]";
        }
    }

    static final class ChoiceConverter implements ITypeConverter<Choice> {
        @Override
        public Choice convert(String value) {
            for (Choice choice : Choice.values()) {
                if (choice.label.equals(value)) {
                    return choice;
                }
            }
            throw new TypeConversionException("expected two-layer or three-layer, actual '" + value + "'");
        }
    }

    static final class WeightConverter implements ITypeConverter<Weight> {
        @Override
        public Weight convert(String value) {
            String[] parts = value.split(",", -1);
            try {
                if (parts.length == 3) {
                    return new Weight(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                            Integer.parseInt(parts[2].trim()));
                }
            } catch (NumberFormatException notAnIndex) {
                // falls through to the message below
            }
            throw new TypeConversionException("expected three indices k,from,to (weight syn k [from][to]), such as"
                    + " 0,1,0, actual '" + value + "'");
        }
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--network", paramLabel = "two-layer|three-layer", defaultValue = "two-layer",
            converter = ChoiceConverter.class,
            description = "The tutorial's network to train: two-layer (default) or three-layer (XOR).")
    private Choice choice;

    @Option(names = "--step", paramLabel = "N",
            description = "A step to explain, from 0 to the run's last (repeatable). Default: the first and the last.")
    private List<Long> steps;

    @Option(names = "--weight", paramLabel = "k,from,to", converter = WeightConverter.class,
            description = "A weight to explain, syn k [from][to] (repeatable). Default: each weight into the first"
                    + " output unit (and, for three-layer, syn0[0][0]).")
    private List<Weight> weights;

    private PrintWriter out;

    @Override
    public void run() {
        out = spec.commandLine().getOut();
        List<Long> wanted = wantedSteps();
        List<Weight> explained = weights == null ? choice.weights : weights;
        checkWeights(explained);

        List<TrainingStep> shown = Trainer.train(choice.network(), choice.data, choice.steps)
                .filter(step -> wanted.contains(step.step()))
                .collectList()
                .block();

        introduce();
        for (TrainingStep step : shown) {
            out.println();
            explain(step, explained);
        }
        if (shown.size() > 1) {
            out.println();
            conclude(shown, explained);
        }
        out.flush();
    }

    private List<Long> wantedSteps() {
        List<Long> wanted = steps == null ? List.of(0L, choice.steps - 1) : steps;
        for (long step : wanted) {
            if (step < 0 || step >= choice.steps) {
                throw new ParameterException(spec.commandLine(), "--step: expected a step from 0 to "
                        + (choice.steps - 1) + " (the " + choice.label + " network trains " + choice.steps
                        + " steps), actual " + step);
            }
        }
        return List.copyOf(new TreeSet<>(wanted));
    }

    /** Fails naming the option before the run trains, with the API's own message on the valid range. */
    private void checkWeights(List<Weight> explained) {
        TrainingStep first = Trainer.train(choice.network(), choice.data, 1).blockLast();
        for (Weight weight : explained) {
            try {
                first.explain(weight.k(), weight.from(), weight.to());
            } catch (IndexOutOfBoundsException outOfRange) {
                throw new ParameterException(spec.commandLine(), "--weight " + weight.k() + "," + weight.from() + ","
                        + weight.to() + ": " + outOfRange.getMessage());
            }
        }
    }

    private void introduce() {
        List<String> matrices = new ArrayList<>();
        for (int k = 0; k < choice.sizes.length - 1; k++) {
            matrices.add("syn" + k);
        }
        print("The tutorial's %s network, %d steps: l0 = X (4 examples of 3 inputs),", choice.label, choice.steps);
        print("%s; %s random from seed 1.", choice.target, String.join(" and ", matrices));
        print("Each step is one pass of the tutorial's loop with this run's numbers (4 significant digits).");
        print("\"confident\": nonlin(l,True) < %s, i.e. l below 0.113 or above 0.887; near 0.5 the slope is"
                + " steepest (0.25).", CONFIDENT_SLOPE);
        print("\"right\": the prediction is on the same side of 0.5 as y.");
    }

    private void explain(TrainingStep step, List<Weight> explained) {
        int output = step.layerCount() - 1;
        String title = step.step() == 0 ? ", the first: the weights are still the random start"
                : step.step() == choice.steps - 1 ? ", the last: its l" + output + " is the tutorial's \"Output After Training\""
                : "";
        print("=== Step %d%s ===", step.step(), title);
        print("mean(abs(l%d_error)) = %s", output, number(step.meanAbsoluteError()));

        // From the output down, as back-propagation goes: every layer that a shown weight feeds.
        Map<Integer, TreeSet<Integer>> units = new LinkedHashMap<>();
        units.computeIfAbsent(output, layer -> new TreeSet<>()).add(0);
        for (Weight weight : explained) {
            units.computeIfAbsent(weight.k() + 1, layer -> new TreeSet<>()).add(weight.to());
        }
        for (int layer = output; layer >= 1; layer--) {
            for (int unit : units.getOrDefault(layer, new TreeSet<>())) {
                if (layer == output) {
                    outputLayer(step, unit);
                } else {
                    hiddenLayer(step, layer, unit);
                }
            }
            for (Map.Entry<Weight, List<Weight>> group : groups(explained, layer - 1).entrySet()) {
                update(step, group.getKey().to(), layer - 1, group.getValue());
            }
        }
    }

    private void outputLayer(TrainingStep step, int unit) {
        int n = step.layerCount() - 1;
        String l = unitName(step, n, unit);
        print("%s = nonlin(np.dot(l%d, syn%d)): the prediction; l%d_error = y - %s", l, n - 1, n - 1, n, l);
        print("  %-8s %-9s %-3s %-11s %-11s", "example", "l0", "y", l, "l" + n + "_error");
        double[][] targets = choice.data.targets().toArray();
        for (int e = 0; e < step.layer(0).rows(); e++) {
            double prediction = step.layer(n).get(e, unit);
            double y = targets[e][unit];
            print("  %-8d %-9s %-3s %-11s %-11s %s", e, inputs(step, e), value(y), number(prediction),
                    number(step.error(n).get(e, unit)), right(prediction, y) ? "right" : "wrong");
        }
        deltaTable(step, n, unit, true);
    }

    private void hiddenLayer(TrainingStep step, int layer, int unit) {
        String l = unitName(step, layer, unit);
        print("l%d_error = l%d_delta.dot(syn%d.T): l%d_delta sent back through syn%d (before its update), at %s",
                layer, layer + 1, layer, layer + 1, layer, l);
        deltaTable(step, layer, unit, false);
    }

    /** The slope of each example at one unit, whether it was confident, and the error weighted derivative. */
    private void deltaTable(TrainingStep step, int layer, int unit, boolean output) {
        double[][] targets = choice.data.targets().toArray();
        print("l%d_delta = l%d_error * nonlin(l%d,True): the \"error weighted derivative\"", layer, layer, layer);
        print("  %-8s %-11s %-11s %-16s %-11s", "example", unitName(step, layer, unit), "l" + layer + "_error",
                "nonlin(l" + layer + ",True)", "l" + layer + "_delta");
        for (int e = 0; e < step.layer(0).rows(); e++) {
            double activation = step.layer(layer).get(e, unit);
            double slope = step.slope(layer).get(e, unit);
            boolean confident = slope < CONFIDENT_SLOPE;
            String so;
            if (!confident) {
                so = "wishy-washy: updated most heavily";
            } else if (!output) {
                so = "confident: left alone (times a slope near 0)";
            } else if (right(activation, targets[e][unit])) {
                so = "confident and right: a VERY small update";
            } else {
                so = "confident but wrong: left alone (times a slope near 0)";
            }
            print("  %-8d %-11s %-11s %-16s %-11s %s", e, number(activation),
                    number(step.error(layer).get(e, unit)), number(slope), number(step.delta(layer).get(e, unit)), so);
        }
    }

    /** Each weight of one group (same matrix, same unit fed): input_value * delta, example by example, summed. */
    private void update(TrainingStep step, int to, int k, List<Weight> group) {
        String rate = step.learningRate() == 1 ? "" : "alpha * ";
        print("syn%d += %snp.dot(l%d.T, l%d_delta): \"weight_update = input_value * l%d_delta\", each example,"
                + " then summed", k, rate, k, k + 1, k + 1);
        int examples = step.layer(0).rows();
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-32s", ""));
        StringBuilder deltas = new StringBuilder(String.format(Locale.ROOT, "  %-32s", "l" + (k + 1) + "_delta[e][" + to + "]"));
        WeightStory any = step.explain(k, group.get(0).from(), to);
        for (int e = 0; e < examples; e++) {
            header.append(String.format(Locale.ROOT, " %10s", "example " + e));
            deltas.append(String.format(Locale.ROOT, " %10s", number(any.delta(e))));
        }
        header.append(String.format(Locale.ROOT, " %10s", "sum"));
        print("%s", header);
        print("%s", deltas);
        for (Weight weight : group) {
            WeightStory story = step.explain(k, weight.from(), weight.to());
            StringBuilder input = new StringBuilder(String.format(Locale.ROOT, "  %-12s%-20s", weight,
                    "input l" + k + "[e][" + weight.from() + "]"));
            StringBuilder updates = new StringBuilder(String.format(Locale.ROOT, "  %-12s%-20s", "", "weight_update"));
            for (int e = 0; e < examples; e++) {
                input.append(String.format(Locale.ROOT, " %10s", k == 0 ? value(story.input(e)) : number(story.input(e))));
                updates.append(String.format(Locale.ROOT, " %10s", number(story.update(e))));
            }
            updates.append(String.format(Locale.ROOT, " %10s", number(story.update())));
            print("%s", input);
            print("%s", updates);
            print("  %-12s%s -> %s: %s", "", weight(story.before()), weight(story.after()), verdict(story));
        }
    }

    /**
     * Which way the examples push the weight: all one way (it grows or shrinks consistently), both ways but mostly
     * one (at least half of the pushes survive the sum), or cancelling out.
     */
    static String verdict(WeightStory story) {
        if (!story.examplesAgree()) {
            if (story.agreement() >= MOSTLY) {
                return String.format(Locale.ROOT, "examples push it both ways, mostly %s (agreement %.2f)",
                        story.update() > 0 ? "up" : "down", story.agreement());
            }
            return String.format(Locale.ROOT, "examples push it both ways, cancelling out (agreement %.2f)",
                    story.agreement());
        }
        double sum = story.update();
        if (sum == 0) {
            return "no example pushes it";
        }
        return sum > 0 ? "every example pushes it up (or not at all): it grows consistently"
                : "every example pushes it down (or not at all): it shrinks consistently";
    }

    private void conclude(List<TrainingStep> shown, List<Weight> explained) {
        TrainingStep first = shown.get(0);
        TrainingStep last = shown.get(shown.size() - 1);
        print("=== From step %d to step %d ===", first.step(), last.step());
        for (Weight weight : explained) {
            boolean agreed = shown.stream().allMatch(step -> step.explain(weight.k(), weight.from(), weight.to())
                    .examplesAgree());
            print("  %-12s%s -> %s: %s", weight,
                    weight(first.weightsBefore(weight.k()).get(weight.from(), weight.to())),
                    weight(last.weights(weight.k()).get(weight.from(), weight.to())),
                    agreed ? "every example pushed it the same way at every step shown"
                            : "pushed both ways, \"cancelling out progress\"");
        }
        print("sum of |weight_update| over these weights: %s at step %d, %s at step %d:",
                number(pushes(first, explained)), first.step(), number(pushes(last, explained)), last.step());
        print("  \"A small error and a small slope means a VERY small update.\"");
        if (choice == Choice.TWO_LAYER) {
            print("Where an input is 1, y = 1 pushes its weight up and y = 0 pushes it down (an input 0 does not push).");
            print("The first input goes with y, so its weight grows while the others cancel out:");
            print("  the network learns \"based on correlations between the input and output\".");
        } else {
            print("In XOR no input alone goes with y: the hidden layer l1 learns combinations of inputs that do,");
            print("  and syn1 learns from those.");
        }
    }

    /** Prints one line, without the padding of a table's last column. */
    private void print(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args).stripTrailing());
    }

    private static double pushes(TrainingStep step, List<Weight> explained) {
        double sum = 0;
        for (Weight weight : explained) {
            WeightStory story = step.explain(weight.k(), weight.from(), weight.to());
            for (int e = 0; e < story.examples(); e++) {
                sum += Math.abs(story.update(e));
            }
        }
        return sum;
    }

    private static Map<Weight, List<Weight>> groups(List<Weight> explained, int k) {
        Map<Weight, List<Weight>> groups = new LinkedHashMap<>();
        for (Weight weight : explained) {
            if (weight.k() == k) {
                groups.computeIfAbsent(new Weight(k, 0, weight.to()), key -> new ArrayList<>()).add(weight);
            }
        }
        return groups;
    }

    private static boolean right(double prediction, double y) {
        return (prediction >= 0.5) == (y >= 0.5);
    }

    private static String unitName(TrainingStep step, int layer, int unit) {
        return step.layer(layer).columns() == 1 ? "l" + layer : "l" + layer + "[e][" + unit + "]";
    }

    private static String inputs(TrainingStep step, int example) {
        StringBuilder text = new StringBuilder("[");
        for (double input : step.layer(0).row(example)) {
            text.append(text.length() > 1 ? " " : "").append(value(input));
        }
        return text.append(']').toString();
    }

    /** A number as the example prints it: 4 significant digits ("0.2690", "-9.253e-05"), or 0. */
    static String number(double value) {
        return value == 0 ? "0" : String.format(Locale.ROOT, "%.4g", value);
    }

    /** A weight before or after an update: 7 significant digits, so that a VERY small update still shows. */
    static String weight(double value) {
        return value == 0 ? "0" : String.format(Locale.ROOT, "%.7g", value);
    }

    /** An input or target: whole numbers as such ("0", "1"), others as {@link #number(double)}. */
    static String value(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e9 ? Long.toString((long) value) : number(value);
    }
}
