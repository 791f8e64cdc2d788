package dev.backflux.engine;

import dev.backflux.api.Activation;
import dev.backflux.api.Matrix;
import dev.backflux.api.TrainedNetwork;
import dev.backflux.api.TrainingStep;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A {@link TrainingStep} over the fresh arrays of one step, which nothing writes again. The read-only matrix
 * views are made when asked for: a subscriber that reads only the error pays for no view.
 */
final class Snapshot implements TrainingStep {

    private final long step;
    private final int[] sizes;
    private final int examples;
    private final Activation activation;
    private final Matrix inputs;
    private final BackPropagation.Result result;
    private final OptionalDouble validationMeanAbsoluteError;

    Snapshot(long step, int[] sizes, Activation activation, Matrix inputs, BackPropagation.Result result,
             OptionalDouble validationMeanAbsoluteError) {
        this.step = step;
        this.sizes = sizes;
        this.examples = inputs.rows();
        this.activation = activation;
        this.inputs = inputs;
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
        Objects.checkIndex(layer, sizes.length);
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
        Objects.checkIndex(k, sizes.length - 1);
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
        return new FixedWeightsNetwork(sizes, activation, result.weights, weights());
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
