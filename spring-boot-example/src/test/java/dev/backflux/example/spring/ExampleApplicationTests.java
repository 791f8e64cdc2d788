package dev.backflux.example.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.spring.TrainingRuns;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The example as its README section uses it: start the tutorial over HTTP, stream it, see it listed; with
 * BlockHound installed for the suite, so that nothing blocks the event loop on the way.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.port=0")
@AutoConfigureWebTestClient(timeout = "PT60S")
class ExampleApplicationTests {

    @Autowired
    private WebTestClient client;
    @Autowired
    private TrainingRuns runs;

    @Test
    void aPostStartsTheTutorialWhoseStreamEndsAtItsLastStepWithTheTutorialsError() {
        client.post().uri("/tutorial/xor?steps=60000").exchange().expectStatus().isCreated()
                .expectHeader().location("/backflux/runs/xor/steps");

        List<ServerSentEvent<Map<String, Object>>> events = client.get().uri("/backflux/runs/xor/steps")
                .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() { })
                .getResponseBody().collectList().block(Duration.ofSeconds(60));

        ServerSentEvent<Map<String, Object>> end = events.get(events.size() - 1);
        assertEquals("end", end.event());
        assertEquals("completed", end.data().get("reason"));
        assertEquals(59_999, ((Number) end.data().get("step")).longValue());
        ServerSentEvent<Map<String, Object>> last = events.get(events.size() - 2);
        assertEquals("59999", last.id());
        // The same last step as training the tutorial's network here, to the bit.
        double local = Trainer.train(Network.of(3, 4, 1), ExampleApplication.TUTORIAL, 60_000).blockLast()
                .meanAbsoluteError();
        assertEquals(local, ((Number) last.data().get("error")).doubleValue());

        client.get().uri("/actuator/backflux/xor").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.reason").isEqualTo("completed");
    }

    @Test
    void badRequestsAreRefusedNamingTheArgument() {
        client.post().uri("/tutorial/bad?steps=0").exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.error").isEqualTo("steps: expected a whole number from 1 to 10000000, actual 0");
        client.post().uri("/tutorial/bad?steps=many").exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.error").isEqualTo("steps: expected a whole number from 1 to 10000000, actual 'many'");
        client.post().uri("/tutorial/-bad").exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.error").isEqualTo("name: expected 1 to 100 letters, digits, '.', '_' or '-', starting"
                        + " with a letter or digit, actual '-bad'");

        client.post().uri("/tutorial/busy?steps=10000000").exchange().expectStatus().isCreated();
        client.post().uri("/tutorial/busy").exchange().expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.error").isEqualTo("name: expected a name no running run uses, actual 'busy'");
        runs.cancel("busy");
    }
}
