package dev.backflux.api;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The description of a feed-forward network to train: its layer sizes, its activation, its learning
 * rate and where its initial weights come from.
 *
 * <p>A network has at least two layers, the input layer first and the output layer last, and one
 * weight matrix between each pair of neighbouring layers: {@code weights(k)} has shape
 * {@code layerSize(k) x layerSize(k + 1)}. There are no bias units: as in the tutorial, a constant
 * input column plays that role.
 *
 * <p>Defaults are the tutorial's: the sigmoid activation, learning rate 1.0, and initial weights drawn
 * from seed 1 exactly as numpy's {@code np.random.seed(1)} followed by {@code 2 * np.random.random(shape) - 1}
 * for each matrix in turn. Instances are immutable and validated when built.
 *
 * <pre>{@code
 * Network network = Network.builder().layerSizes(3, 4, 1).learningRate(0.5).seed(42).build();
 * }</pre>
 */
public final class Network {

    /** The seed of the tutorial, used when neither a seed nor explicit weights are given. */
    public static final long DEFAULT_SEED = 1;

    /** The learning rate of the tutorial's Part 1, used when none is given. */
    public static final double DEFAULT_LEARNING_RATE = 1.0;

    /** The largest seed numpy's legacy {@code seed(int)} accepts: 2<sup>32</sup> - 1. */
    public static final long MAX_SEED = 0xFFFF_FFFFL;

    private final int[] layerSizes;
    private final Activation activation;
    private final boolean defaultActivation;
    private final double learningRate;
    private final long seed;
    private final List<Matrix> initialWeights;
    private final double[] dropout;
    private final DropoutGradient dropoutGradient;
    /** The seed set by {@link Builder#dropoutStream}, or -1. */
    private final long dropoutStreamSeed;
    /** The outputs skipped by {@link Builder#dropoutStream}, or -1. */
    private final long dropoutStreamDraws;

    private Network(Builder builder) {
        this.layerSizes = builder.layerSizes;
        this.activation = builder.activation;
        this.defaultActivation = builder.defaultActivation;
        this.learningRate = builder.learningRate;
        this.seed = builder.seed;
        this.initialWeights = builder.initialWeights;
        this.dropout = builder.dropout();
        this.dropoutGradient = builder.dropoutGradient;
        this.dropoutStreamSeed = builder.dropoutStreamSeed;
        this.dropoutStreamDraws = builder.dropoutStreamDraws;
    }

    /**
     * Returns a network with the given layer sizes and every other setting at its default.
     *
     * @param layerSizes the number of units of each layer, input first; at least two, each at least 1
     * @return the network, never {@code null}
     * @throws NullPointerException if {@code layerSizes} is {@code null}
     * @throws IllegalArgumentException if there are fewer than two layers or a size is below 1
     */
    public static Network of(int... layerSizes) {
        return builder().layerSizes(layerSizes).build();
    }

    /**
     * Returns a new builder with the default activation, learning rate and seed, and no layer sizes yet.
     *
     * @return a new builder, never {@code null}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder preset with every setting of this network, to derive a variant of it.
     *
     * @return a new builder, never {@code null}
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.layerSizes = layerSizes;
        builder.activation = activation;
        builder.defaultActivation = defaultActivation;
        builder.learningRate = learningRate;
        builder.seed = seed;
        builder.initialWeights = initialWeights;
        for (int layer = 0; layer < dropout.length; layer++) {
            if (dropout[layer] > 0) {
                builder.dropoutRates.put(layer, dropout[layer]);
            }
        }
        builder.dropoutGradient = dropoutGradient;
        builder.dropoutStreamSeed = dropoutStreamSeed;
        builder.dropoutStreamDraws = dropoutStreamDraws;
        return builder;
    }

    /**
     * Returns the number of layers, input and output included.
     *
     * @return at least 2
     */
    public int layerCount() {
        return layerSizes.length;
    }

