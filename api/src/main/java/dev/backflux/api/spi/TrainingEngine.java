package dev.backflux.api.spi;

import dev.backflux.api.Network;
import dev.backflux.api.Training;
import dev.backflux.api.TrainingData;
import java.util.List;
import java.util.Map;

/**
 * The service that computes training runs and finds plugins; {@code backflux-engine} provides it and
 * {@link dev.backflux.api.Trainer} finds it with {@link java.util.ServiceLoader}.
 *
 * <p>Applications do not call this interface; they call {@link dev.backflux.api.Trainer}.
 */
public interface TrainingEngine {

    /**
     * Assembles a run, resolving and checking its plugins, as {@link Training.Builder#build()} documents.
     *
     * @param network the network, validated
     * @param data the data, already checked to fit the network
     * @param steps the number of steps, at least 1
     * @param plugins the plugins selected in code, in order, with their options by name
     * @param configuration {@code backflux.*} keys: more plugins and options
     * @param fromSystemProperties whether {@code configuration} comes from the system properties, where keys
     *                             for unknown plugins are ignored with a warning instead of failing
     * @return the run, never {@code null}
     * @throws IllegalArgumentException if a plugin id is unknown or an option is rejected
     */
    Training prepare(Network network, TrainingData data, long steps, Map<String, Map<String, ?>> plugins,
                     Map<String, String> configuration, boolean fromSystemProperties);

    /**
     * Returns every available plugin, sorted by id.
     *
     * @return an unmodifiable list, never {@code null}
     */
    List<Plugin> plugins();

    /**
     * Returns the plugin providers that failed to load, each as its class and cause.
     *
     * @return an unmodifiable list, empty when every provider loaded
     */
    List<String> pluginProblems();
}
