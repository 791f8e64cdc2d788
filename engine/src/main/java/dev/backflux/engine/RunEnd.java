package dev.backflux.engine;

import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingResult.Reason;
import dev.backflux.api.TrainingStep;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * Decides once how one run ended, and publishes it.
 *
 * <p>The first terminal signal of the run's whole chain (engine and plugins) decides the reason: completion
 * (every step ran, a plugin stopped it, or {@link #requestCancel()} asked it to stop), an error, or the
 * subscriber's cancellation; a fatal error thrown on a shared run's thread ends it through {@link #fail}.
 * Then every plugin's pending work is awaited, whether or not anyone still waits for the run (this is the one
 * place the engine subscribes by itself: the end must happen even when the subscriber has gone), then the
 * plugins' end listeners run, then the result is published, and only then does the chain terminate for its
 * subscriber. A failure of the pending work turns the result into {@code FAILED}.
 */
final class RunEnd {

    private static final Logger LOG = LoggerFactory.getLogger(RunEnd.class);

    private final long requestedSteps;
    private final RunRecord record;
    private final Scheduler clock;
    private final long startNanos;
    private final PendingWork pending = new PendingWork();
    private final List<Listener> pluginListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<TrainingResult>> engineListeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean ending = new AtomicBoolean();
    private final Sinks.One<TrainingResult> result = Sinks.one();
    /** The chain's own end, after the result: completes, or fails with the result's error; needs no demand. */
    private final Sinks.Empty<Void> terminal = Sinks.empty();
    private volatile TrainingResult ended;
    private volatile boolean cancelRequested;
    private final TrainingData data;

    /**
     * @param requestedSteps the steps the run was asked for
     * @param record what the run does, read when it ends
     * @param clock the scheduler whose clock times the run (virtual time in tests)
     * @param data the run's data, for the result's accuracy; null in tests that have none
     */
    RunEnd(long requestedSteps, RunRecord record, Scheduler clock, TrainingData data) {
        this.data = data;
        this.requestedSteps = requestedSteps;
        this.record = record;
        this.clock = clock;
        this.startNanos = clock.now(TimeUnit.NANOSECONDS);
    }

    /** The time since the run was subscribed to, on the run's clock. */
    Duration elapsed() {
        return Duration.ofNanos(clock.now(TimeUnit.NANOSECONDS) - startNanos);
    }

    /** The plugins' pending work, awaited before the run ends. */
    PendingWork pending() {
        return pending;
    }

    /** Calls a plugin's listener once with the result, before the result is published. */
    void onEnd(String pluginId, Consumer<TrainingResult> listener) {
        pluginListeners.add(new Listener(pluginId, listener));
    }

    /** Calls the engine's own listener once with the result, after it is published. */
    void whenEnded(Consumer<TrainingResult> listener) {
        engineListeners.add(listener);
    }

    /**
     * Makes the run's chain end with this run's end: it terminates for its subscriber after the result is
     * published (with the result's error, if any), and a cancellation ends the run as cancelled.
     */
    Flux<TrainingStep> attachTo(Flux<TrainingStep> chain) {
        return chain
                .onErrorResume(error -> {
                    end(Reason.FAILED, record.progress(), String.valueOf(error), null, error);
                    return terminal();
                })
                .concatWith(Mono.defer(() -> {
                    complete();
                    return terminal();
                }))
                .doOnCancel(() -> {
                    RunRecord.Progress at = record.progress();
                    end(Reason.CANCELLED, at, "cancelled by the subscriber after " + at.stepsRun + " steps", null,
                            null);
                    // Then, before the cancel travels upstream, the engine is told to compute no further step.
                    requestCancel();
                });
    }

    /** Asks the run to stop before its next step: when its chain then completes, it ended as cancelled. */
    void requestCancel() {
        cancelRequested = true;
    }

    /** Tells whether {@link #requestCancel()} was called: the engine then computes no further step. */
    boolean cancelRequested() {
        return cancelRequested;
    }

    /** Ends the run as failed by an error its chain could not signal (a fatal error thrown on its thread). */
    void fail(Throwable error) {
        end(Reason.FAILED, record.progress(), String.valueOf(error), null, error);
    }

    /** Ends a shared run that was cancelled before it started: no step, no plugin. */
    void cancelBeforeStart() {
        end(Reason.CANCELLED, record.progress(), "cancelled before its first step", null, null);
    }

    /** The result once published, else {@code null}. */
    TrainingResult result() {
        return ended;
    }

    /** Emits the result once published. */
    Mono<TrainingResult> resultWhenEnded() {
        return result.asMono();
    }

    private void complete() {
        RunRecord.Stop stop = record.stop();
        RunRecord.Progress at = record.progress();
        if (at.stepsRun >= requestedSteps) {
            end(Reason.COMPLETED, at, "ran all " + requestedSteps + " requested steps", null, null);
        } else if (stop != null) {
            end(Reason.STOPPED, at, stop.condition + " (at step " + stop.step + ")", stop.pluginId, null);
        } else if (cancelRequested) {
            end(Reason.CANCELLED, at, "cancelled by TrainingRun.cancel() after " + at.stepsRun + " steps", null, null);
        } else {
            end(Reason.STOPPED, at, "the steps ended after " + at.stepsRun + " of " + requestedSteps
                    + " requested steps, without a plugin saying why", null, null);
        }
    }

    /**
     * Decides the end from the published steps {@code at}, if nothing has decided it yet; awaits the pending
     * work, then publishes. The best step is read when publishing, so that a plugin's restore counts.
     */
    private void end(Reason reason, RunRecord.Progress at, String condition, String stoppedBy, Throwable error) {
        if (!ending.compareAndSet(false, true)) {
            return;
        }
        Duration elapsed = elapsed();
        pending.awaitAll().subscribe(null,
                failure -> {
                    if (error == null) {
                        publish(result(Reason.FAILED, at, String.valueOf(failure), null, elapsed, failure));
                        return;
                    }
                    if (failure != error && !Arrays.asList(error.getSuppressed()).contains(failure)) {
                        error.addSuppressed(failure);
                    }
                    publish(result(reason, at, condition, stoppedBy, elapsed, error));
                },
                () -> publish(result(reason, at, condition, stoppedBy, elapsed, error)));
    }

    private RunResult result(Reason reason, RunRecord.Progress at, String condition, String stoppedBy,
                             Duration elapsed, Throwable error) {
        TrainingStep restored = record.restoredStep();
        TrainingStep best = restored != null ? restored : at.bestStep;
        double bestError = restored != null ? RunRecord.monitored(restored) : at.bestError;
        return new RunResult(reason, condition, stoppedBy, at.stepsRun, at.lastStep, best, bestError, elapsed, error,
                data);
    }

    /**
     * Runs the plugins' end listeners, then publishes the result and terminates the chain, then runs the
     * engine's listeners. Nothing a listener throws, an {@code Error} included, keeps the end from being
     * published: it is logged. The listeners and the pending work are dropped afterwards, so that an ended run
     * holds no plugin state.
     */
    private void publish(TrainingResult outcome) {
        try {
            for (Listener listener : pluginListeners) {
                try {
                    listener.consumer.accept(outcome);
                } catch (Throwable e) {
                    // The run has ended already: a listener's failure is reported, it does not change the outcome.
                    LOG.warn("Plugin '{}' failed while the run ended ({})", listener.pluginId, outcome.reason(), e);
                }
            }
        } finally {
            ended = outcome;
            result.tryEmitValue(outcome);
            Optional<Throwable> error = outcome.error();
            if (error.isPresent()) {
                terminal.tryEmitError(error.get());
            } else {
                terminal.tryEmitEmpty();
            }
            for (Consumer<TrainingResult> listener : engineListeners) {
                try {
                    listener.accept(outcome);
                } catch (Throwable e) {
                    LOG.warn("Backflux failed to pass on the end of a run ({})", outcome.reason(), e);
                }
            }
            pluginListeners.clear();
            engineListeners.clear();
            pending.clear();
        }
    }

    private Mono<TrainingStep> terminal() {
        return terminal.asMono().then(Mono.empty());
    }

    private static final class Listener {
        final String pluginId;
        final Consumer<TrainingResult> consumer;

        Listener(String pluginId, Consumer<TrainingResult> consumer) {
            this.pluginId = pluginId;
            this.consumer = consumer;
        }
    }
}
