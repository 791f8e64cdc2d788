package dev.backflux.engine;

import dev.backflux.api.Activation;
import dev.backflux.api.Matrix;
import dev.backflux.api.TrainedNetwork;
import dev.backflux.api.internal.DenseMatrix;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** A {@link TrainedNetwork} over the read-only weights of a snapshot. */
final class FixedWeightsNetwork implements TrainedNetwork {

    private final int[] sizes;
    private final Activation activation;
    private final List<Matrix> weights;
    private final BackPropagation math;

    FixedWeightsNetwork(int[] sizes, Activation activation, List<Matrix> weights) {
        this.sizes = sizes;
        this.activation = activation;
        this.weights = weights;
        this.math = new BackPropagation(sizes, activation, 0);
    }

    @Override
    public int[] layerSizes() {
        return sizes.clone();
    }

    @Override
    public Activation activation() {
        return activation;
    }

    @Override
    public List<Matrix> weights() {
        return weights;
    }

    @Override
    public Matrix predict(double[][] inputs) {
        DenseMatrix matrix = DenseMatrix.copyOf("inputs", inputs, true);
        if (matrix.columns() != sizes[0]) {
            throw new IllegalArgumentException("inputs: expected " + sizes[0]
                    + " columns (the input layer size), actual " + matrix.columns());
        }
        return DenseMatrix.wrap(matrix.rows(), sizes[sizes.length - 1], forward(DenseMatrix.readOnlyData(matrix), matrix.rows()));
    }

    @Override
    public double[] predict(double... input) {
        Objects.requireNonNull(input, "input");
        if (input.length != sizes[0]) {
            throw new IllegalArgumentException("input: expected " + sizes[0]
                    + " values (the input layer size), actual " + input.length);
        }
        return predict(new double[][] {input}).row(0);
    }

    private double[] forward(double[] inputs, int examples) {
        double[][] w = new double[weights.size()][];
        for (int k = 0; k < w.length; k++) {
            w[k] = DenseMatrix.readOnlyData(weights.get(k));
        }
        double[][] layers = math.forward(inputs, examples, w);
        return layers[layers.length - 1];
    }

    @Override
    public String toString() {
        return "TrainedNetwork" + Arrays.toString(sizes) + " activation=" + activation;
    }
}
