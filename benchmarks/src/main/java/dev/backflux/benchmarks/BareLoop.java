package dev.backflux.benchmarks;

import dev.backflux.api.Activation;

/**
 * The floor: the tutorial's arithmetic for any depth as a hand-written Java loop, with every array allocated
 * once and updated in place, no snapshot, no stream. The same products, in the same order, as the engine.
 */
final class BareLoop {

    /** The engine's sigmoid, value by value: the same exponential ({@code Exp}), the same bits. */
    private static final Activation SIGMOID = Activation.sigmoid();

    private final int[] sizes;
    private final int examples;
    private final double learningRate;
    private final double[] targets;
    private final double[][] layers;
    private final double[][] errors;
    private final double[][] deltas;
    private final double[][] weights;
    private final double[][] changes;

    BareLoop(int[] sizes, double[] inputs, double[] targets, int examples, double[][] weights, double learningRate) {
        this.sizes = sizes;
        this.examples = examples;
        this.learningRate = learningRate;
        this.targets = targets;
        int n = sizes.length - 1;
        this.layers = new double[n + 1][];
        this.errors = new double[n][];
        this.deltas = new double[n][];
        this.changes = new double[n][];
        this.weights = new double[n][];
        layers[0] = inputs;
        for (int k = 0; k < n; k++) {
            layers[k + 1] = new double[examples * sizes[k + 1]];
            errors[k] = new double[examples * sizes[k + 1]];
            deltas[k] = new double[examples * sizes[k + 1]];
            changes[k] = new double[sizes[k] * sizes[k + 1]];
            this.weights[k] = weights[k].clone();
        }
    }

    /** One full-batch step; returns the mean absolute output error of its forward pass. */
    double step() {
        int n = sizes.length - 1;
        for (int k = 0; k < n; k++) {
            double[] in = layers[k];
            double[] out = layers[k + 1];
            double[] w = weights[k];
            int rows = sizes[k];
            int columns = sizes[k + 1];
            java.util.Arrays.fill(out, 0);
            for (int e = 0; e < examples; e++) {
                for (int p = 0; p < rows; p++) {
                    double a = in[e * rows + p];
                    for (int j = 0; j < columns; j++) {
                        out[e * columns + j] += a * w[p * columns + j];
                    }
                }
            }
            for (int i = 0; i < out.length; i++) {
                out[i] = SIGMOID.apply(out[i]);
            }
        }
        double sum = 0;
        double[] output = layers[n];
        for (int i = 0; i < output.length; i++) {
            errors[n - 1][i] = targets[i] - output[i];
            sum += Math.abs(errors[n - 1][i]);
        }
        for (int k = n - 1; k >= 0; k--) {
            double[] out = layers[k + 1];
            for (int i = 0; i < out.length; i++) {
                deltas[k][i] = errors[k][i] * (out[i] * (1.0 - out[i]));
            }
            if (k > 0) {
                int rows = sizes[k];
                int columns = sizes[k + 1];
                double[] below = errors[k - 1];
                for (int e = 0; e < examples; e++) {
                    for (int p = 0; p < rows; p++) {
                        double s = 0;
                        for (int j = 0; j < columns; j++) {
                            s += deltas[k][e * columns + j] * weights[k][p * columns + j];
                        }
                        below[e * rows + p] = s;
                    }
                }
            }
        }
        for (int k = 0; k < n; k++) {
            int rows = sizes[k];
            int columns = sizes[k + 1];
            double[] change = changes[k];
            java.util.Arrays.fill(change, 0);
            for (int e = 0; e < examples; e++) {
                for (int p = 0; p < rows; p++) {
                    double a = layers[k][e * rows + p];
                    for (int j = 0; j < columns; j++) {
                        change[p * columns + j] += a * deltas[k][e * columns + j];
                    }
                }
            }
            double[] w = weights[k];
            for (int i = 0; i < w.length; i++) {
                w[i] += learningRate * change[i];
            }
        }
        return sum / output.length;
    }
}
