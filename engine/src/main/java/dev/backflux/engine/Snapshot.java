package dev.backflux.engine;

import dev.backflux.api.Activation;
import dev.backflux.api.DropoutGradient;
import dev.backflux.api.Matrix;
import dev.backflux.api.TrainedNetwork;
import dev.backflux.api.TrainingStep;
import dev.backflux.api.WeightStory;
import dev.backflux.engine.kernels.MatrixKernels;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A {@link TrainingStep} over the fresh arrays of one step, which nothing writes again. The read-only matrix
 * views are made when asked for: a subscriber that reads only the error pays for no view.
 */
final class Snapshot implements TrainingStep {

    private final long step;
    private final int[] sizes;
    private final int examples;
    private final Activation activation;
    /** Where the activation came from, or null; for the trained network only. */
    private final ActivationSource source;
    private final double learningRate;
    private final Matrix inputs;
    /** The weights this step started from: the previous step's weights after its update, never written. */
    private final double[][] weightsBefore;
    private final BackPropagation.Result result;
    private final OptionalDouble validationMeanAbsoluteError;

    Snapshot(long step, int[] sizes, Activation activation, ActivationSource source, double learningRate,
             Matrix inputs, double[][] weightsBefore, BackPropagation.Result result,
             OptionalDouble validationMeanAbsoluteError) {
        this.step = step;
        this.sizes = sizes;
        this.examples = inputs.rows();
        this.activation = activation;
        this.source = source;
        this.learningRate = learningRate;
        this.inputs = inputs;
        this.weightsBefore = weightsBefore;
        this.result = result;
        this.validationMeanAbsoluteError = validationMeanAbsoluteError;
    }

    @Override
    public long step() {
        return step;
    }

    @Override
    public int layerCount() {
        return sizes.length;
    }

    @Override
    public List<Matrix> layers() {
        Matrix[] layers = new Matrix[sizes.length];
        for (int layer = 0; layer < layers.length; layer++) {
            layers[layer] = layer(layer);
        }
        return List.of(layers);
    }

    @Override
    public Matrix layer(int layer) {
        if (layer < 0 || layer >= sizes.length) {
            throw new IndexOutOfBoundsException("layer: expected a layer in [0, " + (sizes.length - 1) + "], actual "
                    + layer);
        }
        return layer == 0 ? inputs : MatrixViews.wrap(examples, sizes[layer], result.layers[layer]);
    }

    @Override
    public Matrix output() {
        return layer(sizes.length - 1);
    }

    @Override
    public Matrix error(int layer) {
        return MatrixViews.wrap(examples, sizes[nonInputLayer(layer)], result.errors[layer - 1]);
    }

    @Override
    public Matrix delta(int layer) {
        return MatrixViews.wrap(examples, sizes[nonInputLayer(layer)], result.deltas[layer - 1]);
    }

    @Override
    public List<Matrix> weights() {
        Matrix[] weights = new Matrix[sizes.length - 1];
        for (int k = 0; k < weights.length; k++) {
            weights[k] = weights(k);
        }
        return List.of(weights);
    }

    @Override
    public Matrix weights(int k) {
        weightMatrix(k);
        return MatrixViews.wrap(sizes[k], sizes[k + 1], result.weights[k]);
    }

    @Override
    public double meanAbsoluteError() {
        return result.meanAbsoluteError;
    }

    @Override
    public OptionalDouble validationMeanAbsoluteError() {
        return validationMeanAbsoluteError;
    }

