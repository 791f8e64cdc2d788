package dev.backflux.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import dev.backflux.api.spi.Plugin;
import dev.backflux.api.spi.TrainingRequest;
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
 * TrainingResult result = training.result(steps -> steps.doOnNext(dashboard::show)).block();
 * }</pre>
 *
 * <p>Everything is cold: each subscription to {@link #flux()} or {@link #result()} trains its own run from the
 * same initial weights, with fresh plugin state; {@link #start()} trains one run now, for many subscribers.
 * Instances are immutable and thread-safe.
 *
 * <p><b>How a run ends.</b> Once: completed, stopped by a plugin, cancelled or failed, decided from the
 * terminal signal of the whole chain (the engine and every plugin) after every plugin's pending work
 * ({@link dev.backflux.api.spi.PluginContext#completeAfter}) has finished. Only then do the plugins' end
 * listeners run, the {@link TrainingResult} appear, and the stream complete or fail: whoever sees the end also
 * sees its effects, such as a closed file.
 */
public interface Training {

    /**
     * Returns the cold stream of this run's steps, after its plugins: one step per request, computed on
     * the requesting thread; cancelling stops the computation. It completes when every step ran or a plugin
     * stopped the run, and ends with an error on divergence, a step that could not be computed
     * ({@link StepFailedException}) or a plugin's failure ({@link PluginFailureException}). Step indexes
     * increase strictly. An error that the JVM treats as fatal thrown by a plugin's own operator is rethrown
     * to the requesting thread, as Reactor does; the same error while computing a step ends the stream with a
     * {@link StepFailedException}.
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
     * Trains one run whose steps {@code observer} watches, and emits how it ended once the observer's
     * publisher has terminated and the run has ended. If the observer stops early (for example with
     * {@code take}), the result is {@link TrainingResult.Reason#CANCELLED}; if the run fails, the result is
     * {@link TrainingResult.Reason#FAILED}; if the observer itself fails, the Mono emits the observer's error.
     *
     * @param observer turns the run's steps into what to subscribe to, for example
     *                 {@code steps -> steps.doOnNext(dashboard::show)}
     * @return the result, never {@code null}
     * @throws NullPointerException if {@code observer} is {@code null}
     */
    Mono<TrainingResult> result(Function<? super Flux<TrainingStep>, ? extends Publisher<?>> observer);

    /**
     * Starts one run now on Backflux's training threads and returns its handle, to be watched by many
     * subscribers (see {@link TrainingRun}). The training threads are one daemon thread per core with one
     * queue: training is CPU-bound, so it gets as many threads as there are cores, and it keeps off Reactor's
     * shared {@code parallel} scheduler, whose workers also serve timers ({@code delayElements},
     * {@code timeout}, {@code interval}) that a long run would hold up.
     *
     * <p>Runs <em>share</em> the threads: a run computes its steps in slices of about 10 ms,
     * and after each slice goes to the back of the queue. A run started
     * while a thread is idle computes at once; with more runs than cores, every run advances, each at its share
     * of the cores, and none waits for another to end.
     *
     * @return the running run, never {@code null}
     */
    TrainingRun start();

    /**
     * Starts one run now on {@code scheduler} and returns its handle (see {@link TrainingRun}). The run
     * computes in slices as {@link #start()} describes, each scheduled with {@link Scheduler#schedule}; a
     * scheduler that has no idle worker delays the slice. A scheduler that rejects a slice fails the run.
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
     * Returns the options each plugin of this run uses, defaults included, each value written as the plugin
     * would accept it from a string (a duration as {@code PT1S}, a path as itself): what a saved network records.
     *
     * @return by plugin id in {@link #plugins()} order, its options by name; unmodifiable, never {@code null};
     *         empty for an implementation that does not say (this default)
     */
    default Map<String, Map<String, String>> pluginOptions() {
        return Map.of();
    }

    /**
     * Assembles a {@link Training}. Plugins come from two places: those selected here in code, in order, then
     * those the configuration's {@code backflux.plugins} property lists (comma-separated) that were not
     * selected here. A plugin's options are its declared defaults, overridden by the options given here,
     * overridden by the configuration's {@code backflux.<id>.<option>} properties. The configuration is the
     * system properties unless {@link #configuration(Map)} gives one; there, a {@code backflux.*} key naming
     * no known plugin is logged and ignored (other code in the JVM may set it), while in a given
     * configuration it fails. Options configured for a known plugin that the run does not select are checked,
     * then logged as a warning, since they do nothing.
     *
     * <p>The network's activation is the default sigmoid unless it was set with
     * {@link Network.Builder#activation}; an activation plugin replaces only the default, and meets an
     * explicit activation (even the sigmoid) with an error.
     */
    final class Builder {

        /** The configuration key listing plugins to select, comma-separated. */
        public static final String PLUGINS_PROPERTY = "backflux.plugins";

        private final Network network;
        private final TrainingData data;
        private long steps;
        private long firstStep;
        private final Map<String, Map<String, ?>> plugins = new LinkedHashMap<>();
        private final Map<String, Plugin> pluginInstances = new LinkedHashMap<>();
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
         * Numbers the run's steps from {@code index} instead of 0, for a run that goes on where another stopped:
         * resumed from step {@code s}'s weights ({@code SavedNetwork.network()}, a checkpoint), it starts at
         * {@code s + 1}, and its steps, results and plugins see the indexes the uninterrupted run would have had.
         * {@link #steps(long)} still counts the steps this run computes. Plugins that count by index
         * ({@code early-stopping}'s {@code start-from} and {@code max-steps}, {@code history}'s and
         * {@code checkpoint}'s {@code every}) go on counting; what they learned in the earlier run (a best error,
         * a patience count) starts again.
         *
         * @param index the first step's index, at least 0; 0 by default
         * @return this builder
         * @throws IllegalArgumentException if {@code index} is negative
         */
        public Builder firstStep(long index) {
            if (index < 0) {
                throw new IllegalArgumentException("firstStep: expected at least 0, actual " + index);
            }
            this.firstStep = index;
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
         * Selects a plugin given as an instance, with options: for this run it takes the place of a discovered
         * plugin with the same {@link Plugin#id()}, or is used although it is not discovered. For a plugin that
         * needs an object options cannot carry, such as the {@code metrics} plugin bound to an application's
         * meter registry. The configuration's {@code backflux.<id>.<option>} keys apply to it as to any other.
         *
         * @param plugin the plugin
         * @param options option values by name, as {@link #plugin(String, Map)} takes them
         * @return this builder
         * @throws NullPointerException if {@code plugin}, its id or {@code options} is {@code null}
         * @throws IllegalArgumentException if a plugin with that id was already selected
         */
        public Builder plugin(Plugin plugin, Map<String, ?> options) {
            Objects.requireNonNull(plugin, "plugin");
            String id = Objects.requireNonNull(plugin.id(), () -> "plugin: expected a plugin whose id() is not null,"
                    + " actual null from " + plugin.getClass().getName());
            plugin(id, options);
            pluginInstances.put(id, plugin);
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
         *                                  is rejected (naming the plugin, the option and the accepted values),
         *                                  the network's explicit activation meets an activation plugin, a
         *                                  plugin's check fails (a file that cannot be written, say), or one
         *                                  step of the network cannot fit in the JVM's maximum heap (the
         *                                  message gives the estimate and {@code Runtime.maxMemory()})
         */
        public Training build() {
            if (steps < 1) {
                throw new IllegalStateException("steps: expected at least 1, actual none: call steps(...)");
            }
            data.checkFits(network);
            return Trainer.engine().prepare(TrainingRequest.of(network, data, steps, plugins, configuration)
                    .withFirstStep(firstStep).withPluginInstances(pluginInstances));
        }
    }
}
