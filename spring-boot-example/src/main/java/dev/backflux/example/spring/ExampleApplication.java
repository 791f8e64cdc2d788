package dev.backflux.example.spring;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingData;
import dev.backflux.spring.RunRefusedException;
import dev.backflux.spring.TrainingRuns;
import java.net.URI;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A Spring Boot WebFlux application that trains the tutorial's three-layer network on request:
 * {@code POST /tutorial/{name}} starts a run (201, its step stream's URL in {@code Location}), then
 * {@code GET /backflux/runs/{name}/steps} streams it as server-sent events, {@code /actuator/backflux} lists and
 * cancels runs, {@code /actuator/metrics/backflux.run.error} shows the errors, and the dashboard is at
 * {@code /backflux/dashboard/} (its URL with the token is logged at start). All of it but the one route below
 * comes from the Backflux starter.
 */
@SpringBootApplication
public class ExampleApplication {

    /** The tutorial's data: the output is the first input column XOR the second. */
    static final TrainingData TUTORIAL = TrainingData.of(
            new double[][] {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}}, new double[][] {{0}, {1}, {1}, {0}});

    /** Most steps a request may ask for. */
    static final long MAX_STEPS = 10_000_000;

    /**
     * Starts the application.
     *
     * @param args Spring Boot's arguments, such as {@code --server.port=9090}
     */
    public static void main(String[] args) {
        SpringApplication.run(ExampleApplication.class, args);
    }

    /**
     * {@code POST /tutorial/{name}?steps=60000}: starts a run of the tutorial's network under that name.
     *
     * @param runs the starter's registry of runs
     * @return the route
     */
    @Bean
    RouterFunction<ServerResponse> tutorial(TrainingRuns runs) {
        // readme-begin spring
        return RouterFunctions.route()
                .POST("/tutorial/{name}", request -> Mono.fromCallable(() -> {
                    String name = request.pathVariable("name");
                    long steps = steps(request.queryParam("steps").orElse("60000"));
                    runs.start(name, Trainer.training(Network.of(3, 4, 1), TUTORIAL).steps(steps));
                    return URI.create("/backflux/runs/" + name + "/steps");
                }).subscribeOn(Schedulers.boundedElastic())   // building a run may read files: off the event loop
                        .flatMap(location -> ServerResponse.created(location).build()))
                .onError(BadRequest.class, (error, request) -> refuse(400, error))
                .onError(RunRefusedException.class, (error, request) -> refuse(
                        switch (error.why()) {
                            case MALFORMED_NAME -> 400;
                            case NAME_IN_USE -> 409;
                            case FULL -> 503;
                        }, error))
                .build();
        // readme-end
    }

    private static Mono<ServerResponse> refuse(int status, Throwable error) {
        return ServerResponse.status(status).bodyValue(Map.of("error", error.getMessage()));
    }

    /** A request's own argument is wrong: a 400 that names it. */
    static final class BadRequest extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    /** The number of steps a request asks for, checked. */
    static long steps(String text) {
        long steps;
        try {
            steps = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new BadRequest("steps: expected a whole number from 1 to " + MAX_STEPS + ", actual '" + text + "'");
        }
        if (steps < 1 || steps > MAX_STEPS) {
            throw new BadRequest("steps: expected a whole number from 1 to " + MAX_STEPS + ", actual " + steps);
        }
        return steps;
    }
}