    /**
     * Returns the number of units of one layer.
     *
     * @param layer the layer, 0 for the input layer to {@code layerCount() - 1} for the output layer
     * @return at least 1
     * @throws IndexOutOfBoundsException if {@code layer} is out of range
     */
    public int layerSize(int layer) {
        Objects.checkIndex(layer, layerSizes.length);
        return layerSizes[layer];
    }

    /**
     * Returns the number of units of every layer, input first.
     *
     * @return a new array that the caller owns
     */
    public int[] layerSizes() {
        return layerSizes.clone();
    }

    /**
     * Returns the activation of every non-input layer.
     *
     * @return the activation, never {@code null}
     */
    public Activation activation() {
        return activation;
    }

    /**
     * Tells whether the activation is the default sigmoid because none was set with
     * {@link Builder#activation(Activation)}: only then may a run's activation plugin supply another. An
     * activation set explicitly, even {@link Activation#sigmoid()}, conflicts with an activation plugin.
     *
     * @return {@code true} if no activation was set
     */
    public boolean hasDefaultActivation() {
        return defaultActivation;
    }

    /**
     * Returns the learning rate α of the update {@code W += α · Lᵀ · D}.
     *
     * @return a finite value, at least 0
     */
    public double learningRate() {
        return learningRate;
    }

    /**
     * Returns the seed the initial weights are drawn from, or nothing when they were given explicitly.
     *
     * @return the seed, in {@code [0, MAX_SEED]}, or an empty optional
     */
    public OptionalLong seed() {
        return initialWeights == null ? OptionalLong.of(seed) : OptionalLong.empty();
    }

    /**
     * Returns the explicit initial weights, or nothing when they are drawn from a seed.
     *
     * @return one matrix per pair of neighbouring layers, or an empty optional; never {@code null}
     */
    public Optional<List<Matrix>> initialWeights() {
        return Optional.ofNullable(initialWeights);
    }

    /**
     * Returns the dropout rate of a layer during training: the probability that each of its units is dropped
     * (set to 0) in a step, the kept ones being scaled by {@code 1 / (1 − rate)}.
     *
     * @param layer a layer index, input 0
     * @return the rate in {@code [0, 1)}; 0 for a layer without dropout, and always for the input and output
     * @throws IndexOutOfBoundsException if {@code layer} is not a layer of this network, naming the valid range
     */
    public double dropout(int layer) {
        if (layer < 0 || layer >= layerSizes.length) {
            throw new IndexOutOfBoundsException("layer: expected a layer in [0, " + (layerSizes.length - 1)
                    + "], actual " + layer);
        }
        return dropout[layer];
    }

