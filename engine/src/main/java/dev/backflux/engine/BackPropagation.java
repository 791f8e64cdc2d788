package dev.backflux.engine;

import dev.backflux.api.Activation;
import dev.backflux.api.DropoutGradient;
import dev.backflux.engine.kernels.ActivationKernels;
import dev.backflux.engine.kernels.MatrixKernels;

/**
 * The arithmetic of the tutorial over row-major {@code double[]} arrays: the forward pass and one
 * full-batch back-propagation step. Knows nothing of Reactor.
 *
 * <p>Every array a step returns is freshly allocated and never written again, so a snapshot may wrap it
 * without copying. Arrays passed in (inputs, targets, weights) are only read.
 */
final class BackPropagation {

    private final int[] sizes;
    private final Activation activation;
    private final double learningRate;
    private final DropoutGradient dropoutGradient;

    /**
     * @param sizes the units of every layer, input first
     * @param activation the activation of every non-input layer
     * @param learningRate α in {@code W += α · Lᵀ · D}
     */
    BackPropagation(int[] sizes, Activation activation, double learningRate) {
        this(sizes, activation, learningRate, DropoutGradient.TEXTBOOK);
    }

    /**
     * @param dropoutGradient how the hidden deltas pass through the layers with dropout, in {@link #step} with masks
     */
    BackPropagation(int[] sizes, Activation activation, double learningRate, DropoutGradient dropoutGradient) {
        this.sizes = sizes;
        this.activation = activation;
        this.learningRate = learningRate;
        this.dropoutGradient = dropoutGradient;
    }

    /** The arrays of one step; see {@link dev.backflux.api.TrainingStep} for their meaning. */
    static final class Result {
        /** Layers {@code L0 .. Ln}; {@code L0} is the inputs array itself. */
        final double[][] layers;
        /** {@code errors[k]} is the error of layer {@code k + 1}. */
        final double[][] errors;
        /** {@code deltas[k]} is the delta of layer {@code k + 1}. */
        final double[][] deltas;
        /** The weights after the update. */
        final double[][] weights;
        /** {@code mean(|errors[n - 1]|)}. */
        final double meanAbsoluteError;
        /** What dropout did in this step, or null for a run without dropout (one field: no cost per step). */
        final Dropout dropout;

        Result(double[][] layers, double[][] errors, double[][] deltas, double[][] weights, double meanAbsoluteError,
               Dropout dropout) {
            this.layers = layers;
            this.errors = errors;
            this.deltas = deltas;
            this.weights = weights;
            this.meanAbsoluteError = meanAbsoluteError;
            this.dropout = dropout;
        }
    }

    /** The dropout of one step: by layer, the mask and the activation before it (null where none), and the gradient. */
    static final class Dropout {
        /** By layer: the mask applied (0 or the scale), or null for a layer without dropout. */
        final double[][] masks;
        /** By layer: the activation before its mask, where a mask was applied. */
        final double[][] unmasked;
        final DropoutGradient gradient;
        /** The generator's outputs drawn once this step's masks were, counted from its seeding. */
        final long draws;

        Dropout(double[][] masks, double[][] unmasked, DropoutGradient gradient, long draws) {
            this.masks = masks;
            this.unmasked = unmasked;
            this.gradient = gradient;
            this.draws = draws;
        }
    }

    /**
     * Runs the forward pass {@code L_{k+1} = f(L_k · W_k)}.
     *
     * @return the layers {@code L0 .. Ln}, {@code L0} being {@code inputs} itself
     */
    double[][] forward(double[] inputs, int examples, double[][] weights) {
        return forward(inputs, examples, weights, null, null, null, null);
    }

    /**
     * Runs the forward pass; when {@code weightedSums} is not null, also keeps each layer's input
     * {@code L_k · W_k} (before the activation) at index {@code k + 1}.
     */
    private double[][] forward(double[] inputs, int examples, double[][] weights, double[][] weightedSums,
            DropoutMasks dropout, double[][] masks, double[][] unmasked) {
        double[][] layers = new double[sizes.length][];
        layers[0] = inputs;
        for (int k = 0; k < weights.length; k++) {
            double[] next = new double[examples * sizes[k + 1]];
            if (weightedSums == null) {
                MatrixKernels.multiplyAndActivate(layers[k], weights[k], next, examples, sizes[k], sizes[k + 1],
                        activation);
            } else {
                MatrixKernels.multiply(layers[k], weights[k], next, examples, sizes[k], sizes[k + 1]);
                weightedSums[k + 1] = next.clone();
                activation.apply(next);
            }
            if (dropout != null && dropout.applies(k + 1)) {
                // layer_1 *= np.random.binomial(...)[0] * (1.0 / (1 - p)), the unmasked layer kept for the slope.
                double[] mask = dropout.draw(k + 1, next.length);
                unmasked[k + 1] = next.clone();
                for (int i = 0; i < next.length; i++) {
                    next[i] *= mask[i];
                }
                masks[k + 1] = mask;
            }
            layers[k + 1] = next;
        }
        return layers;
    }

