package dev.backflux.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * One weight at one step, explained as the tutorial explains the weight update: for each example, the value
 * of the input the weight reads ({@code l0}), the error of the unit it feeds ({@code l1_error}), the slope of
 * that unit ({@code nonlin(l1, True)}), their product the delta ({@code l1_delta}), and the update the example
 * asks for ({@code input × delta}, times the learning rate); then the sum of those updates, which full batch
 * applies ({@code syn0 += l0.T.dot(l1_delta)}), the weight before and after, and whether the examples agree.
 * Obtained from {@link TrainingStep#explain(int, int, int)}; {@link #toString()} prints it as a small table.
 *
 * <p>"A confident, correct prediction (small error, small slope) gives a VERY small update"; "when an input
 * and the output are both 1, the weight between them grows": each row shows it with the run's own numbers.
 * Immutable.
 */
public final class WeightStory {

    private final long step;
    private final int matrix;
    private final int from;
    private final int to;
    private final double learningRate;
    private final double[] inputs;
    private final double[] errors;
    private final double[] slopes;
    private final double[] deltas;
    private final double before;
    private final double after;

    private WeightStory(long step, int matrix, int from, int to, double learningRate, double[] inputs,
                        double[] errors, double[] slopes, double[] deltas, double before, double after) {
        this.step = step;
        this.matrix = matrix;
        this.from = from;
        this.to = to;
        this.learningRate = learningRate;
        this.inputs = inputs;
        this.errors = errors;
        this.slopes = slopes;
        this.deltas = deltas;
        this.before = before;
        this.after = after;
    }

    /**
     * Tells one weight's story; for engines, which know the numbers. The arrays are copied.
     *
     * @param step the step's index
     * @param matrix the weight matrix {@code k}, between layers {@code k} and {@code k + 1}
     * @param from the unit of layer {@code k} the weight reads (its row)
     * @param to the unit of layer {@code k + 1} it feeds (its column)
     * @param learningRate α
     * @param inputs per example, layer {@code k}'s value at {@code from}
     * @param errors per example, layer {@code k + 1}'s error at {@code to}
     * @param slopes per example, the activation's slope at layer {@code k + 1}'s unit {@code to}
     * @param deltas per example, layer {@code k + 1}'s delta at {@code to}
     * @param before the weight before the step's update
     * @param after the weight after it
     * @return the story, never {@code null}
     * @throws NullPointerException if an array is {@code null}
     * @throws IllegalArgumentException if the arrays are empty or of different lengths
     */
    public static WeightStory of(long step, int matrix, int from, int to, double learningRate, double[] inputs,
                                 double[] errors, double[] slopes, double[] deltas, double before, double after) {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(errors, "errors");
        Objects.requireNonNull(slopes, "slopes");
        Objects.requireNonNull(deltas, "deltas");
        int examples = inputs.length;
        if (examples == 0 || errors.length != examples || slopes.length != examples || deltas.length != examples) {
            throw new IllegalArgumentException("inputs, errors, slopes, deltas: expected one value per example, the"
                    + " same number (at least 1) in each, actual " + inputs.length + ", " + errors.length + ", "
                    + slopes.length + ", " + deltas.length);
        }
        return new WeightStory(step, matrix, from, to, learningRate, inputs.clone(), errors.clone(), slopes.clone(),
                deltas.clone(), before, after);
    }

    /**
     * Returns the index of the step this story explains.
     *
     * @return the step's index
     */
    public long step() {
        return step;
    }

    /**
     * Returns which weight matrix the weight is in.
     *
     * @return the weight matrix {@code k}, between layers {@code k} and {@code k + 1}
     */
    public int matrix() {
        return matrix;
    }

    /**
     * Returns the unit the weight reads.
     *
     * @return the unit of layer {@code k} the weight reads: its row in the matrix
     */
    public int from() {
        return from;
    }

    /**
     * Returns the unit the weight feeds.
     *
     * @return the unit of layer {@code k + 1} the weight feeds: its column in the matrix
     */
    public int to() {
        return to;
    }

    /**
     * Returns how many examples pushed the weight.
     *
     * @return the number of examples, each a row of the story
     */
    public int examples() {
        return inputs.length;
    }

    /**
     * Returns the value the weight reads for one example: {@code l0[e][from]} in the tutorial's two-layer code.
     *
     * @param example 0 to {@code examples() - 1}
     * @return the input value
     * @throws IndexOutOfBoundsException if {@code example} is out of range
     */
    public double input(int example) {
        return inputs[check(example)];
    }

    /**
     * Returns the error of the unit the weight feeds, for one example: {@code l1_error[e][to]}.
     *
     * @param example 0 to {@code examples() - 1}
     * @return the error
     * @throws IndexOutOfBoundsException if {@code example} is out of range
     */
    public double error(int example) {
        return errors[check(example)];
    }

    /**
     * Returns the slope of the activation at the unit the weight feeds, for one example:
     * {@code nonlin(l1, True)[e][to]}. Near 0 where the network was confident.
     *
     * @param example 0 to {@code examples() - 1}
     * @return the slope
     * @throws IndexOutOfBoundsException if {@code example} is out of range
     */
    public double slope(int example) {
        return slopes[check(example)];
    }

    /**
     * Returns the error weighted derivative for one example: {@code l1_delta[e][to] = error × slope}.
     *
     * @param example 0 to {@code examples() - 1}
     * @return the delta
     * @throws IndexOutOfBoundsException if {@code example} is out of range
     */
    public double delta(int example) {
        return deltas[check(example)];
    }

    /**
     * Returns the update one example asks for: {@code α × input × delta}.
     *
     * @param example 0 to {@code examples() - 1}
     * @return the update
     * @throws IndexOutOfBoundsException if {@code example} is out of range
     */
    public double update(int example) {
        int e = check(example);
        return learningRate * (inputs[e] * deltas[e]);
    }

    /**
     * Returns the sum of every example's update, in example order: what full batch applies. It equals
     * {@code after() - before()} up to rounding.
     *
     * @return the summed update
     */
    public double update() {
        double sum = 0;
        for (int e = 0; e < inputs.length; e++) {
            sum += update(e);
        }
        return sum;
    }

    /**
     * Returns how much of the examples' pushes survive their sum, {@code |Σ update(e)| / Σ |update(e)|}:
     * 1 when every example pushes the weight the same way (or none pushes it), near 0 when they cancel out.
     *
     * @return a value in [0, 1]
     */
    public double agreement() {
        double sum = 0;
        double magnitude = 0;
        for (int e = 0; e < inputs.length; e++) {
            double u = update(e);
            sum += u;
            magnitude += Math.abs(u);
        }
        return magnitude == 0 ? 1 : Math.min(1, Math.abs(sum) / magnitude);
    }

    /**
     * Tells whether every example that pushes the weight pushes it the same way (an update of 0 pushes
     * neither way).
     *
     * @return {@code true} if no two updates have opposite signs
     */
    public boolean examplesAgree() {
        boolean up = false;
        boolean down = false;
        for (int e = 0; e < inputs.length; e++) {
            double u = update(e);
            up |= u > 0;
            down |= u < 0;
        }
        return !(up && down);
    }

    /**
     * Returns the weight as the step found it, {@code syn[from][to]} before its update.
     *
     * @return the weight before the step's update
     */
    public double before() {
        return before;
    }

    /**
     * Returns the weight as the step left it, {@code syn[from][to]} after its update.
     *
     * @return the weight after the step's update
     */
    public double after() {
        return after;
    }

    /**
     * Prints the story as a table a learner can read beside the tutorial: one row per example, then the sum,
     * the weight before and after, and whether the examples agree. Numbers have 8 significant digits.
     */
    @Override
    public String toString() {
        String input = "l" + matrix;
        String output = "l" + (matrix + 1);
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "weights %d[%d][%d] (%s unit %d -> %s unit %d) at step %d, learning rate %s%n",
                matrix, from, to, input, from, output, to, step, number(learningRate)));
        String format = "%8s %16s %16s %16s %16s %16s%n";
        text.append(String.format(Locale.ROOT, format, "example", input, output + "_error", "slope", output + "_delta",
                "update"));
        for (int e = 0; e < inputs.length; e++) {
            text.append(String.format(Locale.ROOT, format, e, number(inputs[e]), number(errors[e]), number(slopes[e]),
                    number(deltas[e]), number(update(e))));
        }
        text.append(String.format(Locale.ROOT, "sum of the updates: %s%n", number(update())));
        text.append(String.format(Locale.ROOT, "weight before: %s, after: %s%n", number(before), number(after)));
        text.append(examplesAgree()
                ? "every example pushes the weight the same way"
                : "the examples push the weight both ways")
                .append(String.format(Locale.ROOT, " (agreement %.2f)", agreement()));
        return text.toString();
    }

    private static String number(double value) {
        if (value == 0) {
            return "0";
        }
        return String.format(Locale.ROOT, "%.8g", value).replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2")
                .replaceFirst("\\.(e|$)", "$1");
    }

    private int check(int example) {
        if (example < 0 || example >= inputs.length) {
            throw new IndexOutOfBoundsException("example: expected an index in [0, " + (inputs.length - 1)
                    + "], actual " + example);
        }
        return example;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof WeightStory)) {
            return false;
        }
        WeightStory that = (WeightStory) other;
        return step == that.step && matrix == that.matrix && from == that.from && to == that.to
                && Double.compare(learningRate, that.learningRate) == 0 && Arrays.equals(inputs, that.inputs)
                && Arrays.equals(errors, that.errors) && Arrays.equals(slopes, that.slopes)
                && Arrays.equals(deltas, that.deltas) && Double.compare(before, that.before) == 0
                && Double.compare(after, that.after) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(step, matrix, from, to, Arrays.hashCode(inputs), Arrays.hashCode(deltas));
    }
}
