package dev.backflux.api.spi;

import dev.backflux.api.MatrixAccess;
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
     * Receives the capability to publish the engine's own arrays as matrices without copying them; called by
     * {@link dev.backflux.api.Trainer} once it has loaded this engine, before any other method. The engine
     * must hand over, never write again, every array it wraps. An engine that ignores the call builds its
     * matrices with {@link dev.backflux.api.Matrix#of}, which copies.
     *
     * @param matrices the only instance there is, never {@code null}
     */
    default void attach(MatrixAccess matrices) {
    }

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

    /**
     * Returns a network with the given network's initial weights, for predictions without training: what
     * {@link dev.backflux.api.Trainer#trained(dev.backflux.api.Network)} returns.
     *
     * @param network the network; its activation, or the default sigmoid, as a run of it would use
     * @return the trained network, never {@code null}
     * @throws UnsupportedOperationException if the engine cannot (the default)
     */
    default dev.backflux.api.TrainedNetwork trained(dev.backflux.api.Network network) {
        throw new UnsupportedOperationException("trained: expected an engine that makes networks without training,"
                + " actual " + getClass().getName());
    }
}