    /**
     * Tells whether any hidden layer has dropout.
     *
     * @return {@code true} if a layer's dropout rate is above 0
     */
    public boolean hasDropout() {
        for (double rate : dropout) {
            if (rate > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns how back-propagation passes through the layers with dropout.
     *
     * @return the gradient, {@link DropoutGradient#TEXTBOOK} unless set
     */
    public DropoutGradient dropoutGradient() {
        return dropoutGradient;
    }

    /**
     * Returns the seed of the generator the dropout masks are drawn from: the one set by
     * {@link Builder#dropoutStream(long, long)}, else the weights' seed, whose stream the masks continue after the
     * weights are drawn (as the tutorial's script does), or {@link #DEFAULT_SEED} when the weights were given
     * explicitly.
     *
     * @return the seed
     */
    public long dropoutSeed() {
        if (dropoutStreamSeed >= 0) {
            return dropoutStreamSeed;
        }
        return initialWeights == null ? seed : DEFAULT_SEED;
    }

    /**
     * Returns how many 32-bit outputs of the {@link #dropoutSeed()} generator the run skips before its first
     * mask, when set by {@link Builder#dropoutStream(long, long)} to resume a run.
     *
     * @return the outputs skipped, or an empty optional when the masks continue the weights' stream (or start
     *         {@link #DEFAULT_SEED}'s, with explicit weights)
     */
    public OptionalLong dropoutDraws() {
        return dropoutStreamDraws < 0 ? OptionalLong.empty() : OptionalLong.of(dropoutStreamDraws);
    }

    @Override
    public String toString() {
        return "Network" + Arrays.toString(layerSizes) + " activation=" + activation
                + " learningRate=" + learningRate
                + (initialWeights == null ? " seed=" + seed : " explicit weights")
                + (hasDropout() ? " dropout=" + Arrays.toString(dropout) + " " + dropoutGradient : "");
    }

    /**
     * Builds a {@link Network}. Each setter checks its argument at once; {@link #build()} checks that the
     * settings fit together. The last of {@link #seed(long)} and {@link #weights(double[][]...)} wins.
     */
    public static final class Builder {

        private int[] layerSizes;
        private Activation activation = Activation.sigmoid();
        private boolean defaultActivation = true;
        private double learningRate = DEFAULT_LEARNING_RATE;
        private long seed = DEFAULT_SEED;
        private List<Matrix> initialWeights;
        private final java.util.Map<Integer, Double> dropoutRates = new java.util.TreeMap<>();
        private DropoutGradient dropoutGradient = DropoutGradient.TEXTBOOK;
        private long dropoutStreamSeed = -1;
        private long dropoutStreamDraws = -1;

        private Builder() {
        }

        /**
         * Drops units of a hidden layer during training, as the tutorial's Part 3 does: in each step every unit of
         * the layer is kept with probability {@code 1 − rate} and then scaled by {@code 1 / (1 − rate)}, or dropped
         * (set to 0), for each example, with masks drawn as numpy's {@code np.random.binomial(1, 1 - rate)} draws
         * them from the run's seeded generator. Predictions and the validation error use the whole network,
         * unscaled (inverted dropout).
         *
         * <p>A step's {@link TrainingStep#meanAbsoluteError()} is then the masked network's error, as the tutorial's
         * script computes it: it moves with the masks. To judge the whole network, to stop early or to keep the best
         * step, give the run validation data ({@link TrainingData#withValidation}), whose error uses the whole network
         * and which early stopping and a run's best step follow.
         *
         * <p>The masks continue the stream of the weights' seed; with explicit weights they come from
         * {@link #DEFAULT_SEED}'s stream ({@link Network#dropoutSeed()}).
         *
         * <p>Dropout is part of the network, like its learning rate, rather than a plugin: it changes the forward
         * and the backward pass inside the step, and its masks continue the weights' random stream, which only
         * the engine holds; a plugin sees finished steps.
         *
         * @param layer a hidden layer, in {@code [1, layers − 2]}; checked by {@link #build()}
         * @param rate the probability of dropping a unit, in {@code [0, 1)}; 0 removes dropout from the layer (and
         *             lifts the layer check)
         * @return this builder
         * @throws IllegalArgumentException if {@code rate} is NaN or outside {@code [0, 1)}
         */
        public Builder dropout(int layer, double rate) {
            if (!(rate >= 0 && rate < 1)) {
                throw new IllegalArgumentException("dropout: expected a rate in [0, 1) for layer " + layer
                        + ", actual " + rate);
            }
            if (rate == 0) {
                dropoutRates.remove(layer);
            } else {
                dropoutRates.put(layer, rate);
            }
            return this;
        }

        /**
         * Sets how back-propagation passes through the layers with dropout; {@link DropoutGradient#TEXTBOOK} by
         * default, {@link DropoutGradient#TUTORIAL} to reproduce the tutorial's Part 3 script.
         *
         * @param gradient the gradient
         * @return this builder
         * @throws NullPointerException if {@code gradient} is {@code null}
         */
        public Builder dropoutGradient(DropoutGradient gradient) {
            this.dropoutGradient = Objects.requireNonNull(gradient, "gradient");
            return this;
        }

        /**
         * Makes the dropout masks continue a generator where a run left it, to resume that run exactly: the
         * generator is seeded with {@code seed} and {@code draws} of its 32-bit outputs are skipped before the first
         * mask is drawn. Take both from the run's network and the step to resume from:
         * {@code dropoutStream(run.dropoutSeed(), step.dropoutDraws().getAsLong())}, with the step's weights and
         * {@code Training.Builder.firstStep(step.step() + 1)}. Skipping draws nothing: it moves the generator on,
         * regenerating its state once per 624 outputs skipped.
         *
         * @param seed the generator's seed, in {@code [0, MAX_SEED]}
         * @param draws the outputs to skip, at least 0
         * @return this builder
         * @throws IllegalArgumentException if {@code seed} or {@code draws} is out of range, naming it, the range
         *                                  and the value
         */
        public Builder dropoutStream(long seed, long draws) {
            if (seed < 0 || seed > MAX_SEED) {
                throw new IllegalArgumentException("dropoutStream: expected a seed in [0, " + MAX_SEED + "], actual "
                        + seed);
            }
            if (draws < 0) {
                throw new IllegalArgumentException("dropoutStream: expected draws of at least 0, actual " + draws);
            }
            this.dropoutStreamSeed = seed;
            this.dropoutStreamDraws = draws;
            return this;
        }

        private double[] dropout() {
            double[] rates = new double[layerSizes.length];
            dropoutRates.forEach((layer, rate) -> rates[layer] = rate);
            return rates;
        }

        /**
         * Sets the number of units of each layer, input first.
         *
         * @param layerSizes at least two sizes, each at least 1
         * @return this builder
         * @throws NullPointerException if {@code layerSizes} is {@code null}
         * @throws IllegalArgumentException if there are fewer than two sizes or one is below 1,
         *                                  naming the expected and the actual value
         */
        public Builder layerSizes(int... layerSizes) {
            Objects.requireNonNull(layerSizes, "layerSizes");
            if (layerSizes.length < 2) {
                throw new IllegalArgumentException("layerSizes: expected at least 2 layers (input and output), actual "
                        + layerSizes.length + ": " + Arrays.toString(layerSizes));
            }
            for (int i = 0; i < layerSizes.length; i++) {
                if (layerSizes[i] < 1) {
                    throw new IllegalArgumentException("layerSizes[" + i + "]: expected a layer size of at least 1, actual "
                            + layerSizes[i] + " in " + Arrays.toString(layerSizes));
                }
            }
            for (int k = 0; k + 1 < layerSizes.length; k++) {
                long weights = (long) layerSizes[k] * layerSizes[k + 1];
                if (weights > DenseMatrix.MAX_ELEMENTS) {
                    throw new IllegalArgumentException("layerSizes: weights(" + k + ") expected at most "
                            + DenseMatrix.MAX_ELEMENTS + " elements, actual " + layerSizes[k] + "x"
                            + layerSizes[k + 1] + " = " + weights + " in " + Arrays.toString(layerSizes));
                }
            }
            this.layerSizes = layerSizes.clone();
            return this;
        }

        /**
         * Sets the activation of every non-input layer; the default is {@link Activation#sigmoid()}.
         *
         * @param activation the activation
         * @return this builder
         * @throws NullPointerException if {@code activation} is {@code null}
         */
        public Builder activation(Activation activation) {
            this.activation = Objects.requireNonNull(activation, "activation");
            this.defaultActivation = false;
            return this;
        }

        /**
         * Sets the learning rate α; the default is 1.0, as in the tutorial's Part 1.
         *
         * @param learningRate a finite value, at least 0
         * @return this builder
         * @throws IllegalArgumentException if {@code learningRate} is NaN, infinite or negative
         */
        public Builder learningRate(double learningRate) {
            if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("learningRate: expected a finite value >= 0, actual " + learningRate);
            }
            this.learningRate = learningRate;
            return this;
        }

        /**
         * Draws the initial weights from this seed, as numpy's legacy {@code np.random.seed(seed)} would;
         * the default is 1. Replaces explicit weights given before.
         *
         * @param seed a value in {@code [0, MAX_SEED]}, the range numpy accepts
         * @return this builder
         * @throws IllegalArgumentException if {@code seed} is out of range
         */
        public Builder seed(long seed) {
            if (seed < 0 || seed > MAX_SEED) {
                throw new IllegalArgumentException("seed: expected a value in [0, " + MAX_SEED
                        + "] (numpy's legacy seeding), actual " + seed);
            }
            this.seed = seed;
            this.initialWeights = null;
            return this;
        }

        /**
         * Starts from these weights instead of drawing them from a seed: one matrix per pair of
         * neighbouring layers, {@code weights[k]} of shape {@code layerSize(k) x layerSize(k + 1)}.
         * The values are copied. Replaces a seed given before.
         *
         * @param weights the weight matrices, in layer order; finite values
         * @return this builder
         * @throws NullPointerException if {@code weights} or a matrix or a row is {@code null}
         * @throws IllegalArgumentException if a matrix is empty, ragged or holds a NaN or infinite value;
         *                                  shapes are checked against the layer sizes by {@link #build()}
         */
        public Builder weights(double[][]... weights) {
            Objects.requireNonNull(weights, "weights");
            Matrix[] copies = new Matrix[weights.length];
            for (int k = 0; k < weights.length; k++) {
                copies[k] = DenseMatrix.copyOf("weights[" + k + "]", weights[k], true);
            }
            this.initialWeights = List.of(copies);
            return this;
        }

        /**
         * Builds the network.
         *
         * @return a new immutable network, never {@code null}
         * @throws IllegalStateException if no layer sizes were set
         * @throws IllegalArgumentException if explicit weights do not fit the layer sizes, naming the matrix,
         *                                  the expected and the actual shape, or if dropout is set on a layer
         *                                  that is not hidden
         */
        public Network build() {
            if (layerSizes == null) {
                throw new IllegalStateException("layerSizes: expected at least 2 layers, actual none: call layerSizes(...)");
            }
            if (initialWeights != null) {
                checkWeightShapes();
            }
            for (int layer : dropoutRates.keySet()) {
                if (layerSizes.length == 2) {
                    throw new IllegalArgumentException("dropout: expected a hidden layer, actual layer " + layer
                            + " of layer sizes " + Arrays.toString(layerSizes) + ", which have none");
                }
                if (layer < 1 || layer > layerSizes.length - 2) {
                    throw new IllegalArgumentException("dropout: expected a hidden layer in [1, " + (layerSizes.length - 2)
                            + "] for layer sizes " + Arrays.toString(layerSizes) + ", actual " + layer
                            + (layer == 0 ? " (the input layer)" : layer == layerSizes.length - 1 ? " (the output layer)" : ""));
                }
            }
            return new Network(this);
        }

        private void checkWeightShapes() {
            String sizes = Arrays.toString(layerSizes);
            if (initialWeights.size() != layerSizes.length - 1) {
                throw new IllegalArgumentException("weights: expected " + (layerSizes.length - 1)
                        + " matrices for layer sizes " + sizes + ", actual " + initialWeights.size());
            }
            for (int k = 0; k < initialWeights.size(); k++) {
                Matrix w = initialWeights.get(k);
                if (w.rows() != layerSizes[k] || w.columns() != layerSizes[k + 1]) {
                    throw new IllegalArgumentException("weights[" + k + "]: expected " + layerSizes[k] + "x"
                            + layerSizes[k + 1] + " for layer sizes " + sizes + ", actual "
                            + w.rows() + "x" + w.columns());
                }
            }
        }
    }
}
