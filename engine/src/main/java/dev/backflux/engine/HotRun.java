package dev.backflux.engine;

import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingRun;
import dev.backflux.api.TrainingStep;
import java.util.Optional;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A {@link TrainingRun}: one subscription to the run's steps on the training scheduler, broadcast to any
 * number of subscribers through a {@link LatestBroadcast}.
 */
final class HotRun implements TrainingRun {

    private final RunTracker tracker;
    private final LatestBroadcast<TrainingStep> broadcast = new LatestBroadcast<>(Schedulers.parallel());
    private final Sinks.One<TrainingResult> result = Sinks.one();
    private final Disposable subscription;

    HotRun(ConfiguredTraining training, Scheduler scheduler) {
        this.tracker = new RunTracker(training);
        Flux<TrainingStep> steps = tracker.steps();
        this.subscription = steps.subscribeOn(scheduler).subscribe(broadcast::next, this::failed, this::ended);
    }

    private void ended() {
        broadcast.complete();
        result.tryEmitValue(tracker.result());
    }

    private void failed(Throwable error) {
        broadcast.error(error);
        result.tryEmitValue(tracker.result());
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
        if (!subscription.isDisposed()) {
            subscription.dispose();
            // A run cancelled before its first step never saw the cancellation: end it here.
            tracker.cancelled();
            ended();
        }
    }

    @Override
    public boolean isDone() {
        return tracker.result() != null;
    }
}
