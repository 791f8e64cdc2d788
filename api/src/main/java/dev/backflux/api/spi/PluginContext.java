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
     * Returns the wall-clock time since the run was subscribed to.
     *
     * @return the elapsed time, never negative
     */
    Duration elapsed();

    /**
     * Records that this plugin ends the run at step {@code step} because of {@code condition}; the plugin
     * then completes its stream. The run's {@link TrainingResult} reports the plugin, the condition and the
     * step. Only the first call of a run counts.
     *
     * @param step the index of the last step the run computes, {@link TrainingStep#step()}
     * @param condition why, in words, such as {@code "error 0.0099 reached the target 0.01"}
     * @return {@code true}, so that the call fits in a {@code takeUntil} predicate
     * @throws NullPointerException if {@code condition} is {@code null}
     */
    boolean stop(long step, String condition);

    /**
     * Holds the completion of the run's stream until {@code pending} completes, wherever this plugin sits in
     * the chain: the way to finish I/O (flush and close a file) without blocking, so that whoever sees the
     * completion also sees its effect. An error of {@code pending} ends the run with an error naming this
     * plugin. Not awaited when the run fails or is cancelled.
     *
     * @param pending for example a {@code Mono<Void>} that completes when a file is closed
     * @throws NullPointerException if {@code pending} is {@code null}
     */
    void completeAfter(Publisher<?> pending);

    /**
     * Registers a listener called once when the run ends, however it ends (completion, a stop, cancellation
     * or an error), with the run's result; for example to log a summary or close a file.
     *
     * @param listener called on the thread that ends the run; must not block; an exception it throws is
     *                 logged and does not change how the run ended
     */
    void onEnd(Consumer<TrainingResult> listener);
}
