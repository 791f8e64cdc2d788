package dev.backflux.engine;

import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingResult.Reason;
import dev.backflux.api.TrainingStep;
import java.time.Duration;
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

    /**
     * @param requestedSteps the steps the run was asked for
     * @param record what the run does, read when it ends
     * @param clock the scheduler whose clock times the run (virtual time in tests)
     */
    RunEnd(long requestedSteps, RunRecord record, Scheduler clock) {
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
                    end(Reason.FAILED, String.valueOf(error), null, error);
                    return terminal();
                })
                .concatWith(Mono.defer(() -> {
                    complete();
                    return terminal();
                }))
                .doOnCancel(() -> end(Reason.CANCELLED, "cancelled by the subscriber after " + record.stepsRun()
                        + " steps", null, null));
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
        end(Reason.FAILED, String.valueOf(error), null, error);
    }

    /** Ends a shared run that was cancelled before it started: no step, no plugin. */
    void cancelBeforeStart() {
        end(Reason.CANCELLED, "cancelled before its first step", null, null);
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
        long stepsRun = record.stepsRun();
        if (stepsRun >= requestedSteps) {
            end(Reason.COMPLETED, "ran all " + requestedSteps + " requested steps", null, null);
            return;
        }
        if (stop != null) {
            end(Reason.STOPPED, stop.condition + " (at step " + stop.step + ")", stop.pluginId, null);
            return;
        }
        if (cancelRequested) {
            end(Reason.CANCELLED, "cancelled by TrainingRun.cancel() after " + stepsRun + " steps", null, null);
            return;
        }
        end(Reason.STOPPED, "the steps ended after " + stepsRun + " of " + requestedSteps
                + " requested steps, without a plugin saying why", null, null);
    }

    /** Decides the end, if nothing has yet; awaits the pending work, then publishes. */
    private void end(Reason reason, String condition, String stoppedBy, Throwable error) {
        if (ending.compareAndSet(false, true)) {
            Duration elapsed = elapsed();
            long stepsRun = record.stepsRun();
            TrainingStep last = record.lastStep();
            pending.awaitAll().subscribe(null,
                    failure -> {
                        if (error != null) {
                            error.addSuppressed(failure);
                            publish(new RunResult(reason, condition, stoppedBy, stepsRun, last, record.bestStep(),
                                    record.bestError(), elapsed, error));
                        } else {
                            publish(new RunResult(Reason.FAILED, String.valueOf(failure), null, stepsRun, last,
                                    record.bestStep(), record.bestError(), elapsed, failure));
                        }
                    },
                    () -> publish(new RunResult(reason, condition, stoppedBy, stepsRun, last, record.bestStep(),
                            record.bestError(), elapsed, error)));
        }
    }

    private void publish(TrainingResult outcome) {
        for (Listener listener : pluginListeners) {
            try {
                listener.consumer.accept(outcome);
            } catch (RuntimeException e) {
                // The run has ended already: a listener's failure is reported, it does not change the outcome.
                LOG.warn("Plugin '{}' failed while the run ended ({})", listener.pluginId, outcome.reason(), e);
            }
        }
        ended = outcome;
        result.tryEmitValue(outcome);
        Optional<Throwable> error = outcome.error();
        if (error.isPresent()) {
            terminal.tryEmitError(error.get());
        } else {
            terminal.tryEmitEmpty();
        }
        for (Consumer<TrainingResult> listener : engineListeners) {
            listener.accept(outcome);
        }
    }

    /**
     * The chain's terminal signal once the result is published: a sink's, so that it reaches a subscriber
     * that has no outstanding demand (Reactive Streams §1.4, §1.9), as {@code flatMap} on the result would not.
     */
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
