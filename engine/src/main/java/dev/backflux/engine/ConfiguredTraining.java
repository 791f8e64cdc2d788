package dev.backflux.engine;

import dev.backflux.api.Network;
import dev.backflux.api.Training;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingRun;
import dev.backflux.api.TrainingStep;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A {@link Training} whose plugins are resolved. Every run, cold or shared, is assembled the same way by
 * {@link #assemble}: the engine's steps, the run's record, its plugins, and its end.
 */
final class ConfiguredTraining implements Training {

    private final Network network;
    private final TrainingData data;
    private final long steps;
    /** The index of the run's first step: 0, or where a resumed run goes on. */
    private final long firstStep;
    private final PluginSelection selection;

    ConfiguredTraining(TrainingData data, long steps, long firstStep, PluginSelection selection) {
        this.firstStep = firstStep;
        this.network = selection.network;
        this.data = data;
        this.steps = steps;
        this.selection = selection;
    }

    /**
     * Assembles one run's chain: the engine's steps, which complete before the next one once {@code stop}
     * says so (a shared run's {@code cancel()}, or a subscriber's cancel racing a step), recorded, then each
     * plugin in turn, then the run's end.
     */
    Flux<TrainingStep> assemble(RunRecord record, RunEnd end, BooleanSupplier stop) {
        Flux<TrainingStep> engine = EngineSteps.of(network, selection.activationSource, data, steps, firstStep, stop);
        Flux<TrainingStep> chain = PluginChain.apply(engine.doOnNext(record::published), selection.stepPlugins,
                (id, configured) -> new PluginRunContext(id, configured.options, this, record, end),
                end.pending()::running);
        return end.attachTo(chain);
    }

    @Override
    public Flux<TrainingStep> flux() {
        return Flux.defer(() -> {
            RunRecord record = new RunRecord();
            RunEnd end = new RunEnd(steps, record, Schedulers.parallel(), data);
            return assemble(record, end, end::cancelRequested);
        });
    }

    @Override
    public Mono<TrainingResult> result() {
        return result(Function.identity());
    }

    @Override
    public Mono<TrainingResult> result(Function<? super Flux<TrainingStep>, ? extends Publisher<?>> observer) {
        Objects.requireNonNull(observer, "observer");
        return Mono.defer(() -> {
            AtomicReference<RunEnd> run = new AtomicReference<>();
            Flux<TrainingStep> steps = Flux.defer(() -> {
                RunRecord record = new RunRecord();
                RunEnd end = new RunEnd(this.steps, record, Schedulers.parallel(), data);
                if (!run.compareAndSet(null, end)) {
                    return Flux.error(new IllegalStateException("observer: expected a publisher that subscribes to"
                            + " the steps once, actual one that subscribed again"));
                }
                return assemble(record, end, end::cancelRequested);
            });
            return Flux.from(observer.apply(steps))
                    .then(Mono.defer(() -> run.get() != null ? run.get().resultWhenEnded()
                            : Mono.error(new IllegalStateException("observer: expected a publisher that subscribes"
                            + " to the steps, actual one that never did"))))
                    // The run's own failure is a result; an error of the observer's making stays an error, emitted
                    // once the run it stopped has ended (its files closed).
                    .onErrorResume(error -> {
                        RunEnd end = run.get();
                        if (end == null) {
                            return Mono.error(error);
                        }
                        return end.resultWhenEnded().flatMap(result -> result.error().orElse(null) == error
                                ? Mono.just(result) : Mono.error(error));
                    });
        });
    }

    @Override
    public TrainingRun start() {
        return start(TrainingThreads.get());
    }

    @Override
    public TrainingRun start(Scheduler scheduler) {
        return SharedRun.start(this, Objects.requireNonNull(scheduler, "scheduler"));
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
    public Map<String, Map<String, String>> pluginOptions() {
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        ActivationSource activation = selection.activationSource;
        for (String id : selection.ids) {
            if (activation != null && id.equals(activation.pluginId())) {
                all.put(id, activation.options());
            }
            for (PluginSelection.Configured configured : selection.stepPlugins) {
                if (configured.plugin.id().equals(id)) {
                    Map<String, String> options = new LinkedHashMap<>();
                    configured.options.asMap().forEach((name, value) -> options.put(name, String.valueOf(value)));
                    all.put(id, Collections.unmodifiableMap(options));
                }
            }
        }
        return Collections.unmodifiableMap(all);
    }

    @Override
    public String toString() {
        return "Training[" + network + ", " + data + ", " + steps + " steps, plugins " + selection.ids + "]";
    }
}
