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
    private final Map<String, Map<String, ?>> plugins;
    private final Map<String, String> configuration;

    private TrainingRequest(Network network, TrainingData data, long steps, Map<String, Map<String, ?>> plugins,
                            Map<String, String> configuration) {
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
