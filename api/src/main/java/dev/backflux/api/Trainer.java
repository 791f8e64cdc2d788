package dev.backflux.api;

import dev.backflux.api.spi.Plugin;
import dev.backflux.api.spi.TrainingEngine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import reactor.core.publisher.Flux;

/**
 * The entry point: trains a network on data and publishes every step as a {@link Flux}.
 *
 * <pre>{@code
 * Trainer.train(Network.of(3, 4, 1), data, 60_000)
 *        .filter(step -> step.step() % 10_000 == 0)
 *        .subscribe(step -> System.out.println("Error:" + step.meanAbsoluteError()));
 * }</pre>
 *
 * <p>The engine that does the work is found with {@link ServiceLoader} ({@code backflux-engine} on the
 * class path or module path).
 */
public final class Trainer {

    private static volatile TrainingEngine engine;

    private Trainer() {
    }

    /**
     * Starts assembling a run with plugins: set its step count, select plugins, then {@code build()}.
     *
     * @param network the network to train
     * @param data the examples; its inputs as wide as the input layer, its targets as wide as the output layer
     * @return a new builder, never {@code null}
     * @throws NullPointerException if {@code network} or {@code data} is {@code null}
     */
    public static Training.Builder training(Network network, TrainingData data) {
        return new Training.Builder(network, data);
    }

    /**
     * Returns every plugin available on the class path or module path, sorted by id.
     *
     * @return an unmodifiable list, never {@code null}
     * @throws IllegalStateException if no engine is on the path, or two plugins share an id
     */
    public static List<Plugin> plugins() {
        return engine().plugins();
    }

    /**
     * Returns the plugin providers on the path that failed to load, each as its class and cause; they are
     * also logged as warnings when discovered.
     *
     * @return an unmodifiable list, empty when every provider loaded
     * @throws IllegalStateException if no engine is on the path, or two plugins share an id
     */
    public static List<String> pluginProblems() {
        return engine().pluginProblems();
    }

    /**
     * Returns a cold {@code Flux} that trains {@code network} on {@code data} for {@code steps} full-batch
     * steps, one {@link TrainingStep} per step. Plugins listed in the {@code backflux.plugins} system
     * property apply (see {@link Training.Builder}); {@code Trainer.training(network, data).steps(steps)
     * .build().flux()} is the same call.
     *
     * <p>Nothing is computed before subscription. Each subscription trains its own run from the same
     * initial weights, so every subscriber sees the same steps. Demand drives the computation: a request
     * of {@code n} computes at most {@code n} steps, and cancelling stops it. The steps are computed on
     * the thread that requests them; use {@code subscribeOn(...)} to move the work elsewhere. The flux
     * completes after {@code steps} steps, or ends with a {@link TrainingDivergedException} if the error
     * or the weights become NaN or infinite.
     *
     * @param network the network to train
     * @param data the examples; its inputs as wide as the input layer, its targets as wide as the output layer
     * @param steps the number of steps, at least 1
     * @return the steps, never {@code null}
     * @throws NullPointerException if {@code network} or {@code data} is {@code null}
     * @throws IllegalArgumentException if {@code steps} is below 1, the data does not fit the network, or the
     *                                  plugin configuration is wrong, naming the argument, the expected and the
     *                                  actual value
     * @throws IllegalStateException if no engine, or more than one, is on the path
     */
    public static Flux<TrainingStep> train(Network network, TrainingData data, long steps) {
        return training(network, data).steps(steps).build().flux();
    }

    /**
     * Returns a network that predicts with the given network's initial weights, without training: its explicit
     * weights (a network saved earlier, weights from numpy) or those its seed draws. It predicts bit for bit what a
     * training step with these weights computed in its forward pass.
     *
     * @param network the network; its activation is the one a run of it would use (the default is the
     *                {@code sigmoid} plugin's)
     * @return the network, never {@code null}
     * @throws NullPointerException if {@code network} is {@code null}
     * @throws IllegalStateException if no engine, or more than one, is on the path
     */
    public static TrainedNetwork trained(Network network) {
        Objects.requireNonNull(network, "network");
        return engine().trained(network);
    }

    /** Returns the engine found on the path, loading it on first use. */
    static TrainingEngine engine() {
        TrainingEngine found = engine;
        if (found == null) {
            found = loadEngine();
            engine = found;
        }
        return found;
    }

    private static TrainingEngine loadEngine() {
        List<TrainingEngine> engines = new ArrayList<>();
        ServiceLoader.load(TrainingEngine.class, Trainer.class.getClassLoader()).forEach(engines::add);
        if (engines.isEmpty()) {
            throw new IllegalStateException("No Backflux engine found: expected "
                    + TrainingEngine.class.getName() + " provided by backflux-engine on the class path or module path");
        }
        if (engines.size() > 1) {
            List<String> names = new ArrayList<>();
            engines.forEach(e -> names.add(e.getClass().getName()));
            throw new IllegalStateException("Expected one Backflux engine on the path, actual " + names);
        }
        TrainingEngine found = engines.get(0);
        found.attach(MatrixAccess.INSTANCE);
        return found;
    }
}
