package dev.backflux.engine;

import dev.backflux.api.Activation;
import dev.backflux.api.Matrix;
import dev.backflux.api.TrainedNetwork;
import dev.backflux.api.TrainingStep;
import dev.backflux.api.internal.DenseMatrix;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/** A {@link TrainingStep} that wraps the fresh arrays of one step without copying them. */
final class Snapshot implements TrainingStep {

    private final long step;
    private final int[] sizes;
    private final Activation activation;
    private final List<Matrix> layers;
    private final Matrix[] errors;
    private final Matrix[] deltas;
    private final List<Matrix> weights;
    private final double[][] weightArrays;
    private final double meanAbsoluteError;
    private final OptionalDouble validationMeanAbsoluteError;

    Snapshot(long step, int[] sizes, Activation activation, Matrix inputs, BackPropagation.Result result,
             OptionalDouble validationMeanAbsoluteError) {
        this.step = step;
        this.sizes = sizes;
        this.activation = activation;
        int examples = inputs.rows();
        int n = sizes.length - 1;
        Matrix[] layerMatrices = new Matrix[n + 1];
        Matrix[] errorMatrices = new Matrix[n];
        Matrix[] deltaMatrices = new Matrix[n];
        Matrix[] weightMatrices = new Matrix[n];
        layerMatrices[0] = inputs;
        for (int k = 0; k < n; k++) {
            layerMatrices[k + 1] = DenseMatrix.wrap(examples, sizes[k + 1], result.layers[k + 1]);
            errorMatrices[k] = DenseMatrix.wrap(examples, sizes[k + 1], result.errors[k]);
            deltaMatrices[k] = DenseMatrix.wrap(examples, sizes[k + 1], result.deltas[k]);
            weightMatrices[k] = DenseMatrix.wrap(sizes[k], sizes[k + 1], result.weights[k]);
        }
        this.layers = List.of(layerMatrices);
        this.errors = errorMatrices;
        this.deltas = deltaMatrices;
        this.weights = List.of(weightMatrices);
        this.weightArrays = result.weights;
        this.meanAbsoluteError = result.meanAbsoluteError;
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
        return layers;
    }

    @Override
    public Matrix layer(int layer) {
        return layers.get(Objects.checkIndex(layer, layers.size()));
    }

    @Override
    public Matrix output() {
        return layers.get(layers.size() - 1);
    }

    @Override
    public Matrix error(int layer) {
        return errors[nonInputLayer(layer) - 1];
    }

    @Override
    public Matrix delta(int layer) {
        return deltas[nonInputLayer(layer) - 1];
    }

    @Override
    public List<Matrix> weights() {
        return weights;
    }

    @Override
    public Matrix weights(int k) {
        return weights.get(Objects.checkIndex(k, weights.size()));
    }

    @Override
    public double meanAbsoluteError() {
        return meanAbsoluteError;
    }

    @Override
    public OptionalDouble validationMeanAbsoluteError() {
        return validationMeanAbsoluteError;
    }

    @Override
    public TrainedNetwork network() {
        return new FixedWeightsNetwork(sizes, activation, weightArrays, weights);
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
        return "TrainingStep[step=" + step + ", meanAbsoluteError=" + meanAbsoluteError
                + (validationMeanAbsoluteError.isPresent()
                ? ", validationMeanAbsoluteError=" + validationMeanAbsoluteError.getAsDouble() : "") + "]";
    }
}
