package dev.backflux.api;

import java.util.Objects;
import java.util.Optional;

/**
 * The examples a network trains on: inputs and targets, one example a row, and optionally a
 * validation part that is evaluated at every step but never trained on.
 *
 * <p>The arrays are copied and checked when the data is built: no empty or ragged rows, as many
 * target rows as input rows, only finite values. Instances are immutable.
 *
 * <pre>{@code
 * TrainingData xor = TrainingData.of(
 *         new double[][] {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}},
 *         new double[][] {{0}, {1}, {1}, {0}});
 * }</pre>
 */
public final class TrainingData {

    private final Matrix inputs;
    private final Matrix targets;
    private final Matrix validationInputs;
    private final Matrix validationTargets;
    private final InputScaling inputScaling;

    private TrainingData(Matrix inputs, Matrix targets, Matrix validationInputs, Matrix validationTargets,
            InputScaling inputScaling) {
        this.inputs = inputs;
        this.targets = targets;
        this.validationInputs = validationInputs;
        this.validationTargets = validationTargets;
        this.inputScaling = inputScaling;
    }

    /**
     * Returns training data without a validation part.
     *
     * @param inputs one example a row; at least one row and one column, rectangular, finite
     * @param targets the wanted output of each example; as many rows as {@code inputs}, rectangular, finite
     * @return the data, independent of the given arrays; never {@code null}
     * @throws NullPointerException if an array or a row is {@code null}, naming it
     * @throws IllegalArgumentException if an array is empty or ragged, holds a NaN or infinite value, or the
     *                                  row counts differ, naming the argument, the expected and the actual value
     */
    public static TrainingData of(double[][] inputs, double[][] targets) {
        Matrix in = DenseMatrix.copyOf("inputs", inputs, true);
        Matrix out = DenseMatrix.copyOf("targets", targets, true);
        checkRows("targets", out, "inputs", in);
        return new TrainingData(in, out, null, null, null);
    }

    /**
     * Returns training data from matrices, without copying them: every {@link Matrix} is read-only (a sealed type
     * that only Backflux implements, over an array nobody else holds).
     *
     * @param inputs one example a row; finite
     * @param targets the wanted output of each example; as many rows as {@code inputs}, finite
     * @return the data, never {@code null}
     * @throws NullPointerException if a matrix is {@code null}
     * @throws IllegalArgumentException if a matrix holds a NaN or infinite value or the row counts differ, naming
     *                                  the argument, the expected and the actual value
     */
    public static TrainingData of(Matrix inputs, Matrix targets) {
        Matrix in = DenseMatrix.checkedOf("inputs", Objects.requireNonNull(inputs, "inputs"));
        Matrix out = DenseMatrix.checkedOf("targets", Objects.requireNonNull(targets, "targets"));
        checkRows("targets", out, "inputs", in);
        return new TrainingData(in, out, null, null, null);
    }

    /**
     * Returns a copy of this data with a validation part, replacing any it had.
     *
     * @param inputs validation examples, one a row, as wide as the training inputs; finite
     * @param targets their wanted outputs, as many rows as {@code inputs}, as wide as the training targets; finite
     * @return new data, never {@code null}
     * @throws NullPointerException if an array or a row is {@code null}, naming it
     * @throws IllegalArgumentException if an array is empty, ragged, holds a NaN or infinite value, or its
     *                                  shape does not match, naming the argument, the expected and the actual value
     */
    public TrainingData withValidation(double[][] inputs, double[][] targets) {
        Matrix in = DenseMatrix.copyOf("validationInputs", inputs, true);
        Matrix out = DenseMatrix.copyOf("validationTargets", targets, true);
        checkRows("validationTargets", out, "validationInputs", in);
        checkColumns("validationInputs", in, "inputs", this.inputs);
        checkColumns("validationTargets", out, "targets", this.targets);
        return new TrainingData(this.inputs, this.targets, in, out, inputScaling);
    }

    /**
     * Returns a copy of this data with a validation part from matrices, which are read-only and not copied.
     *
     * @param inputs validation examples, as wide as the training inputs; finite
     * @param targets their wanted outputs, as many rows as {@code inputs}, as wide as the training targets; finite
     * @return new data, never {@code null}
     * @throws NullPointerException if a matrix is {@code null}
     * @throws IllegalArgumentException if a matrix holds a NaN or infinite value or its shape does not match,
     *                                  naming the argument, the expected and the actual value
     */
    public TrainingData withValidation(Matrix inputs, Matrix targets) {
        Matrix in = DenseMatrix.checkedOf("validationInputs", Objects.requireNonNull(inputs, "inputs"));
        Matrix out = DenseMatrix.checkedOf("validationTargets", Objects.requireNonNull(targets, "targets"));
        checkRows("validationTargets", out, "validationInputs", in);
        checkColumns("validationInputs", in, "inputs", this.inputs);
        checkColumns("validationTargets", out, "targets", this.targets);
        return new TrainingData(this.inputs, this.targets, in, out, inputScaling);
    }

