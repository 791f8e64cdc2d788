package dev.backflux.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.netty.ByteBufFlux;
import reactor.test.StepVerifier;

/** Every bad request gets its status and a JSON message naming the field, the expected and the actual value. */
class BadRequestTests {

    private Dashboard dashboard;
    private Http http;

    @BeforeEach
    void start() {
        dashboard = Dashboard.builder().port(0).maxSteps(100_000).maxNetwork(64, 1000).maxExamples(8)
                .maxBodyBytes(2048).build().start();
        http = Http.authorized(dashboard);
    }

    @AfterEach
    void stop() {
        dashboard.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "malformed JSON | `{\"layers\": [3, 4, 1]` | 400 | body | body: expected JSON, actual malformed JSON",
        "not an object | `[3, 4, 1]` | 400 | body | body: expected a JSON object, actual array [3,4,1]",
        "an unknown field | `{\"layers\": [3, 1], \"steps\": 5, \"epochs\": 5}` | 400 | epochs"
                + " | epochs: expected one of the fields [activation, data, layers, learningRate, name, plugins,"
                + " seed, steps], actual 'epochs'",
        "layers as text | `{\"layers\": \"3,4,1\", \"steps\": 5}` | 400 | layers"
                + " | layers: expected an array of 2 to 10 layer sizes, each 1 to 64, actual \"3,4,1\"",
        "a layer of 0 units | `{\"layers\": [3, 0, 1], \"steps\": 5}` | 400 | layers[1]"
                + " | layers[1]: expected an integer from 1 to 64, actual 0",
        "a layer too wide | `{\"layers\": [3, 65, 1], \"steps\": 5}` | 400 | layers[1]"
                + " | layers[1]: expected an integer from 1 to 64, actual 65",
        "too many weights | `{\"layers\": [3, 64, 64, 1], \"steps\": 5}` | 400 | layers"
                + " | layers: expected a network of at most 1000 weights, actual 4352 weights",
        "no steps | `{\"layers\": [3, 4, 1]}` | 400 | steps | steps: expected an integer from 1 to 100000, actual nothing",
        "too many steps | `{\"layers\": [3, 4, 1], \"steps\": 100001}` | 400 | steps"
                + " | steps: expected an integer from 1 to 100000, actual 100001",
        "steps as text | `{\"layers\": [3, 4, 1], \"steps\": \"10\"}` | 400 | steps"
                + " | steps: expected an integer from 1 to 100000, actual string \"10\"",
        "a fractional seed | `{\"layers\": [3, 4, 1], \"steps\": 5, \"seed\": 1.5}` | 400 | seed"
                + " | seed: expected an integer from 0 to 4294967295, actual 1.5",
        "a negative learning rate | `{\"layers\": [3, 4, 1], \"steps\": 5, \"learningRate\": -1}` | 400 | learningRate"
                + " | learningRate: expected a positive finite number, actual -1.0",
        "an unknown activation | `{\"layers\": [3, 4, 1], \"steps\": 5, \"activation\": \"swish\"}` | 400 | activation"
                + " | activation: expected an activation plugin, one of [identity, leaky-relu, relu, sigmoid, softplus,"
                + " tanh], actual 'swish'",
        "an unknown plugin | `{\"layers\": [3, 4, 1], \"steps\": 5, \"plugins\": {\"tensorboard\": {}}}` | 400"
                + " | plugins.tensorboard | plugins.tensorboard: expected a plugin id, one of [early-stopping,"
                + " history, logging, progress], actual 'tensorboard'",
        "an activation as a plugin | `{\"layers\": [3, 4, 1], \"steps\": 5, \"plugins\": {\"tanh\": {}}}` | 400"
                + " | plugins.tanh | plugins.tanh: expected a plugin that is not an activation (choose it with"
                + " \"activation\"), actual the activation 'tanh'",
        "a plugin that writes files | `{\"layers\": [3, 4, 1], \"steps\": 5, \"plugins\": {\"history\": {}}}` | 403"
                + " | plugins.history | plugins.history: expected a plugin allowed over HTTP, one of [early-stopping,"
                + " identity, leaky-relu, logging, relu, sigmoid, softplus, tanh], actual 'history' (plugins that"
                + " write files or run your own code are allowed only by the application that embeds the dashboard)",
        "a bad plugin option | `{\"layers\": [3, 4, 1], \"steps\": 5, \"plugins\": {\"early-stopping\":"
                + " {\"target\": \"low\"}}}` | 400 | plugins.early-stopping.target"
                + " | early-stopping: option 'target': expected a number in [0.0, 1.7976931348623157E308], actual 'low'",
        "an unknown data set | `{\"layers\": [3, 4, 1], \"steps\": 5, \"data\": \"mnist\"}` | 400 | data"
                + " | data: expected a data set's name, one of [copy-first, xor], actual 'mnist'",
        "ragged inline data | `{\"layers\": [2, 1], \"steps\": 5, \"data\": {\"inputs\": [[0, 1], [1]],"
                + " \"targets\": [[0], [1]]}}` | 400 | data.inputs[1] | data.inputs[1]: expected an array of 2"
                + " numbers, actual 1 elements",
        "too many examples | `{\"layers\": [1, 1], \"steps\": 5, \"data\": {\"inputs\": [[0],[0],[0],[0],[0],[0],"
                + "[0],[0],[0]], \"targets\": [[0],[0],[0],[0],[0],[0],[0],[0],[0]]}}` | 400 | data.inputs"
                + " | data.inputs: expected an array of 1 to 8 rows of the same number of finite numbers, actual 9 rows",
        "inputs that do not fit the network | `{\"layers\": [2, 4, 1], \"steps\": 5, \"data\": \"xor\"}` | 400"
                + " | layers | layers: expected an input layer of 3 units, as the data has, actual 2",
        "targets that do not fit the network | `{\"layers\": [3, 4, 2], \"steps\": 5, \"data\": \"xor\"}` | 400"
                + " | layers | layers: expected an output layer of 1 units, as the data's targets have, actual 2",
    })
    void aBadSpecIsRefusedNamingTheField(String what, String body, int status, String field, String message) {
        StepVerifier.create(http.post("/api/runs", body))
                .assertNext(response -> {
                    assertEquals(status, response.status(), response.body());
                    assertEquals("application/json", response.headers().get(HttpHeaderNames.CONTENT_TYPE));
                    assertEquals(field, response.field(), response.body());
                    assertTrue(response.message().startsWith(message), response.message());
                })
                .verifyComplete();
        assertEquals(0, http.get("/api/runs").block().json().get("runs").size(), "no run was started");
    }

    @Test
    void aBodyLargerThanTheLimitIsRefusedWith413BeforeItIsRead() {
        String large = "{\"name\": \"" + "x".repeat(3000) + "\"}";
        Http.Response response = http.post("/api/runs", large).block();
        assertEquals(413, response.status());
        assertEquals("body: expected at most 2048 bytes, actual 3012 bytes", response.message());
    }

    @Test
    void aChunkedBodyLargerThanTheLimitIsRefusedWith413WhileItIsRead() {
        byte[] part = " ".repeat(1000).getBytes(StandardCharsets.UTF_8);
        Http.Response response = http.client()
                .headers(h -> h.set(HttpHeaderNames.TRANSFER_ENCODING, "chunked"))
                .post().uri("/api/runs")
                .send(ByteBufFlux.fromString(Flux.just("{\"name\": \"", new String(part), new String(part),
                        new String(part), "\"}")))
                .responseSingle((r, body) -> body.asString().defaultIfEmpty("")
                        .map(text -> new Http.Response(r.status().code(), r.responseHeaders(), text)))
                .block(Http.TIMEOUT);
        assertEquals(413, response.status());
        assertEquals("body: expected at most 2048 bytes, actual more", response.message());
    }

    @Test
    void anUnknownRunIsA404NamingTheId() {
        for (String uri : Arrays.asList("/api/runs/run-9", "/api/runs/run-9/result", "/api/runs/run-9/curve",
                "/api/runs/run-9/steps", "/api/runs/run-9/weights/0/0/0", "/api/runs/nothing/activation")) {
            Http.Response response = http.get(uri).block();
            assertEquals(404, response.status(), uri);
            assertEquals("id", response.field());
            assertTrue(response.message().startsWith("id: expected the id of a run this dashboard shows, actual '"),
                    response.message());
        }
        assertEquals(404, http.post("/api/runs/run-9/cancel", "").block().status());
    }

    @Test
    void aRunWithoutAStepYetHasNoStoryNorActivation() {
        // A scheduler that never runs the run's work: the run publishes nothing until cancelled.
        var run = dev.backflux.api.Trainer.training(dev.backflux.api.Network.of(3, 4, 1),
                dev.backflux.testing.Tutorial.XOR).steps(5).build().start(Schedulers.fromExecutor(task -> { }));
        try {
            dashboard.show("waiting", run);
            for (String uri : Arrays.asList("/api/runs/run-1/weights/0/0/0", "/api/runs/run-1/activation")) {
                Http.Response response = http.get(uri).block();
                assertEquals(409, response.status(), uri);
                assertEquals("id: expected a run with a step, actual 'run-1', which has published none yet",
                        response.message());
            }
        } finally {
            run.cancel();
        }
    }
}
