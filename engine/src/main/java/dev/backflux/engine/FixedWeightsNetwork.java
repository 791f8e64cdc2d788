package dev.backflux.engine;

import dev.backflux.api.Activation;
import dev.backflux.api.Matrix;
import dev.backflux.api.TrainedNetwork;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;

/** A {@link TrainedNetwork} over the weights of a snapshot: arrays the engine wrote once and never writes again. */
final class FixedWeightsNetwork implements TrainedNetwork {

    private final int[] sizes;
    private final Activation activation;
    private final ActivationSource source;
    private final double[][] weightArrays;
    private final List<Matrix> weights;
    private final BackPropagation math;

    FixedWeightsNetwork(int[] sizes, Activation activation, ActivationSource source, double[][] weightArrays,
            List<Matrix> weights) {
        this.sizes = sizes;
        this.activation = activation;
        this.source = source;
        this.weightArrays = weightArrays;
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
    public Optional<String> activationPlugin() {
        return source == null ? Optional.empty() : Optional.of(source.pluginId());
    }

    @Override
    public Map<String, String> activationOptions() {
        return source == null ? Map.of() : source.options();
    }

    @Override
    public List<Matrix> weights() {
        return weights;
    }

    @Override
    public Matrix predict(double[][] inputs) {
        double[] data = MatrixViews.access().rowMajorCopyOf("inputs", inputs);
        if (inputs[0].length != sizes[0]) {
            throw new IllegalArgumentException("inputs: expected " + sizes[0]
                    + " columns (the input layer size), actual " + inputs[0].length);
        }
        return MatrixViews.wrap(inputs.length, sizes[sizes.length - 1], output(data, inputs.length));
    }

    @Override
    public double[] predict(double... input) {
        Objects.requireNonNull(input, "input");
        if (input.length != sizes[0]) {
            throw new IllegalArgumentException("input: expected " + sizes[0]
                    + " values (the input layer size), actual " + input.length);
        }
        MatrixViews.access().checkFinite("input", input);
        return output(input.clone(), 1);
    }

    private double[] output(double[] inputs, int examples) {
        double[][] layers = math.forward(inputs, examples, weightArrays);
        return layers[layers.length - 1];
    }

    @Override
    public String toString() {
        return "TrainedNetwork" + Arrays.toString(sizes) + " activation=" + activation;
    }
}
