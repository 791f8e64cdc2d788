package dev.backflux.api.spi;

import dev.backflux.api.TrainingStep;
import reactor.core.publisher.Flux;

/**
 * A plugin that watches a run's steps (logging, progress, history) or ends the run (early stopping) by
 * transforming its {@code Flux<TrainingStep>} with Reactor operators.
 *
 * <p>{@link #apply} is called once per run, when the run is subscribed to, so state kept in the returned
 * {@code Flux} (a best error, a counter) belongs to that run only. To end a run, report why with
 * {@link PluginContext#stop(TrainingStep, String)} and complete the stream, typically with
 * {@code takeUntil}: completing cancels the engine, so no further step is computed.
 *
 * <pre>{@code
 * public Flux<TrainingStep> apply(Flux<TrainingStep> steps, PluginContext run) {
 *     double target = run.options().get(TARGET);
 *     return steps.takeUntil(step -> step.meanAbsoluteError() <= target
 *             && run.stop(step, "error reached " + target));
 * }
 * }</pre>
 *
 * <p>An exception thrown by the plugin, or an error signal it emits, ends the run with a
 * {@link dev.backflux.api.PluginFailureException} naming the plugin.
 */
public interface StepPlugin extends Plugin {

    /**
     * Returns the steps the rest of the run sees.
     *
     * @param steps the steps of one run, as the engine and the plugins selected before this one publish them
     * @param run this run and this plugin's options
     * @return the transformed steps, never {@code null}
     */
    Flux<TrainingStep> apply(Flux<TrainingStep> steps, PluginContext run);
}
