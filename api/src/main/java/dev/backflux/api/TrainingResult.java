package dev.backflux.api;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How and why a run ended, with its last and best steps, as Deeplearning4j's {@code EarlyStoppingResult}
 * reports it: what {@link Training#result()} and {@link TrainingRun#result()} emit, whatever the reason,
 * and what plugins' end listeners receive.
 *
 * <p>The best step is the one with the lowest validation error when the data has a validation part, and
 * the lowest training error otherwise (the first one, on ties). (The {@code early-stopping} plugin may
 * monitor another error for its own decisions and its {@code restore-best}.)
 */
public interface TrainingResult {

    /** Why a run ended. */
    enum Reason {
        /** Every requested step was computed. */
        COMPLETED,
        /** A plugin ended the run early ({@link #stoppedBy()} names it, {@link #condition()} says why). */
        STOPPED,
        /** The subscriber cancelled the run (for example with {@code take}, {@code dispose()} or a timeout). */
        CANCELLED,
        /** The run ended with an error: a divergence, a plugin's failure or a subscriber's exception. */
        FAILED
    }

    /**
     * Returns why the run ended.
     *
     * @return the reason, never {@code null}
     */
    Reason reason();

    /**
     * Says in words why the run ended: for example {@code "ran all 60000 requested steps"} or
     * {@code "no improvement of at least 1.0E-4 in 500 steps"}.
     *
     * @return the condition, never {@code null}
     */
    String condition();

    /**
     * Returns the id of the plugin that stopped the run, when {@link #reason()} is {@link Reason#STOPPED} and
     * the plugin said so through {@code PluginContext.stop}.
     *
     * @return the plugin's id, or an empty optional
     */
    Optional<String> stoppedBy();

    /**
     * Returns the number of steps the run published: the steps the engine computed and sent on; a step whose
     * computation a cancellation interrupted does not count.
     *
     * @return at least 0
     */
    long stepsRun();

    /**
     * Returns the last step the engine published, step {@code stepsRun() - 1}.
     *
     * @return the step, or an empty optional if none was
     */
    Optional<TrainingStep> lastStep();

    /**
     * Returns the step with the lowest monitored error (validation error when there is validation data,
     * training error otherwise), or the step a plugin restored (early-stopping's {@code restore-best}, which
     * may monitor another error): the network to keep is {@code bestStep().get().network()}.
     *
     * @return the step, or an empty optional if none was computed
     */
    Optional<TrainingStep> bestStep();

    /**
     * Returns the best step's monitored error (validation error when there is validation data, training
     * error otherwise), also when a plugin restored it.
     *
     * @return the error, or an empty optional if no step was computed
     */
    OptionalDouble bestError();

    /**
     * Returns the time from subscription to the end of the run, read from the clock of the run's scheduler
     * (so that virtual time in tests applies).
     *
     * @return the elapsed time, never negative
     */
    Duration elapsed();

    /**
     * Returns the error that ended the run, when {@link #reason()} is {@link Reason#FAILED}.
     *
     * @return the error, or an empty optional
     */
    Optional<Throwable> error();

    /**
     * Returns the share of training examples the run's last network classifies right, when the targets are
     * classes: one-hot rows (several columns, exactly one 1) count an example right when its largest output is at
     * the 1; 0/1 targets count it right when every output is on the target's side of 0.5; an output that is not a
     * finite number (a diverged network) is never right. The network is the last
     * step's, after its update, whole (no dropout mask), applied to the training inputs.
     *
     * @return a share in [0, 1], or an empty optional when a target is not 0 or 1 or no step ran
     */
    default OptionalDouble accuracy() {
        return OptionalDouble.empty();
    }

    /**
     * Returns the share of validation examples the run's last network classifies right, as {@link #accuracy()}
     * counts them.
     *
     * @return a share in [0, 1], or an empty optional without validation data, classes or a step
     */
    default OptionalDouble validationAccuracy() {
        return OptionalDouble.empty();
    }

    /**
     * Returns the computed steps per second of elapsed time.
     *
     * @return the rate, 0 when no time has elapsed
     */
    default double stepsPerSecond() {
        double seconds = elapsed().toNanos() / 1e9;
        return seconds > 0 ? stepsRun() / seconds : 0;
    }
}
