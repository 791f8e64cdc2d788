package dev.backflux.engine;

import dev.backflux.api.Network;
import dev.backflux.api.Training;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingRun;
import dev.backflux.api.TrainingStep;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** A {@link Training} whose plugins are resolved: every subscription builds a fresh {@link RunTracker}. */
final class ConfiguredTraining implements Training {

    private final Network network;
    private final TrainingData data;
    private final long steps;
    private final PluginSelection selection;

    ConfiguredTraining(TrainingData data, long steps, PluginSelection selection) {
        this.network = selection.network;
        this.data = data;
        this.steps = steps;
        this.selection = selection;
    }

    /**
     * The engine's own steps, before any plugin: one {@link Run} per subscription, one step per request; each
     * computed step is shown to {@code computed} before it is published.
     */
    Flux<TrainingStep> engineSteps(Consumer<TrainingStep> computed) {
        return Flux.generate(() -> new Run(network, data, steps), (run, sink) -> {
            TrainingStep step = run.next();
            computed.accept(step);
            sink.next(step);
            if (run.isDone()) {
                sink.complete();
            }
            return run;
        });
    }

    PluginSelection selection() {
        return selection;
    }

    @Override
    public Flux<TrainingStep> flux() {
        return Flux.defer(() -> new RunTracker(this).steps());
    }

    @Override
    public Mono<TrainingResult> result() {
        return run(Function.identity());
    }

    @Override
    public Mono<TrainingResult> run(Function<? super Flux<TrainingStep>, ? extends Publisher<?>> observer) {
        Objects.requireNonNull(observer, "observer");
        return Mono.defer(() -> {
            AtomicReference<RunTracker> tracker = new AtomicReference<>();
            Flux<TrainingStep> steps = Flux.defer(() -> {
                RunTracker run = new RunTracker(this);
                tracker.set(run);
                return run.steps();
            });
            return Flux.from(observer.apply(steps))
                    .then(Mono.fromCallable(() -> {
                        RunTracker run = tracker.get();
                        if (run == null || run.result() == null) {
                            throw new IllegalStateException("observer: expected a publisher that subscribes to the"
                                    + " steps, actual one that " + (run == null ? "never subscribed" : "did not end them"));
                        }
                        return run.result();
                    }))
                    // The run's own failure is a result; an error of the observer's making stays an error.
                    .onErrorResume(error -> failedWith(tracker.get(), error), error -> Mono.just(tracker.get().result()));
        });
    }

    private static boolean failedWith(RunTracker run, Throwable error) {
        return run != null && run.result() != null && run.result().error().orElse(null) == error;
    }

    @Override
    public TrainingRun start() {
        return start(TrainingScheduler.get());
    }

    @Override
    public TrainingRun start(Scheduler scheduler) {
        return new HotRun(this, Objects.requireNonNull(scheduler, "scheduler"));
    }

    @Override
    public Network network() {
        return network;
    }

    @Override
    public TrainingData data() {
        return data;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public List<String> plugins() {
        return selection.ids;
    }

    @Override
    public String toString() {
        return "Training[" + network + ", " + data + ", " + steps + " steps, plugins " + selection.ids + "]";
    }
}
