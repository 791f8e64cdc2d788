package dev.backflux.api.spi;

import dev.backflux.api.Network;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingStep;
import reactor.core.publisher.Flux;

/**
 * A plugin that watches a run's steps (logging, progress, history) or ends the run (early stopping) by
 * transforming its {@code Flux<TrainingStep>} with Reactor operators.
 *
 * <p>{@link #apply} is called once per run, when the run is subscribed to, so state kept in the returned
 * {@code Flux} (a best error, a counter) belongs to that run only. To end a run, report why with
 * {@link PluginContext#stop(long, String)} and complete the stream, typically with
 * {@code takeUntil}: completing cancels the engine, so no further step is computed.
 *
 * <pre>{@code
 * public Flux<TrainingStep> apply(Flux<TrainingStep> steps, PluginContext context) {
 *     double target = context.options().get(TARGET);
 *     return steps.takeUntil(step -> {
 *         boolean reached = step.meanAbsoluteError() <= target;
 *         if (reached) {
 *             context.stop(step.step(), "error reached " + target);
 *         }
 *         return reached;
 *     });
 * }
 * }</pre>
 *
 * <p>A plugin may drop steps but never sends one again: the steps it publishes must keep strictly increasing
 * indexes. An exception thrown by the plugin, an error signal it emits, or a step sent out of order ends the
 * run with a {@link dev.backflux.api.PluginFailureException} naming the plugin.
 *
 * <p>Keep a plugin synchronous: it runs on the thread that computes the run. An operator that changes threads
 * or prefetches ({@code publishOn}, {@code flatMap}) makes the engine compute steps ahead of the plugins that
 * follow, on the plugin's thread: a later plugin that stops the run then stops it after steps already computed,
 * and those count in the result's {@code stepsRun()}. An error the JVM treats as fatal thrown on such a
 * thread is rethrown there by Reactor and cannot end the run.
 */
public interface StepPlugin extends Plugin {

    /**
     * Returns the steps the rest of the run sees.
     *
     * @param steps the steps of one run, as the engine and the plugins selected before this one publish them
     * @param context this run and this plugin's options
     * @return the transformed steps, never {@code null}
     */
    Flux<TrainingStep> apply(Flux<TrainingStep> steps, PluginContext context);

    /**
     * Checks, when the run is assembled, that the options fit the network and the data (for example that
     * the data has the validation part an option asks for); the default accepts everything.
     *
     * @param options the plugin's options, each already checked on its own
     * @param network the network as the run trains it
     * @param data the data the run trains on
     * @throws IllegalArgumentException naming the plugin and the option, if they do not fit
     */
    default void check(PluginOptions options, Network network, TrainingData data) {
    }
}
