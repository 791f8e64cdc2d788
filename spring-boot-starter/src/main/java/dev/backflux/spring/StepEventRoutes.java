package dev.backflux.spring;

import dev.backflux.api.TrainingRun;
import dev.backflux.api.TrainingStep;
import dev.backflux.api.TrainingViews;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The route {@code GET <path>/runs/{name}/steps}: a kept run's steps as server-sent events, the latest step first
 * and then live ones ({@link TrainingRun#steps()}), at most one per event interval, each an event {@code step}
 * with a {@link StepEvent} and the step's index as its id; then one event {@code end} with the run's
 * {@link RunInfo}, and the stream ends. A client that cannot keep up skips steps; it never holds the run back. An
 * unknown run is a 404.
 */
final class StepEventRoutes {

    private final TrainingRuns runs;
    private final Duration interval;

    StepEventRoutes(TrainingRuns runs, Duration interval) {
        this.runs = runs;
        this.interval = interval;
    }

    RouterFunction<ServerResponse> routes(String path) {
        return RouterFunctions.route().GET(path + "/runs/{name}/steps", this::steps).build();
    }

    private Mono<ServerResponse> steps(ServerRequest request) {
        String name = request.pathVariable("name");
        Optional<TrainingRun> found = runs.find(name);
        if (found.isEmpty()) {
            return ServerResponse.notFound().build();
        }
        TrainingRun run = found.get();
        Flux<TrainingStep> steps = interval.isZero() ? run.steps()
                : run.steps().transform(TrainingViews.atMostOnePer(interval));
        Flux<ServerSentEvent<Object>> events = steps
                .map(step -> ServerSentEvent.<Object>builder(StepEvent.of(step)).id(Long.toString(step.step()))
                        .event("step").build())
                .onErrorResume(error -> Flux.empty())
                .concatWith(run.result().map(result -> ServerSentEvent.<Object>builder(RunInfo.of(name, run, result))
                        .event("end").build()));
        return ServerResponse.ok().contentType(MediaType.TEXT_EVENT_STREAM)
                .body(events, new org.springframework.core.ParameterizedTypeReference<ServerSentEvent<Object>>() { });
    }
}
