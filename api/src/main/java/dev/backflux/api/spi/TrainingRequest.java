package dev.backflux.api.spi;

import dev.backflux.api.Network;
import dev.backflux.api.TrainingData;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a run was asked for, in one immutable object that {@link dev.backflux.api.Training.Builder}
 * hands to the {@link TrainingEngine}, as JUnit's launcher hands an engine its discovery request: the network,
 * the data, the number of steps, the plugins selected in code with their options, and the configuration that
 * adds more plugins and options.
 *
 * <p>Applications do not build requests; they call {@link dev.backflux.api.Trainer#training}.
 */
public final class TrainingRequest {

    private final Network network;
    private final TrainingData data;
    private final long steps;
    private final long firstStep;
    private final Map<String, Map<String, ?>> plugins;
    private final Map<String, String> configuration;
    private final Map<String, Plugin> pluginInstances;

    private TrainingRequest(Network network, TrainingData data, long steps, Map<String, Map<String, ?>> plugins,
                            Map<String, String> configuration) {
        this(network, data, steps, plugins, configuration, 0, Map.of());
    }

    private TrainingRequest(Network network, TrainingData data, long steps, Map<String, Map<String, ?>> plugins,
                            Map<String, String> configuration, long firstStep, Map<String, Plugin> pluginInstances) {
        this.firstStep = firstStep;
        this.pluginInstances = pluginInstances;
        this.network = network;
        this.data = data;
        this.steps = steps;
        this.plugins = plugins;
        this.configuration = configuration;
    }

    /**
     * Creates a request.
     *
     * @param network the network to train
     * @param data the data, already checked to fit the network
     * @param steps the number of steps, at least 1
     * @param plugins the plugins selected in code, in the order they apply, each with its options by name
     * @param configuration {@code backflux.*} keys that select plugins and set options, or {@code null} to let
     *                      the engine read the system properties (where a key naming no known plugin is
     *                      logged and ignored instead of failing, since other code may set it)
     * @return the request, never {@code null}
     * @throws NullPointerException if {@code network}, {@code data} or {@code plugins} is {@code null}
     * @throws IllegalArgumentException if {@code steps} is below 1
     */
    public static TrainingRequest of(Network network, TrainingData data, long steps,
                                     Map<String, ? extends Map<String, ?>> plugins, Map<String, String> configuration) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(plugins, "plugins");
        if (steps < 1) {
            throw new IllegalArgumentException("steps: expected at least 1, actual " + steps);
        }
        Map<String, Map<String, ?>> copy = new LinkedHashMap<>();
        plugins.forEach((id, options) -> copy.put(id, Map.copyOf(options)));
        return new TrainingRequest(network, data, steps, Collections.unmodifiableMap(copy),
                configuration == null ? null : Map.copyOf(configuration));
    }

    /**
     * Returns the network to train.
     *
     * @return the network, never {@code null}
     */
    public Network network() {
        return network;
    }

    /**
     * Returns the data to train on.
     *
     * @return the data, never {@code null}
     */
    public TrainingData data() {
        return data;
    }

    /**
     * Returns the number of steps to compute unless a plugin stops the run.
     *
     * @return at least 1
     */
    public long steps() {
        return steps;
    }

    /**
     * Returns the index of the run's first step: 0, or where a resumed run goes on ({@link #withFirstStep}).
     *
     * @return at least 0
     */
    public long firstStep() {
        return firstStep;
    }

    /**
     * Returns this request with the run's steps numbered from {@code firstStep}: a run resumed from step
     * {@code s}'s weights goes on with {@code s + 1}. {@link #steps()} still counts the steps this run computes.
     *
     * @param firstStep the first step's index, at least 0
     * @return a new request
     * @throws IllegalArgumentException if {@code firstStep} is negative or {@code firstStep + steps()} overflows
     */
    public TrainingRequest withFirstStep(long firstStep) {
        if (firstStep < 0 || firstStep > Long.MAX_VALUE - steps) {
            throw new IllegalArgumentException("firstStep: expected 0 to " + (Long.MAX_VALUE - steps) + " for "
                    + steps + " steps, actual " + firstStep);
        }
        return new TrainingRequest(network, data, steps, plugins, configuration, firstStep, pluginInstances);
    }

    /**
     * Returns this request with plugins given in code as instances, by id: for this run, each replaces a
     * discovered plugin of the same id, or adds one that is not discovered (a plugin that needs an object, such
     * as a metrics registry, which options cannot carry). Each id must also be among {@link #plugins()}.
     *
     * @param instances the plugins by their ids
     * @return a new request
     * @throws NullPointerException if {@code instances} or one of its plugins is {@code null}
     * @throws IllegalArgumentException if a plugin's {@link Plugin#id()} differs from its key, or its id is not
     *                                  among the selected plugins
     */
    public TrainingRequest withPluginInstances(Map<String, ? extends Plugin> instances) {
        Objects.requireNonNull(instances, "instances");
        Map<String, Plugin> copy = new LinkedHashMap<>();
        instances.forEach((id, plugin) -> {
            Objects.requireNonNull(plugin, () -> "instances: plugin '" + id + "'");
            if (!id.equals(plugin.id())) {
                throw new IllegalArgumentException("instances: expected the key of each plugin to be its id, actual '"
                        + id + "' for a plugin whose id is '" + plugin.id() + "'");
            }
            if (!plugins.containsKey(id)) {
                throw new IllegalArgumentException("instances: expected ids among the selected plugins " + plugins.keySet()
                        + ", actual '" + id + "'");
            }
            copy.put(id, plugin);
        });
        return new TrainingRequest(network, data, steps, plugins, configuration, firstStep,
                Collections.unmodifiableMap(copy));
    }

    /**
     * Returns the plugins given in code as instances ({@link #withPluginInstances}), by id: for this run they take
     * the place of discovered plugins of the same ids.
     *
     * @return an unmodifiable map, empty unless some were given, never {@code null}
     */
    public Map<String, Plugin> pluginInstances() {
        return pluginInstances;
    }

    /**
     * Returns the plugins selected in code, in the order they apply, with their options by name.
     *
     * @return an unmodifiable map, never {@code null}
     */
    public Map<String, Map<String, ?>> plugins() {
        return plugins;
    }

    /**
     * Returns the configuration given to the builder, if any: {@code backflux.plugins} and
     * {@code backflux.<id>.<option>} keys. When empty, the engine reads the same keys from the system properties.
     *
     * @return the configuration, or an empty optional for the system properties
     */
    public Optional<Map<String, String>> configuration() {
        return Optional.ofNullable(configuration);
    }

    @Override
    public String toString() {
        return "TrainingRequest[" + network + ", " + data + ", " + steps + " steps, plugins " + plugins.keySet()
                + (configuration == null ? ", system properties" : ", configuration " + configuration) + "]";
    }
}
