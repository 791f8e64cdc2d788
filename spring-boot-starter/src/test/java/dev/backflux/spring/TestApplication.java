package dev.backflux.spring;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** The application the starter's tests boot: nothing of its own but a route that blocks, to show BlockHound works. */
@SpringBootApplication
public class TestApplication {

    /**
     * A route that sleeps on the event loop: BlockHound must turn it into a server error.
     *
     * @return the route
     */
    @Bean
    RouterFunction<ServerResponse> blockingRoute() {
        return RouterFunctions.route().GET("/test/blocking", request -> Mono.fromCallable(() -> {
            Thread.sleep(1);
            return "slept";
        }).flatMap(text -> ServerResponse.ok().bodyValue(text))).build();
    }
}
