package dev.backflux.api.spi;

import dev.backflux.api.Training;
import java.util.List;

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
     * @param request what the run was asked for
     * @return the run, never {@code null}
     * @throws IllegalArgumentException if a plugin id is unknown, an option is rejected, an explicit activation
     *                                  meets an activation plugin, or a step cannot fit in the heap
     */
    Training prepare(TrainingRequest request);

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