    @Override
    public TrainedNetwork network() {
        return new FixedWeightsNetwork(sizes, activation, source, result.weights, weights());
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public Matrix slope(int layer) {
        nonInputLayer(layer);
        double[] slopes = new double[examples * sizes[layer]];
        double[] mask = mask(layer);
        boolean fromOutput = activation.hasDerivativeFromOutput();
        BackPropagation.slopes(activation, mask == null ? null : result.dropout.gradient,
                fromOutput ? result.layers[layer] : weightedInput(layer), mask,
                mask == null ? null : result.dropout.unmasked[layer], fromOutput, slopes);
        return MatrixViews.wrap(examples, sizes[layer], slopes);
    }

    /** The dropout mask applied to a layer in this step, or null when none was. */
    private double[] mask(int layer) {
        return result.dropout == null ? null : result.dropout.masks[layer];
    }

    @Override
    public OptionalLong dropoutDraws() {
        return result.dropout == null ? OptionalLong.empty() : OptionalLong.of(result.dropout.draws);
    }

    @Override
    public Matrix dropoutMask(int layer) {
        layer(layer);
        double[] mask = mask(layer);
        if (mask == null) {
            mask = new double[examples * sizes[layer]];
            java.util.Arrays.fill(mask, 1.0);
        }
        return MatrixViews.wrap(examples, sizes[layer], mask);
    }

    /** The input of a layer before the activation, {@code L_{layer-1} · W_{layer-1}}, as the forward pass computed it. */
    private double[] weightedInput(int layer) {
        double[] input = new double[examples * sizes[layer]];
        MatrixKernels.multiply(result.layers[layer - 1], weightsBefore[layer - 1], input, examples, sizes[layer - 1],
                sizes[layer]);
        return input;
    }

    @Override
    public Matrix weightsBefore(int k) {
        weightMatrix(k);
        return MatrixViews.wrap(sizes[k], sizes[k + 1], weightsBefore[k]);
    }

    @Override
    public Matrix update(int k) {
        weightMatrix(k);
        double[] update = new double[sizes[k] * sizes[k + 1]];
        MatrixKernels.multiplyTransposedA(result.layers[k], result.deltas[k], update, examples, sizes[k], sizes[k + 1]);
        for (int i = 0; i < update.length; i++) {
            update[i] = learningRate * update[i];
        }
        return MatrixViews.wrap(sizes[k], sizes[k + 1], update);
    }

    @Override
    public Matrix update(int k, int example) {
        weightMatrix(k);
        example(example);
        int rows = sizes[k];
        int columns = sizes[k + 1];
        double[] layer = result.layers[k];
        double[] delta = result.deltas[k];
        double[] share = new double[rows * columns];
        for (int i = 0; i < rows; i++) {
            double input = layer[example * rows + i];
            for (int j = 0; j < columns; j++) {
                share[i * columns + j] = learningRate * (input * delta[example * columns + j]);
            }
        }
        return MatrixViews.wrap(rows, columns, share);
    }

    @Override
    public Matrix agreement(int k) {
        weightMatrix(k);
        int rows = sizes[k];
        int columns = sizes[k + 1];
        double[] layer = result.layers[k];
        double[] delta = result.deltas[k];
        double[] sum = new double[rows * columns];
        double[] magnitude = new double[rows * columns];
        for (int e = 0; e < examples; e++) {
            for (int i = 0; i < rows; i++) {
                double input = layer[e * rows + i];
                for (int j = 0; j < columns; j++) {
                    double share = learningRate * (input * delta[e * columns + j]);
                    sum[i * columns + j] += share;
                    magnitude[i * columns + j] += Math.abs(share);
                }
            }
        }
        for (int w = 0; w < sum.length; w++) {
            sum[w] = magnitude[w] == 0 ? 1 : Math.min(1, Math.abs(sum[w]) / magnitude[w]);
        }
        return MatrixViews.wrap(rows, columns, sum);
    }

    @Override
    public WeightStory explain(int k, int from, int to) {
        weightMatrix(k);
        int rows = sizes[k];
        int columns = sizes[k + 1];
        if (from < 0 || from >= rows) {
            throw new IndexOutOfBoundsException("from: expected a unit of layer " + k + " in [0, " + (rows - 1)
                    + "], actual " + from);
        }
        if (to < 0 || to >= columns) {
            throw new IndexOutOfBoundsException("to: expected a unit of layer " + (k + 1) + " in [0, " + (columns - 1)
                    + "], actual " + to);
        }
        double[] inputs = new double[examples];
        double[] errors = new double[examples];
        double[] slopes = new double[examples];
        double[] deltas = new double[examples];
        double[] layer = result.layers[k];
        double[] output = result.layers[k + 1];
        double[] mask = mask(k + 1);
        boolean textbookDropout = mask != null && result.dropout.gradient == DropoutGradient.TEXTBOOK;
        double[] unmasked = textbookDropout ? result.dropout.unmasked[k + 1] : null;
        for (int e = 0; e < examples; e++) {
            inputs[e] = layer[e * rows + from];
            errors[e] = result.errors[k][e * columns + to];
            deltas[e] = result.deltas[k][e * columns + to];
            int unit = e * columns + to;
            slopes[e] = activation.hasDerivativeFromOutput()
                    ? activation.derivativeFromOutput(textbookDropout ? unmasked[unit] : output[unit])
                    : activation.derivative(weightedInput(layer, e, rows, weightsBefore[k], to, columns));
            if (textbookDropout) {
                slopes[e] = slopes[e] * mask[unit];
            } else if (mask != null && mask[unit] == 0) {
                slopes[e] = 0;
            }
        }
        return WeightStory.of(step, k, from, to, learningRate, inputs, errors, slopes, deltas,
                weightsBefore[k][from * columns + to], result.weights[k][from * columns + to]);
    }

    /** One example's input of one unit, {@code Σᵢ L[e][i] · W[i][to]}, in index order. */
    private static double weightedInput(double[] layer, int example, int rows, double[] weights, int to, int columns) {
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            sum += layer[example * rows + i] * weights[i * columns + to];
        }
        return sum;
    }

    private void weightMatrix(int k) {
        if (k < 0 || k >= sizes.length - 1) {
            throw new IndexOutOfBoundsException("k: expected a weight matrix in [0, " + (sizes.length - 2)
                    + "], actual " + k);
        }
    }

    private void example(int example) {
        if (example < 0 || example >= examples) {
            throw new IndexOutOfBoundsException("example: expected an index in [0, " + (examples - 1)
                    + "], actual " + example);
        }
    }

    private int nonInputLayer(int layer) {
        if (layer < 1 || layer >= sizes.length) {
            throw new IndexOutOfBoundsException("layer: expected a non-input layer in [1, " + (sizes.length - 1)
                    + "], actual " + layer);
        }
        return layer;
    }

    @Override
    public String toString() {
        return "TrainingStep[step=" + step + ", meanAbsoluteError=" + result.meanAbsoluteError
                + (validationMeanAbsoluteError.isPresent()
                ? ", validationMeanAbsoluteError=" + validationMeanAbsoluteError.getAsDouble() : "") + "]";
    }
}
