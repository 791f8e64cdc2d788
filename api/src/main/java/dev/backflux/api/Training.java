package dev.backflux.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * A training run, assembled and checked, ready to be subscribed to: a network, its data, a step count and
 * the plugins that watch, end or change it. Obtained from {@link Trainer#training(Network, TrainingData)}.
 *
 * <pre>{@code
 * Training training = Trainer.training(network, data)
 *         .steps(60_000)
 *         .plugin("logging", Map.of("every", 10_000))
 *         .plugin("early-stopping", Map.of("target", 0.01, "restore-best", true))
 *         .build();
 * TrainingResult result = training.run(steps -> steps.doOnNext(dashboard::show)).block();
 * }</pre>
 *
 * <p>Everything is cold: each subscription to {@link #flux()}, {@link #result()} or {@link #run} trains its
 * own run from the same initial weights, with fresh plugin state. Instances are immutable and thread-safe.
 */
public interface Training {

    /**
     * Returns the cold stream of this run's steps, after its plugins: one step per request, computed on
     * the requesting thread; cancelling stops the computation. It completes when every step ran or a plugin
     * stopped the run, and ends with an error on divergence or a plugin's failure.
     *
     * @return the steps, never {@code null}
     */
    Flux<TrainingStep> flux();

    /**
     * Trains one run to its end and emits how it ended, failures included: a run that fails emits a
     * {@link TrainingResult.Reason#FAILED} result whose {@code error()} is the failure, with the steps run
     * and the best step so far.
     *
     * @return the result, never {@code null}
     */
    Mono<TrainingResult> result();

    /**
     * Trains one run whose steps {@code observer} watches, and emits how it ended when the observer's
     * publisher terminates. If the observer stops early (for example with {@code take}), the result is
     * {@link TrainingResult.Reason#CANCELLED}; if the run fails, the result is
     * {@link TrainingResult.Reason#FAILED}; if the observer itself fails, the Mono emits the observer's error.
     *
     * @param observer turns the run's steps into what to subscribe to, for example
     *                 {@code steps -> steps.doOnNext(dashboard::show)}
     * @return the result, never {@code null}
     * @throws NullPointerException if {@code observer} is {@code null}
     */
    Mono<TrainingResult> run(Function<? super Flux<TrainingStep>, ? extends Publisher<?>> observer);

    /**
     * Starts one run now on Backflux's training scheduler and returns its handle, to be watched by many
     * subscribers (see {@link TrainingRun}). The training scheduler is a dedicated parallel scheduler, one
     * daemon thread per core: training is CPU-bound, so it gets as many threads as there are cores, and it
     * keeps off Reactor's shared {@code parallel} scheduler, whose workers also serve timers
     * ({@code delayElements}, {@code timeout}, {@code interval}) that a long run would hold up.
     *
     * @return the running run, never {@code null}
     */
    TrainingRun start();

    /**
     * Starts one run now on {@code scheduler} and returns its handle (see {@link TrainingRun}). The run
     * occupies one of the scheduler's workers until it ends.
     *
     * @param scheduler where the steps are computed
     * @return the running run, never {@code null}
     * @throws NullPointerException if {@code scheduler} is {@code null}
     */
    TrainingRun start(Scheduler scheduler);

    /**
     * Returns the network as the run trains it, with the activation an activation plugin may have supplied.
     *
     * @return the network, never {@code null}
     */
    Network network();

    /**
     * Returns the data the run trains on.
     *
     * @return the data, never {@code null}
     */
    TrainingData data();

    /**
     * Returns the number of steps the run computes unless a plugin stops it.
     *
     * @return at least 1
     */
    long steps();

    /**
     * Returns the ids of the plugins this run uses, in the order they apply (the first one closest to the
     * engine), including an activation plugin.
     *
     * @return an unmodifiable list, never {@code null}
     */
    List<String> plugins();

    /**
     * Assembles a {@link Training}. Plugins come from two places: those selected here in code, in order, then
     * those the configuration's {@code backflux.plugins} property lists (comma-separated) that were not
     * selected here. A plugin's options are its declared defaults, overridden by the options given here,
     * overridden by the configuration's {@code backflux.<id>.<option>} properties. The configuration is the
     * system properties unless {@link #configuration(Map)} gives one; there, a {@code backflux.*} key naming
     * no known plugin is logged and ignored (other code in the JVM may set it), while in a given
     * configuration it fails.
     */
    final class Builder {

        /** The configuration key listing plugins to select, comma-separated. */
        public static final String PLUGINS_PROPERTY = "backflux.plugins";

        private final Network network;
        private final TrainingData data;
        private long steps;
        private final Map<String, Map<String, ?>> plugins = new LinkedHashMap<>();
        private Map<String, String> configuration;

        Builder(Network network, TrainingData data) {
            this.network = Objects.requireNonNull(network, "network");
            this.data = Objects.requireNonNull(data, "data");
        }

        /**
         * Sets the number of steps to compute.
         *
         * @param steps at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code steps} is below 1
         */
        public Builder steps(long steps) {
            if (steps < 1) {
                throw new IllegalArgumentException("steps: expected at least 1, actual " + steps);
            }
            this.steps = steps;
            return this;
        }

        /**
         * Selects a plugin with its default options.
         *
         * @param id the plugin's id
         * @return this builder
         * @throws NullPointerException if {@code id} is {@code null}
         * @throws IllegalArgumentException if the plugin was already selected
         */
        public Builder plugin(String id) {
            return plugin(id, Map.of());
        }

        /**
         * Selects a plugin with options, each given as a value of the option's type or as a string. Unknown
         * ids, unknown option names and rejected values fail in {@link #build()}.
         *
         * @param id the plugin's id
         * @param options option values by name
         * @return this builder
         * @throws NullPointerException if {@code id} or {@code options} is {@code null}
         * @throws IllegalArgumentException if the plugin was already selected
         */
        public Builder plugin(String id, Map<String, ?> options) {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(options, "options");
            if (plugins.containsKey(id)) {
                throw new IllegalArgumentException("plugin: expected each id once, actual '" + id + "' twice");
            }
            options.forEach((name, value) -> Objects.requireNonNull(value, () -> id + ": option '" + name + "'"));
            plugins.put(id, Map.copyOf(options));
            return this;
        }

        /**
         * Reads plugin selection and options from this configuration instead of the system properties: keys
         * {@code backflux.plugins} and {@code backflux.<id>.<option>}; other keys are ignored.
         *
         * @param configuration for example a loaded properties file
         * @return this builder
         * @throws NullPointerException if {@code configuration} is {@code null}
         */
        public Builder configuration(Map<String, String> configuration) {
            this.configuration = Map.copyOf(configuration);
            return this;
        }

        /**
         * Checks everything and assembles the run; nothing is computed yet.
         *
         * @return the training, never {@code null}
         * @throws IllegalStateException if {@link #steps(long)} was not called, or no engine is on the path
         * @throws IllegalArgumentException if the data does not fit the network, a plugin id is unknown (the
         *                                  message lists the available ones), an option is unknown or a value
         *                                  is rejected (naming the plugin, the option and the accepted values)
         */
        public Training build() {
            if (steps < 1) {
                throw new IllegalStateException("steps: expected at least 1, actual none: call steps(...)");
            }
            data.checkFits(network);
            return Trainer.engine().prepare(network, data, steps, plugins,
                    configuration != null ? configuration : systemProperties(), configuration == null);
        }

        private static Map<String, String> systemProperties() {
            Properties properties = System.getProperties();
            Map<String, String> backflux = new LinkedHashMap<>();
            for (String name : properties.stringPropertyNames()) {
                if (name.startsWith("backflux.")) {
                    backflux.put(name, properties.getProperty(name));
                }
            }
            return backflux;
        }
    }
}
