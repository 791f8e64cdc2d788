package dev.backflux.cluster;

import dev.backflux.api.Matrix;
import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.Training;
import dev.backflux.api.TrainingData;
import dev.backflux.api.spi.ActivationPlugin;
import dev.backflux.api.spi.Plugin;
import dev.backflux.api.spi.PluginOptions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a cluster trains: a run's specification as plain data, the layer sizes, learning rate, seed, step count,
 * activation plugin, plugins with their options and the data, which travels between members as JSON (see
 * {@link #toJson()} for the format). Members build the run from it with the same engine and plugins as
 * {@link #training()} does locally; no code travels.
 *
 * <pre>{@code
 * RunSpec spec = RunSpec.builder()
 *         .name("rate-0.1")
 *         .layerSizes(3, 4, 1).learningRate(0.1).seed(1).steps(60_000)
 *         .plugin("early-stopping", Map.of("target", "0.01"))
 *         .data(xor)
 *         .build();
 * TrainingResult here = spec.training().result().block();     // what a member computes, to the bit
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe. {@link Builder#build()} and {@link #fromJson(String)} check
 * every field and refuse a bad one with a {@link RunSpecException} naming it, the expected and the actual value;
 * {@link #check()} also checks the plugins against those on the class path.
 */
public final class RunSpec {

    /** The activation a spec uses unless it names another: the engine's {@code sigmoid}. */
    public static final String DEFAULT_ACTIVATION = "sigmoid";

    /** The longest name accepted, in characters. */
    public static final int MAX_NAME = 200;

    /**
     * The most weights a spec's network may have, in all (the sum of each layer's size times the next's):
     * 2<sup>24</sup>, 128 MiB a set of weights, of which a member holds several (the network, a step's weights
     * before and after, the steps it publishes, a checkpoint). A bound on what the cluster accepts from its
     * network, so that a malformed spec is refused at submission rather than exhausting a member's heap.
     */
    public static final long MAX_WEIGHTS = 1L << 24;

    /**
     * The most values one layer's activations may hold over the data: the examples (training or validation, the
     * more numerous) times the widest layer, 2<sup>26</sup>, 512 MiB of doubles. As {@link #MAX_WEIGHTS}, a
     * bound on what the cluster accepts; a member also needs the heap for it (the engine refuses a step that
     * cannot fit in its heap).
     */
    public static final long MAX_LAYER_VALUES = 1L << 26;

    private final String name;
    private final int[] layerSizes;
    private final double learningRate;
    private final long seed;
    private final long steps;
    private final String activation;
    private final Map<String, Map<String, String>> plugins;
    private final TrainingData data;
    private final String dataFile;
    private final String dataSha256;

    private RunSpec(Builder builder) {
        this.name = builder.name;
        this.layerSizes = builder.layerSizes.clone();
        this.learningRate = builder.learningRate;
        this.seed = builder.seed;
        this.steps = builder.steps;
        this.activation = builder.activation;
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        builder.plugins.forEach((id, options) -> copy.put(id, java.util.Collections.unmodifiableMap(
                new LinkedHashMap<>(options))));
        this.plugins = java.util.Collections.unmodifiableMap(copy);
        this.data = builder.data;
        this.dataFile = builder.dataFile;
        this.dataSha256 = builder.dataSha256;
    }

    /**
     * Starts a specification.
     *
     * @return a new builder, never {@code null}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a specification from its JSON form (see {@link #toJson()}), checking every field.
     *
     * @param json the JSON text
     * @return the specification, never {@code null}
     * @throws NullPointerException if {@code json} is {@code null}
     * @throws RunSpecException if the text is not a valid specification, naming the field (or {@code json} for
     *                          text that is not JSON), the expected and the actual value
     */
    public static RunSpec fromJson(String json) {
        return RunSpecJson.read(Objects.requireNonNull(json, "json"));
    }

    /**
     * Writes this specification as JSON, format {@code backflux-run} version 1 (UTF-8 text; the fields in this
     * order, {@code name} only when set, {@code plugins} and the validation data only when there are some):
     * <pre>{@code
     * {
     *   "format": "backflux-run", "version": 1,
     *   "name": "rate-0.1",                    at most 200 characters
     *   "layers": [3, 4, 1],                   units of each layer, input first: at least two, each at least 1,
     *                                          at most MAX_WEIGHTS (2^24) weights in all
     *   "learningRate": 0.1,                   a finite number, at least 0
     *   "seed": 1,                             0 to 4294967295, as numpy's np.random.seed accepts
     *   "steps": 60000,                        at least 1
     *   "activation": "sigmoid",               an activation plugin's id
     *   "plugins": {"early-stopping": {"target": "0.01"}},   plugin ids, in the order they apply, to their
     *                                                        options, each a string, number or boolean
     *   "data": {"inputs": [[0, 0, 1], ...], "targets": [[0], ...],
     *            "validation": {"inputs": [...], "targets": [...]}}
     *                                          at most MAX_LAYER_VALUES (2^26): examples times the widest layer
     *                                          or, for data every member reads from a file:
     *   "data": {"file": "/shared/data.json", "sha256": "9f86d0..."}   that file holds the inline form above;
     *                                          a member refuses a file whose bytes have another SHA-256
     * }
     * }</pre>
     * Every number is written so that it reads back to the same bits (Java's shortest exact decimal form).
     *
     * @return the JSON text, never {@code null}
     */
    public String toJson() {
        return RunSpecJson.write(this);
    }

    /**
     * Checks what {@link Builder#build()} cannot: that the activation and plugins are on this JVM's class path,
     * that the activation is an activation plugin and the others are not, and that every option is one its plugin
     * accepts. A cluster calls it when a spec is submitted; without an engine on the class path (a client that
     * only submits), only the checks of {@code build()} apply.
     *
     * @return this specification
     * @throws RunSpecException naming the field ({@code activation}, {@code plugins.<id>} or
     *                          {@code plugins.<id>.<option>}), the expected and the actual value
     */
    public RunSpec check() {
        Map<String, Plugin> available = new TreeMap<>();
        try {
            Trainer.plugins().forEach(plugin -> available.put(plugin.id(), plugin));
        } catch (IllegalStateException noEngine) {
            return this;
        }
        Plugin chosen = available.get(activation);
        if (!(chosen instanceof ActivationPlugin)) {
            throw new RunSpecException("activation", "an activation plugin, one of " + ids(available, true),
                    "'" + activation + "'");
        }
        for (Map.Entry<String, Map<String, String>> entry : plugins.entrySet()) {
            String field = "plugins." + entry.getKey();
            Plugin plugin = available.get(entry.getKey());
            if (plugin == null) {
                throw new RunSpecException(field, "a plugin id, one of " + ids(available, false),
                        "'" + entry.getKey() + "'");
            }
            if (plugin instanceof ActivationPlugin) {
                throw new RunSpecException(field, "a plugin that is not an activation (choose it with"
                        + " \"activation\")", "the activation '" + entry.getKey() + "'");
            }
            for (Map.Entry<String, String> option : entry.getValue().entrySet()) {
                try {
                    PluginOptions.of(plugin, Map.of(option.getKey(), option.getValue()));
                } catch (IllegalArgumentException e) {
                    throw new RunSpecException(field + "." + option.getKey(), "an option " + entry.getKey()
                            + " accepts", "'" + option.getValue() + "' (" + e.getMessage() + ")");
                }
            }
        }
        return this;
    }

    /**
     * Assembles this run as a local {@link Training}, exactly as a member does: the network from the layer
     * sizes, learning rate and seed, the activation plugin unless it is the default sigmoid, then the plugins in
     * order with their options, and only those: the {@code backflux.*} system properties of the JVM add none.
     *
     * @return the training, ready to subscribe to; never {@code null}
     * @throws IllegalStateException if no engine is on the class path
     * @throws IllegalArgumentException if a plugin or option is refused (see {@link #check()})
     */
    public Training training() {
        return builder(network()).steps(steps).build();
    }

    /** The network this spec describes, its initial weights drawn from its seed. */
    Network network() {
        return Network.builder().layerSizes(layerSizes).learningRate(learningRate).seed(seed).build();
    }

    /**
     * The run from {@code network} (this spec's own, or its weights at a checkpoint), without its step count:
     * the activation unless it is the default, then the plugins in order, and no system property's.
     */
    Training.Builder builder(Network network) {
        Training.Builder builder = Trainer.training(network, data).configuration(Map.of());
        if (!activation.equals(DEFAULT_ACTIVATION)) {
            builder.plugin(activation);
        }
        plugins.forEach(builder::plugin);
        return builder;
    }

    /** The network a checkpoint resumes: these layers and learning rate, with the checkpoint's weights. */
    Network network(List<Matrix> weights) {
        double[][][] arrays = new double[weights.size()][][];
        for (int k = 0; k < arrays.length; k++) {
            arrays[k] = weights.get(k).toArray();
        }
        return Network.builder().layerSizes(layerSizes).learningRate(learningRate).weights(arrays).build();
    }

    /**
     * Returns the run's name.
     *
     * @return the name, or an empty optional when none was given
     */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /**
     * Returns the units of each layer, input first.
     *
     * @return a copy, never {@code null}
     */
    public int[] layerSizes() {
        return layerSizes.clone();
    }

    /**
     * Returns the learning rate.
     *
     * @return a finite value, at least 0
     */
    public double learningRate() {
        return learningRate;
    }

    /**
     * Returns the seed of the initial weights.
     *
     * @return a value in {@code [0, Network.MAX_SEED]}
     */
    public long seed() {
        return seed;
    }

    /**
     * Returns the number of steps the run computes unless a plugin stops it.
     *
     * @return at least 1
     */
    public long steps() {
        return steps;
    }

    /**
     * Returns the activation plugin's id.
     *
     * @return the id, {@value #DEFAULT_ACTIVATION} by default; never {@code null}
     */
    public String activation() {
        return activation;
    }

    /**
     * Returns the plugins other than the activation, in the order they apply, with their options.
     *
     * @return an unmodifiable map of plugin ids to options by name, never {@code null}
     */
    public Map<String, Map<String, String>> plugins() {
        return plugins;
    }

    /**
     * Returns the data the run trains on.
     *
     * @return the data, never {@code null}
     */
    public TrainingData data() {
        return data;
    }

    /**
     * Returns the file the data was read from, when the spec refers to its data instead of carrying it: the path
     * every member reads, and the SHA-256 of its bytes, which every member checks.
     *
     * @return the path, or an empty optional for data carried inline
     */
    public Optional<String> dataFile() {
        return Optional.ofNullable(dataFile);
    }

    /**
     * Returns the SHA-256 of the data file's bytes, in lower-case hexadecimal, when the spec refers to a file.
     *
     * @return the hash, or an empty optional for data carried inline
     */
    public Optional<String> dataSha256() {
        return Optional.ofNullable(dataSha256);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RunSpec && ((RunSpec) other).toJson().equals(toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return "RunSpec[" + (name == null ? "" : name + ", ") + "layers " + Arrays.toString(layerSizes)
                + ", learning rate " + learningRate + ", seed " + seed + ", " + steps + " steps, " + activation
                + (plugins.isEmpty() ? "" : ", plugins " + plugins.keySet()) + ", " + data.size() + " examples]";
    }

    private static String ids(Map<String, Plugin> available, boolean activations) {
        TreeSet<String> ids = new TreeSet<>();
        available.forEach((id, plugin) -> {
            if ((plugin instanceof ActivationPlugin) == activations) {
                ids.add(id);
            }
        });
        return ids.toString();
    }

    /**
     * Assembles a {@link RunSpec}. Each setter checks its argument at once; {@link #build()} checks what needs
     * several (the data's width against the input and output layers).
     */
    public static final class Builder {

        private String name;
        private int[] layerSizes;
        private double learningRate = Network.DEFAULT_LEARNING_RATE;
        private long seed = Network.DEFAULT_SEED;
        private long steps;
        private String activation = DEFAULT_ACTIVATION;
        private final Map<String, Map<String, String>> plugins = new LinkedHashMap<>();
        private TrainingData data;
        private String dataFile;
        private String dataSha256;

        private Builder() {
        }

        /**
         * Names the run, for people watching it; the cluster identifies runs by their own ids.
         *
         * @param name 1 to {@value RunSpec#MAX_NAME} characters, not blank
         * @return this builder
         * @throws RunSpecException if the name is blank or too long
         */
        public Builder name(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank() || name.length() > MAX_NAME) {
                throw new RunSpecException("name", "1 to " + MAX_NAME + " characters, not blank",
                        name.length() + " characters");
            }
            this.name = name;
            return this;
        }

        /**
         * Sets the units of each layer, input first.
         *
         * @param layerSizes at least two sizes, each at least 1
         * @return this builder
         * @throws RunSpecException if fewer than two sizes are given or one is below 1, naming it, or if the network
         *                          would have more than {@link RunSpec#MAX_WEIGHTS} weights
         */
        public Builder layerSizes(int... layerSizes) {
            Objects.requireNonNull(layerSizes, "layerSizes");
            if (layerSizes.length < 2) {
                throw new RunSpecException("layers", "at least two layer sizes", Arrays.toString(layerSizes));
            }
            for (int i = 0; i < layerSizes.length; i++) {
                if (layerSizes[i] < 1) {
                    throw new RunSpecException("layers[" + i + "]", "a positive size", String.valueOf(layerSizes[i]));
                }
            }
            long weights = 0;
            for (int i = 0; i + 1 < layerSizes.length; i++) {
                weights += (long) layerSizes[i] * layerSizes[i + 1];
            }
            if (weights > MAX_WEIGHTS) {
                throw new RunSpecException("layers", "at most " + MAX_WEIGHTS + " weights in all (each layer's size"
                        + " times the next's)", weights + " weights");
            }
            this.layerSizes = layerSizes.clone();
            return this;
        }

        /**
         * Sets the learning rate.
         *
         * @param learningRate a finite value, at least 0; {@value Network#DEFAULT_LEARNING_RATE} by default
         * @return this builder
         * @throws RunSpecException if it is NaN, infinite or negative
         */
        public Builder learningRate(double learningRate) {
            if (!Double.isFinite(learningRate) || learningRate < 0) {
                throw new RunSpecException("learningRate", "a finite number, at least 0",
                        String.valueOf(learningRate));
            }
            this.learningRate = learningRate;
            return this;
        }

        /**
         * Sets the seed of the initial weights.
         *
         * @param seed a value in {@code [0, Network.MAX_SEED]}; {@value Network#DEFAULT_SEED} by default
         * @return this builder
         * @throws RunSpecException if it is out of range
         */
        public Builder seed(long seed) {
            if (seed < 0 || seed > Network.MAX_SEED) {
                throw new RunSpecException("seed", "an integer from 0 to " + Network.MAX_SEED, String.valueOf(seed));
            }
            this.seed = seed;
            return this;
        }

        /**
         * Sets the number of steps to compute.
         *
         * @param steps at least 1
         * @return this builder
         * @throws RunSpecException if it is below 1
         */
        public Builder steps(long steps) {
            if (steps < 1) {
                throw new RunSpecException("steps", "at least 1", String.valueOf(steps));
            }
            this.steps = steps;
            return this;
        }

        /**
         * Chooses the activation by its plugin's id.
         *
         * @param pluginId an activation plugin's id, such as {@code tanh}; {@value RunSpec#DEFAULT_ACTIVATION} by
         *                 default
         * @return this builder
         * @throws RunSpecException if the id is blank
         */
        public Builder activation(String pluginId) {
            Objects.requireNonNull(pluginId, "pluginId");
            if (pluginId.isBlank()) {
                throw new RunSpecException("activation", "an activation plugin's id", "a blank string");
            }
            this.activation = pluginId;
            return this;
        }

        /**
         * Selects a plugin with options; plugins apply in the order they are selected.
         *
         * @param id the plugin's id
         * @param options its options by name, each value as the plugin accepts it from a string (a number, a
         *                boolean, a duration such as {@code PT1S})
         * @return this builder
         * @throws RunSpecException if the id is blank or already selected
         */
        public Builder plugin(String id, Map<String, String> options) {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(options, "options");
            if (id.isBlank()) {
                throw new RunSpecException("plugins", "plugin ids that are not blank", "a blank id");
            }
            if (plugins.containsKey(id)) {
                throw new RunSpecException("plugins." + id, "each plugin once", "'" + id + "' twice");
            }
            options.forEach((option, value) -> Objects.requireNonNull(value, () -> id + ": option '" + option + "'"));
            plugins.put(id, new LinkedHashMap<>(options));
            return this;
        }

        /**
         * Selects a plugin with its default options.
         *
         * @param id the plugin's id
         * @return this builder
         * @throws RunSpecException if the id is blank or already selected
         */
        public Builder plugin(String id) {
            return plugin(id, Map.of());
        }

        /**
         * Sets the data the run trains on, which travels in the specification (validation part included).
         *
         * @param data the data
         * @return this builder
         */
        public Builder data(TrainingData data) {
            this.data = Objects.requireNonNull(data, "data");
            this.dataFile = null;
            this.dataSha256 = null;
            return this;
        }

        /**
         * Sets the data by reference: a JSON file of the inline form, {@code {"inputs": [[...], ...], "targets":
         * [[...], ...], "validation": {...}}}, that every member can read at this path (a shared file system, or
         * the same file deployed on every host). It is read now, and the spec records the path and the SHA-256 of
         * the file's bytes; a member reads the file again and refuses it if its bytes differ, so that every member
         * trains on the same data. The spec then stays small however large the data is.
         *
         * @param file the data file, as every member can reach it (an absolute path is best)
         * @return this builder
         * @throws RunSpecException naming {@code data.file}, if the file cannot be read or holds no valid data
         */
        public Builder dataFile(java.nio.file.Path file) {
            Objects.requireNonNull(file, "file");
            RunSpecJson.DataFile read = RunSpecJson.readDataFile(file.toString(), null);
            this.data = read.data();
            this.dataFile = file.toString();
            this.dataSha256 = read.sha256();
            return this;
        }

        Builder dataFile(String file, String sha256) {
            RunSpecJson.DataFile read = RunSpecJson.readDataFile(file, sha256);
            this.data = read.data();
            this.dataFile = file;
            this.dataSha256 = read.sha256();
            return this;
        }

        /**
         * Checks what needs several fields and builds the specification.
         *
         * @return the specification, never {@code null}
         * @throws RunSpecException if the layer sizes, the steps or the data are missing, or the data's inputs,
         *                          targets or validation part do not fit the input and output layers, or the
         *                          examples times the widest layer exceed {@link RunSpec#MAX_LAYER_VALUES}
         */
        public RunSpec build() {
            if (layerSizes == null) {
                throw new RunSpecException("layers", "at least two layer sizes", "none");
            }
            if (steps < 1) {
                throw new RunSpecException("steps", "at least 1", "none");
            }
            if (data == null) {
                throw new RunSpecException("data", "training data", "none");
            }
            checkWidth("data.inputs", data.inputs(), layerSizes[0], "the input layer's size");
            checkWidth("data.targets", data.targets(), layerSizes[layerSizes.length - 1], "the output layer's size");
            data.validationInputs().ifPresent(inputs -> checkWidth("data.validation.inputs", inputs, layerSizes[0],
                    "the input layer's size"));
            data.validationTargets().ifPresent(targets -> checkWidth("data.validation.targets", targets,
                    layerSizes[layerSizes.length - 1], "the output layer's size"));
            long examples = Math.max(data.inputs().rows(), data.validationInputs().map(Matrix::rows).orElse(0));
            long widest = Arrays.stream(layerSizes).max().orElseThrow();
            if (examples * widest > MAX_LAYER_VALUES) {
                throw new RunSpecException("data", "at most " + MAX_LAYER_VALUES + " values in a layer's activations"
                        + " (examples times the widest layer, " + widest + ")", examples + " examples, "
                        + examples * widest + " values");
            }
            return new RunSpec(this);
        }

        private static void checkWidth(String field, Matrix matrix, int width, String what) {
            if (matrix.columns() != width) {
                throw new RunSpecException(field, "rows of " + width + " values (" + what + ")",
                        "rows of " + matrix.columns());
            }
        }
    }

    static List<String> fieldOrder() {
        return List.of("format", "version", "name", "layers", "learningRate", "seed", "steps", "activation",
                "plugins", "data");
    }
}
