package dev.backflux.dashboard;

import dev.backflux.api.TrainingStep;
import dev.backflux.api.TrainingViews;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A run's steps as server-sent events: {@code event: step} with the step's index as {@code id} and its JSON
 * ({@link StepJson}) as data, the latest step first, then live ones at most one per interval (the last one always);
 * a comment every keep-alive period so that a client that went away is noticed; and, once the run has ended,
 * {@code event: end} with the run's summary (its state and result), after which the stream completes.
 */
final class StepEvents {

    private StepEvents() {
    }

    static Flux<String> of(ShownRun run, Duration interval, Duration keepAlive) {
        Flux<String> steps = run.run().steps()
                .transform(TrainingViews.atMostOnePer(interval))
                .map(StepEvents::step)
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
