package dev.backflux.engine;

import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingRun;
import dev.backflux.api.TrainingStep;
import java.util.Optional;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.publisher.Flux;

/**
 * A {@link TrainingRun}: one subscription to the run's steps on the run's scheduler, broadcast to any number
 * of subscribers through a {@link LatestBroadcast}. The run's end is published from one place, the tracker's
 * result, so that subscribers and {@link #result()} always agree.
 */
final class HotRun implements TrainingRun {

    private final RunTracker tracker;
    private final LatestBroadcast<TrainingStep> broadcast = new LatestBroadcast<>(TrainingScheduler.delivery());
    private final Sinks.One<TrainingResult> result = Sinks.one();
    private final Disposable subscription;

    HotRun(ConfiguredTraining training, Scheduler scheduler) {
        this.tracker = new RunTracker(training);
        tracker.onResult(this::ended);
        Flux<TrainingStep> steps = tracker.steps();
        // Errors and completion reach the broadcast through the tracker's result, in ended().
        this.subscription = steps.subscribeOn(scheduler).subscribe(broadcast::next, error -> { }, () -> { });
    }

    private void ended(TrainingResult ended) {
        Optional<Throwable> error = ended.error();
        if (error.isPresent()) {
            broadcast.error(error.get());
        } else {
            broadcast.complete();
        }
        result.tryEmitValue(ended);
    }

    @Override
    public Flux<TrainingStep> steps() {
        return broadcast.flux();
    }

    @Override
    public Mono<TrainingResult> result() {
        return result.asMono();
    }

    @Override
    public Optional<TrainingStep> latest() {
        return Optional.ofNullable(broadcast.latest());
    }

    @Override
    public void cancel() {
        subscription.dispose();
        // A run cancelled before its first step never saw the cancellation: end it here (once).
        tracker.cancelled();
    }

    /** The number of subscribers waiting for live steps, for tests. */
    int subscriberCount() {
        return broadcast.subscriberCount();
    }

    @Override
    public boolean isDone() {
        return tracker.result() != null;
    }
}
