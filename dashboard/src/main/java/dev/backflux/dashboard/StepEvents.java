package dev.backflux.dashboard;

import dev.backflux.api.TrainingStep;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A run's steps as server-sent events: {@code event: step} with the step's index as {@code id} and its JSON
 * ({@link StepJson}) as data, the latest step first, then live ones at most one per interval (the last one always;
 * see {@link ShownRun#stepEvents()});
 * a comment every keep-alive period so that a client that went away is noticed; and, once the run has ended,
 * {@code event: end} with the run's summary (its state and result), after which the stream completes.
 */
final class StepEvents {

    private StepEvents() {
    }

    /**
     * One client's events. A client that reads slower than the events come skips steps: it is sent the latest
     * event when it asks, and step events are dropped while its connection cannot take more ({@code writable}
     * false), so that a stalled client holds at most one event and its connection's buffer. The end is never
     * dropped.
     */
    static Flux<String> of(ShownRun run, BooleanSupplier writable, Duration keepAlive) {
        Flux<String> steps = run.stepEvents()
                .onBackpressureLatest()
                .filter(event -> writable.getAsBoolean())
                .onErrorResume(error -> Mono.empty())
                .concatWith(run.run().result().map(result -> end(run)));
        return steps.publish(shared -> Flux.merge(shared, Flux.interval(keepAlive, keepAlive, Schedulers.parallel())
                .map(tick -> ": keep-alive\n\n")
                .onBackpressureDrop()
                .takeUntilOther(shared.ignoreElements())));
    }

    static String step(TrainingStep step) {
        return "id: " + step.step() + "\nevent: step\ndata: " + Json.write(StepJson.of(step)) + "\n\n";
    }

    static String end(ShownRun run) {
        return "event: end\ndata: " + Json.write(run.summary()) + "\n\n";
    }
}