    /**
     * Computes one full-batch step from {@code weights}: forward pass, errors and deltas from the output
     * layer down (each hidden error through the weights <em>before</em> the update), then every weight
     * matrix updated from the same forward pass.
     */
    Result step(double[] inputs, double[] targets, int examples, double[][] weights) {
        return step(inputs, targets, examples, weights, null);
    }

    /**
     * Computes one full-batch step, with dropout on the layers {@code dropout} applies to (null for none): each
     * such layer is masked in the forward pass, and its delta made as {@link DropoutGradient} says.
     */
    Result step(double[] inputs, double[] targets, int examples, double[][] weights, DropoutMasks dropout) {
        int n = weights.length;
        boolean fromOutput = activation.hasDerivativeFromOutput();
        double[][] weightedSums = fromOutput ? null : new double[sizes.length][];
        double[][] masks = dropout == null ? null : new double[sizes.length][];
        double[][] unmasked = dropout == null ? null : new double[sizes.length][];
        double[][] layers = forward(inputs, examples, weights, weightedSums, dropout, masks, unmasked);
        double[][] errors = new double[n][];
        double[][] deltas = new double[n][];

        double[] output = layers[n];
        double[] outputError = new double[output.length];
        for (int i = 0; i < output.length; i++) {
            outputError[i] = targets[i] - output[i];
        }
        errors[n - 1] = outputError;

        for (int k = n - 1; k >= 0; k--) {
            double[] error = errors[k];
            double[] delta = new double[error.length];
            double[] mask = masks == null ? null : masks[k + 1];
            if (fromOutput && mask == null) {
                // error * f'(out) in one pass.
                ActivationKernels.delta(activation, layers[k + 1], error, delta);
            } else {
                slopes(activation, dropoutGradient, fromOutput ? layers[k + 1] : weightedSums[k + 1], mask,
                        unmasked == null ? null : unmasked[k + 1], fromOutput, delta);
                for (int i = 0; i < delta.length; i++) {
                    delta[i] = error[i] * delta[i];
                }
            }
            deltas[k] = delta;
            if (k > 0) {
                double[] below = new double[examples * sizes[k]];
                MatrixKernels.multiplyTransposedB(delta, weights[k], below, examples, sizes[k + 1], sizes[k]);
                errors[k - 1] = below;
            }
        }

        double[][] updated = new double[n][];
        for (int k = 0; k < n; k++) {
            double[] w = new double[weights[k].length];
            MatrixKernels.multiplyTransposedA(layers[k], deltas[k], w, examples, sizes[k], sizes[k + 1]);
            double[] old = weights[k];
            for (int i = 0; i < w.length; i++) {
                w[i] = old[i] + learningRate * w[i];
            }
            updated[k] = w;
        }
        return new Result(layers, errors, deltas, updated, meanAbsolute(outputError),
                masks == null ? null : new Dropout(masks, unmasked, dropoutGradient, dropout.draws()));
    }

    /**
     * Writes a layer's slopes into {@code slopes} (for a step and for its snapshot's views): from its outputs ({@code values}) or its weighted sums when the
     * activation has no derivative from its output, with dropout's mask (or null for none) applied as the run's
     * {@link DropoutGradient} says.
     */
    static void slopes(Activation activation, DropoutGradient dropoutGradient, double[] values, double[] mask,
                       double[] unmasked, boolean fromOutput, double[] slopes) {
        boolean textbookDropout = mask != null && dropoutGradient == DropoutGradient.TEXTBOOK;
        if (fromOutput) {
            // TUTORIAL dropout takes the slope of the masked layer, as layer_1 * (1 - layer_1) does.
            activation.derivativeFromOutput(textbookDropout ? unmasked : values, slopes);
        } else {
            activation.derivative(values, slopes);
        }
        if (textbookDropout) {
            for (int i = 0; i < slopes.length; i++) {
                slopes[i] = slopes[i] * mask[i];
            }
        } else if (mask != null) {
            // The tutorial's slope of a dropped unit, 0 * (1 - 0), is 0 for its sigmoid; keep it 0 for any
            // activation (tanh's slope at 0 is 1), so that no error flows into a dropped unit.
            for (int i = 0; i < slopes.length; i++) {
                if (mask[i] == 0) {
                    slopes[i] = 0;
                }
            }
        }
    }

    /** Returns {@code mean(|values|)}, summed in index order. */
    static double meanAbsolute(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += Math.abs(value);
        }
        return sum / values.length;
    }

    /** Returns {@code mean(|targets - outputs|)}. */
    static double meanAbsoluteDifference(double[] targets, double[] outputs) {
        double sum = 0;
        for (int i = 0; i < targets.length; i++) {
            sum += Math.abs(targets[i] - outputs[i]);
        }
        return sum / targets.length;
    }

    /** Returns the index of the first weight matrix holding a NaN or infinite value, or -1. */
    static int firstNonFinite(double[][] weights) {
        for (int k = 0; k < weights.length; k++) {
            for (double w : weights[k]) {
                if (!Double.isFinite(w)) {
                    return k;
                }
            }
        }
        return -1;
    }
}
