package dev.backflux.files;

import dev.backflux.api.Activation;
import dev.backflux.api.DropoutGradient;
import dev.backflux.api.InputScaling;
import dev.backflux.api.Matrix;
import dev.backflux.api.Network;
import dev.backflux.api.TrainedNetwork;
import dev.backflux.api.Trainer;
import dev.backflux.api.spi.ActivationPlugin;
import dev.backflux.api.spi.Plugin;
import dev.backflux.api.spi.PluginOptions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A network read from a file {@link NetworkFile} wrote: its layers, activation (a plugin's id and options), learning
 * rate, seed, the step it was taken at, its weights and metadata. {@link #trained()} predicts exactly what the
 * saved network did; {@link #network()} is a network to train on from these weights.
 */
public final class SavedNetwork {

    private final int[] layers;
    private final String activationPlugin;
    private final Map<String, String> activationOptions;
    private final Activation activation;
    private final double learningRate;
    private final Long seed;
    private final Long step;
    private final List<Matrix> weights;
    private final Dropout dropout;
    private final InputScaling scaling;
    private final Map<String, Object> metadata;

    /** A saved network's dropout: each layer's rate, the gradient, and where its masks' generator was. */
    record Dropout(double[] rates, DropoutGradient gradient, long seed, long draws) {
    }

    SavedNetwork(int[] layers, String activationPlugin, Map<String, String> activationOptions, Activation activation,
            double learningRate, Long seed, Long step, List<Matrix> weights, Dropout dropout, InputScaling scaling,
            Map<String, Object> metadata) {
        this.scaling = scaling;
        this.layers = layers.clone();
        this.activationPlugin = activationPlugin;
        this.activationOptions = Map.copyOf(activationOptions);
        this.activation = activation;
        this.learningRate = learningRate;
        this.seed = seed;
        this.step = step;
        this.weights = List.copyOf(weights);
        this.dropout = dropout;
        this.metadata = Map.copyOf(metadata);
    }

    /** The activation of a plugin with options, as a run selecting that plugin would have it. */
    static Activation activation(Plugin plugin, Map<String, String> options) {
        return ((ActivationPlugin) plugin).activation(PluginOptions.of(plugin, options));
    }

    /**
     * Returns the number of units of each layer, input first.
     *
     * @return a new array
     */
    public int[] layerSizes() {
        return layers.clone();
    }

    /**
     * Returns the id of the plugin whose activation the network uses.
     *
     * @return the id, such as {@code sigmoid} or {@code tanh}
     */
    public String activationPlugin() {
        return activationPlugin;
    }

    /**
     * Returns the options of the activation's plugin, as strings it accepts.
     *
     * @return the options, never {@code null}
     */
    public Map<String, String> activationOptions() {
        return activationOptions;
    }

    /**
     * Returns the learning rate the network was trained with.
     *
     * @return α
     */
    public double learningRate() {
        return learningRate;
    }

    /**
     * Returns the seed of the run the network came from, when the file says it.
     *
     * @return the seed, or an empty optional
     */
    public OptionalLong seed() {
        return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
    }

    /**
     * Returns the index of the step whose weights these are, when the file says it.
     *
     * @return the step, or an empty optional
     */
    public OptionalLong step() {
        return step == null ? OptionalLong.empty() : OptionalLong.of(step);
    }

    /**
     * Returns the weight matrices, {@code syn0} first.
     *
     * @return an unmodifiable list
     */
    public List<Matrix> weights() {
        return weights;
    }

    /**
     * Returns the file's metadata: {@code library} (the version that wrote it), and when the writer knew the run,
     * {@code dataFingerprint} (SHA-256 of the training data's doubles) and {@code plugins} (the run's plugin ids).
     *
     * @return an unmodifiable map, empty when the file has none
     */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /**
     * Returns a network to train on from these weights, with the saved learning rate and activation, and the saved
     * dropout: its rates, its gradient, and its masks' generator where the saved step left it, so that a run from
     * it with {@code Training.Builder.firstStep(step + 1)} draws the masks the saved run would have drawn next.
     *
     * @return the network: its weights explicit, never {@code null}
     */
    public Network network() {
        double[][][] arrays = new double[weights.size()][][];
        for (int k = 0; k < arrays.length; k++) {
            arrays[k] = weights.get(k).toArray();
        }
        Network.Builder builder = Network.builder().layerSizes(layers).learningRate(learningRate).weights(arrays);
        if (!activationPlugin.equals("sigmoid") || !activationOptions.isEmpty()) {
            builder.activation(activation);
        }
        if (dropout != null) {
            for (int layer = 0; layer < layers.length; layer++) {
                builder.dropout(layer, dropout.rates()[layer]);
            }
            builder.dropoutGradient(dropout.gradient()).dropoutStream(dropout.seed(), dropout.draws());
        }
        return builder.build();
    }

    /**
     * Returns how the training inputs were scaled from raw values, when the network was saved with data that
     * recorded it ({@code CsvReader.Builder.scale()}).
     *
     * @return the scaling, or an empty optional
     */
    public Optional<InputScaling> inputScaling() {
        return Optional.ofNullable(scaling);
    }

    /**
     * Returns the network with these weights, to predict: bit for bit what the saved network predicted. When the
     * file records an input scaling ({@link #inputScaling()}), its {@code predict} methods take raw inputs and
     * scale them first, as the training data was.
     *
     * @return the trained network, which names the saved activation plugin; never {@code null}
     */
    public TrainedNetwork trained() {
        TrainedNetwork trained = Trainer.trained(network());
        InputScaling scaling = this.scaling;
        return new TrainedNetwork() {
            @Override
            public int[] layerSizes() {
                return trained.layerSizes();
            }

            @Override
            public Activation activation() {
                return trained.activation();
            }

            @Override
            public Optional<String> activationPlugin() {
                return Optional.of(activationPlugin);
            }

            @Override
            public Map<String, String> activationOptions() {
                return activationOptions;
            }

            @Override
            public List<Matrix> weights() {
                return trained.weights();
            }

            @Override
            public Matrix predict(double[][] inputs) {
                if (scaling == null) {
                    return trained.predict(inputs);
                }
                java.util.Objects.requireNonNull(inputs, "inputs");
                double[][] scaled = new double[inputs.length][];
                for (int r = 0; r < inputs.length; r++) {
                    scaled[r] = scaling.scale(width("inputs[" + r + "]", inputs[r]));
                }
                return trained.predict(scaled);
            }

            @Override
            public double[] predict(double... input) {
                return trained.predict(scaling == null ? input : scaling.scale(width("input", input)));
            }

            /** Named as the unscaled network names it, before the scaling would name it "raw". */
            private double[] width(String name, double[] values) {
                java.util.Objects.requireNonNull(values, name);
                if (values.length != layers[0]) {
                    throw new IllegalArgumentException(name + ": expected " + layers[0]
                            + " values (the input layer size), actual " + values.length);
                }
                return values;
            }
        };
    }

    @Override
    public String toString() {
        return "SavedNetwork" + java.util.Arrays.toString(layers) + " activation=" + activationPlugin
                + (activationOptions.isEmpty() ? "" : activationOptions) + " learningRate=" + learningRate
                + (step == null ? "" : " step=" + step);
    }
}
