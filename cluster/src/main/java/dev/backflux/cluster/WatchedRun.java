package dev.backflux.cluster;

import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingRun;
import dev.backflux.api.TrainingStep;
import java.util.Optional;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * A cluster run seen as a local {@link TrainingRun}: one watcher feeds a {@code Sinks.many().replay().latest()}
 * sink, and each subscriber takes from it with {@code onBackpressureLatest().publishOn(parallel, 1)}, the
 * operators a local run's subscribers get; the sink completes only after the result is there.
 */
final class WatchedRun implements TrainingRun {

    private final ClusterRun run;
    private final Sinks.Many<TrainingStep> steps = Sinks.many().replay().latest();
    private final Mono<TrainingResult> result;
    private final Disposable feed;
    private volatile TrainingStep latest;
    private volatile boolean done;

    WatchedRun(ClusterRun run) {
        this.run = run;
        this.result = run.result().doOnNext(ended -> done = true);
        this.feed = run.steps()
                .doOnNext(step -> {
                    latest = step;
                    steps.tryEmitNext(step);
                })
                .onErrorResume(error -> Mono.empty())
                .then(result)
                .subscribe(ended -> {
                    if (ended.reason() == TrainingResult.Reason.FAILED && ended.error().isPresent()) {
                        steps.tryEmitError(ended.error().get());
                    } else {
                        steps.tryEmitComplete();
                    }
                }, steps::tryEmitError);
    }

    @Override
    public Flux<TrainingStep> steps() {
        return steps.asFlux().onBackpressureLatest().publishOn(Schedulers.parallel(), 1);
    }

    @Override
    public Mono<TrainingResult> result() {
        return result;
    }

    @Override
    public Optional<TrainingStep> latest() {
        return Optional.ofNullable(latest);
    }

    @Override
    public void cancel() {
        run.cancel().subscribe(ok -> { }, error -> { });
    }

    @Override
    public boolean isDone() {
        return done;
    }

    @Override
    public String toString() {
        return "WatchedRun[" + run.id() + "]" + (feed.isDisposed() ? " (ended)" : "");
    }
}