    /**
     * Returns a copy of this data that records how its inputs were scaled from raw values: a network trained on
     * it and saved keeps the scaling, and its predictions from raw inputs apply it.
     *
     * @param scaling the scaling the inputs went through, as wide as the inputs
     * @return new data, never {@code null}
     * @throws NullPointerException if {@code scaling} is {@code null}
     * @throws IllegalArgumentException if {@code scaling} is not as wide as the inputs
     */
    public TrainingData withInputScaling(InputScaling scaling) {
        Objects.requireNonNull(scaling, "scaling");
        if (scaling.columns() != inputs.columns()) {
            throw new IllegalArgumentException("scaling: expected " + inputs.columns() + " columns (as inputs),"
                    + " actual " + scaling.columns());
        }
        return new TrainingData(inputs, targets, validationInputs, validationTargets, scaling);
    }

    /**
     * Returns how the inputs were scaled from raw values, if recorded.
     *
     * @return the scaling, or an empty optional; never {@code null}
     */
    public Optional<InputScaling> inputScaling() {
        return Optional.ofNullable(inputScaling);
    }

    private static void checkRows(String name, Matrix matrix, String otherName, Matrix other) {
        if (matrix.rows() != other.rows()) {
            throw new IllegalArgumentException(name + ": expected " + other.rows() + " rows (one per row of "
                    + otherName + "), actual " + matrix.rows());
        }
    }

    private static void checkColumns(String name, Matrix matrix, String otherName, Matrix other) {
        if (matrix.columns() != other.columns()) {
            throw new IllegalArgumentException(name + ": expected " + other.columns() + " columns (as "
                    + otherName + "), actual " + matrix.columns());
        }
    }

    /**
     * Returns the training inputs, one example a row.
     *
     * @return the inputs, never {@code null}
     */
    public Matrix inputs() {
        return inputs;
    }

    /**
     * Returns the training targets, one example a row.
     *
     * @return the targets, never {@code null}
     */
    public Matrix targets() {
        return targets;
    }

    /**
     * Returns the number of training examples.
     *
     * @return at least 1
     */
    public int size() {
        return inputs.rows();
    }

    /**
     * Tells whether this data has a validation part.
     *
     * @return {@code true} if {@link #withValidation} gave one
     */
    public boolean hasValidation() {
        return validationInputs != null;
    }

    /**
     * Returns the validation inputs, if any.
     *
     * @return the validation inputs, or an empty optional; never {@code null}
     */
    public Optional<Matrix> validationInputs() {
        return Optional.ofNullable(validationInputs);
    }

    /**
     * Returns the validation targets, if any.
     *
     * @return the validation targets, or an empty optional; never {@code null}
     */
    public Optional<Matrix> validationTargets() {
        return Optional.ofNullable(validationTargets);
    }

    @Override
    public String toString() {
        return "TrainingData[" + inputs.rows() + " examples, " + inputs.columns() + " inputs, "
                + targets.columns() + " targets" + (hasValidation()
                ? ", " + validationInputs.rows() + " validation examples]" : "]");
    }

    /** Used by {@link Trainer}: checks that the data fits the network's first and last layer, and its layers fit in arrays. */
    void checkFits(Network network) {
        int rows = Math.max(inputs.rows(), hasValidation() ? validationInputs.rows() : 0);
        for (int layer = 0; layer < network.layerCount(); layer++) {
            long elements = (long) rows * network.layerSize(layer);
            if (elements > DenseMatrix.MAX_ELEMENTS) {
                throw new IllegalArgumentException("data: layer " + layer + " of " + rows + " examples expected at most "
                        + DenseMatrix.MAX_ELEMENTS + " elements, actual " + rows + "x" + network.layerSize(layer)
                        + " = " + elements);
            }
        }
        int first = network.layerSize(0);
        int last = network.layerSize(network.layerCount() - 1);
        if (inputs.columns() != first) {
            throw new IllegalArgumentException("data: inputs expected " + first + " columns (the input layer size of "
                    + network + "), actual " + inputs.columns());
        }
        if (targets.columns() != last) {
            throw new IllegalArgumentException("data: targets expected " + last + " columns (the output layer size of "
                    + network + "), actual " + targets.columns());
        }
    }
}
