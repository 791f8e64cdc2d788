package dev.backflux.api.spi;

import dev.backflux.api.Network;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingStep;
import java.time.Duration;
import org.reactivestreams.Publisher;
import java.util.function.Consumer;

/**
 * What a {@link StepPlugin} knows of the run it is applied to, and how it reports back: one context per
 * plugin and per run.
 */
public interface PluginContext {

    /**
     * Returns this plugin's options for this run, checked at assembly.
     *
     * @return the options, never {@code null}
     */
    PluginOptions options();

    /**
     * Returns the network being trained, with the activation the run actually uses.
     *
     * @return the network, never {@code null}
     */
    Network network();

    /**
     * Returns the data being trained on.
     *
     * @return the data, never {@code null}
     */
    TrainingData data();

    /**
     * Returns the number of steps the run was asked for: the most it computes.
     *
     * @return at least 1
     */
    long steps();

    /**
     * Returns the time since the run was subscribed to, on the clock of the run's scheduler: real time,
     * or virtual time under Reactor's {@code VirtualTimeScheduler} in tests.
     *
     * @return the elapsed time, never negative
     */
    Duration elapsed();

    /**
     * Records that this plugin ends the run at step {@code step} because of {@code condition}; the plugin
     * then completes its stream, typically with {@code takeUntil}. The run's {@link TrainingResult} reports the
     * plugin, the condition and the step. Only the first stop of a run counts.
     *
     * <pre>{@code
     * return steps.takeUntil(step -> {
     *     boolean reached = step.meanAbsoluteError() <= target;
     *     if (reached) {
     *         context.stop(step.step(), "error reached " + target);
     *     }
     *     return reached;
     * });
     * }</pre>
     *
     * @param step the index of the last step the run computes, {@link TrainingStep#step()}
     * @param condition why, in words, such as {@code "error 0.0099 reached the target 0.01"}
     * @throws NullPointerException if {@code condition} is {@code null}
     */
    void stop(long step, String condition);

    /**
     * Makes {@code step}, a step this plugin saw earlier in the run, the run's best step: the network to keep,
     * reported by {@link TrainingResult#bestStep()} whatever the errors of other steps, as early-stopping's
     * {@code restore-best} does. The step is not sent down the stream again: every stream's step indexes
     * increase strictly. The last call of a run counts.
     *
     * @param step the step to restore
     * @throws NullPointerException if {@code step} is {@code null}
     */
    void restore(TrainingStep step);

    /**
     * Holds the end of the run until {@code pending} terminates, wherever this plugin sits in the chain and
     * however the run ends (completed, stopped, cancelled or failed): the way to finish I/O (flush and close a
     * file) without blocking, so that whoever sees the end (the stream's completion, the result, the end
     * listeners) also sees its effect. An error of {@code pending} ends the run as {@code FAILED} with a
     * {@link dev.backflux.api.PluginFailureException} naming this plugin (added as suppressed to the run's own
     * error when the run failed already). The engine subscribes to it once, when the run's chain terminates.
     * If this plugin's stream was never subscribed (a later plugin's {@code apply} threw, or ignored its
     * upstream), the work is subscribed to but not waited for: nothing would end it.
     *
     * @param pending for example a {@code Mono<Void>} that completes when a file is closed
     * @throws NullPointerException if {@code pending} is {@code null}
     */
    void completeAfter(Publisher<?> pending);

    /**
     * Registers a listener called once when the run ends, however it ends (completion, a stop, cancellation
     * or an error), with the run's result, after every plugin's pending work; for example to log a summary.
     *
     * @param listener called on the thread that ends the run; must not block; an exception it throws is
     *                 logged and does not change how the run ended
     */
    void onEnd(Consumer<TrainingResult> listener);
}
