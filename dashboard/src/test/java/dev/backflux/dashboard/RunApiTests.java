package dev.backflux.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.TrainingStep;
import dev.backflux.api.WeightStory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

/** Starting, listing, cancelling and explaining runs through the JSON API, on 127.0.0.1. */
class RunApiTests {

    static final String XOR = "{\"name\": \"xor\", \"layers\": [3, 4, 1], \"steps\": 60000, \"data\": \"xor\"}";
    static final String ENDLESS = "{\"layers\": [3, 4, 1], \"steps\": 1000000000, \"data\": \"xor\"}";

    private Dashboard dashboard;
    private Http http;

    @BeforeEach
    void start() {
        dashboard = Dashboard.builder().port(0).maxRuns(2).maxSteps(1_000_000_000L).build().start();
        http = Http.authorized(dashboard);
    }

    @AfterEach
    void stop() {
        dashboard.close();
    }

    @Test
    void aRunStartedFromASpecTrainsTheTutorialsNetworkAndEndsCompleted() {
        StepVerifier.create(http.post("/api/runs", XOR))
                .assertNext(response -> {
                    assertEquals(201, response.status(), response.body());
                    JsonNode run = response.json();
                    assertEquals("run-1", run.get("id").asString());
                    assertEquals("xor", run.get("name").asString());
                    assertEquals("http", run.get("source").asString());
                    assertEquals("[3,4,1]", run.get("layers").toString());
                    assertEquals(60000, run.get("steps").asLong());
                    assertEquals("sigmoid", run.get("activation").asString());
                    assertEquals("/api/runs/run-1", response.headers().get("Location"));
                })
                .verifyComplete();
        JsonNode result = awaitResult("run-1");
        assertEquals("COMPLETED", result.get("reason").asString());
        assertEquals(60000, result.get("stepsRun").asLong());
        assertEquals(59999, result.get("lastStep").asLong());

        StepVerifier.create(http.get("/api/runs"))
                .assertNext(response -> {
                    JsonNode run = response.json().get("runs").get(0);
                    assertEquals("completed", run.get("state").asString());
                    assertEquals(59999, run.get("step").asLong());
                    // The tutorial's three-layer network ends near 0.0032 (its printed error at 50000: 0.0035).
                    assertEquals(0.0032, run.get("error").asDouble(), 0.0002);
                    assertEquals("COMPLETED", run.get("result").get("reason").asString());
                    assertEquals(0, response.json().get("training").asInt());
                })
                .verifyComplete();
    }

    @Test
    void aRunningRunHasNoResultYetAndCancellingItEndsItCancelled() {
        assertEquals(201, http.post("/api/runs", ENDLESS).block().status());
        Http.Response early = http.get("/api/runs/run-1/result").block();
        assertEquals(409, early.status());
        assertEquals("id", early.field());
        assertEquals("id: expected a run that has ended, actual 'run-1', still training", early.message());

        StepVerifier.create(http.post("/api/runs/run-1/cancel", ""))
                .assertNext(response -> {
                    assertEquals(200, response.status(), response.body());
                    assertEquals("cancelled", response.json().get("state").asString());
                    assertEquals("CANCELLED", response.json().get("result").get("reason").asString());
                })
                .verifyComplete();
        JsonNode result = http.get("/api/runs/run-1/result").block().json();
        assertEquals("CANCELLED", result.get("reason").asString());
        assertEquals(result.get("stepsRun").asLong() - 1, result.get("lastStep").asLong());
    }

    /**
     * A request sent on a kept-alive connection while the server is still ending the previous one is answered:
     * reactor-netty 1.3.7 stopped reading such a connection about once in fifteen of these sequences (its issue
     * 4361, fixed in the 1.3.8 the parent pom pins), and the client waited for ever.
     */
    @Test
    void requestsRightAfterOneAnotherOnAKeptAliveConnectionAreAllAnswered() {
        dashboard.close();
        for (int i = 0; i < 100; i++) {
            // A new dashboard each time: the race shows on a connection's first requests.
            dashboard = Dashboard.builder().port(0).maxRuns(2).maxSteps(1_000_000_000L).build().start();
            Http client = Http.authorized(dashboard);
            assertEquals(201, client.post("/api/runs", ENDLESS).block().status(), "start, round " + i);
            assertEquals(409, client.get("/api/runs/run-1/result").block().status(), "early result, round " + i);
            assertEquals(200, client.post("/api/runs/run-1/cancel", "").block().status(), "cancel, round " + i);
            assertEquals(200, client.get("/api/runs/run-1/result").block().status(), "result, round " + i);
            dashboard.close();
        }
    }

    @Test
    void moreRunsThanAllowedAreRefusedWith429UntilOneEnds() {
        assertEquals(201, http.post("/api/runs", ENDLESS).block().status());
        assertEquals(201, http.post("/api/runs", ENDLESS).block().status());
        Http.Response third = http.post("/api/runs", ENDLESS).block();
        assertEquals(429, third.status());
        assertEquals("runs: expected at most 2 runs started over HTTP training at once, actual 2 training:"
                + " wait for one to end or cancel one", third.message());

        assertEquals(200, http.post("/api/runs/run-1/cancel", "").block().status());
        assertEquals(201, http.post("/api/runs", ENDLESS).block().status());
    }

    @Test
    void aRunTheApplicationShowsIsListedButCannotBeCancelledOverHttp() {
        var run = dev.backflux.api.Trainer.training(dev.backflux.api.Network.of(3, 4, 1),
                dev.backflux.testing.Tutorial.XOR).steps(1_000_000_000L).build().start();
        try {
            assertEquals("run-1", dashboard.show("the application's", run));
            JsonNode listed = http.get("/api/runs").block().json().get("runs").get(0);
            assertEquals("application", listed.get("source").asString());
            assertEquals("the application's", listed.get("name").asString());
            Http.Response refused = http.post("/api/runs/run-1/cancel", "").block();
            assertEquals(403, refused.status());
            assertEquals("id: expected a run started over HTTP, actual 'run-1', which the application started:"
                    + " only it can cancel the run", refused.message());
            assertFalse(run.isDone());
        } finally {
            run.cancel();
        }
        dashboard.close();
        assertTrue(run.result().block(Duration.ofSeconds(10)) != null);
    }

    @Test
    void aWeightsStoryIsTheLatestStepsExplanation() {
        var run = dev.backflux.api.Trainer.training(dev.backflux.api.Network.of(3, 4, 1),
                dev.backflux.testing.Tutorial.XOR).steps(500).build().start();
        dashboard.show("xor", run);
        run.result().block(Duration.ofSeconds(20));
        TrainingStep last = run.latest().orElseThrow();
        WeightStory expected = last.explain(1, 2, 0);

        JsonNode story = http.get("/api/runs/run-1/weights/1/2/0").block().json();
        assertEquals(499, story.get("step").asLong());
        assertEquals(4, story.get("examples").size());
        for (int e = 0; e < 4; e++) {
            JsonNode example = story.get("examples").get(e);
            assertEquals(expected.input(e), example.get("input").asDouble());
            assertEquals(expected.error(e), example.get("error").asDouble());
            assertEquals(expected.slope(e), example.get("slope").asDouble());
            assertEquals(expected.delta(e), example.get("delta").asDouble());
            assertEquals(expected.update(e), example.get("update").asDouble());
        }
        assertEquals(expected.update(), story.get("update").asDouble());
        assertEquals(expected.before(), story.get("before").asDouble());
        assertEquals(expected.after(), story.get("after").asDouble());
        assertEquals(expected.agreement(), story.get("agreement").asDouble());
        assertEquals(expected.examplesAgree(), story.get("examplesAgree").asBoolean());
        assertEquals(expected.toString(), story.get("table").asString());

        Http.Response outside = http.get("/api/runs/run-1/weights/2/0/0").block();
        assertEquals(400, outside.status());
        assertTrue(outside.message().contains("expected a weight matrix in [0, 1], actual 2"), outside.message());
        Http.Response notANumber = http.get("/api/runs/run-1/weights/1/x/0").block();
        assertEquals(400, notANumber.status());
        assertEquals("from: expected an integer, actual 'x'", notANumber.message());
    }

    @Test
    void theErrorCurveOfAFinishedRunStartsAtStep0AndEndsAtItsLastStep() {
        var run = dev.backflux.api.Trainer.training(dev.backflux.api.Network.of(3, 4, 1),
                dev.backflux.testing.Tutorial.XOR).steps(20_000).build();
        // The dashboard subscribes before the run computes its first step: the run's one thread first waits at a gate.
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor();
        thread.execute(() -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        var started = run.start(reactor.core.scheduler.Schedulers.fromExecutorService(thread));
        dashboard.show("xor", started);
        gate.countDown();
        started.result().block(Duration.ofSeconds(30));
        thread.shutdown();
        JsonNode curve = awaitCurveEnd("run-1", 19_999);
        JsonNode steps = curve.get("step");
        assertTrue(steps.size() <= ErrorCurve.BUCKETS && steps.size() > 1, curve.toString());
        for (int i = 1; i < steps.size(); i++) {
            assertTrue(steps.get(i).asLong() > steps.get(i - 1).asLong());
        }
        assertEquals(19_999, steps.get(steps.size() - 1).asLong());
        assertEquals(started.latest().orElseThrow().meanAbsoluteError(),
                curve.get("last").get(steps.size() - 1).asDouble());
        assertNull(curve.get("validationMin"));
    }

    @Test
    void theActivationCurveIsTheRunsActivationWithTheSigmoidsConfidenceThreshold() {
        var run = dev.backflux.api.Trainer.training(dev.backflux.api.Network.of(3, 4, 1),
                dev.backflux.testing.Tutorial.XOR).steps(10).build().start();
        dashboard.show("xor", run);
        run.result().block(Duration.ofSeconds(20));
        JsonNode curve = http.get("/api/runs/run-1/activation").block().json();
        assertEquals(ActivationCurve.POINTS, curve.get("x").size());
        assertEquals(-6.0, curve.get("x").get(0).asDouble());
        assertEquals(0.5, curve.get("y").get(60).asDouble());
        assertEquals(0.25, curve.get("slope").get(60).asDouble());
        assertEquals(0.1, curve.get("confidentBelow").asDouble(), 1e-15);
    }

    @Test
    void aPluginThatWritesFilesRunsOverHttpOnlyWhenTheApplicationAllowsIt(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("history.csv");
        String spec = "{\"layers\": [3, 4, 1], \"steps\": 100, \"plugins\": {\"history\": {\"file\": "
                + Json.write(file.toString()) + "}}}";
        assertEquals(403, http.post("/api/runs", spec).block().status());
        assertFalse(Files.exists(file));

        try (Dashboard allowing = Dashboard.builder().port(0).allowPlugins("history").build().start()) {
            Http allowed = Http.authorized(allowing);
            assertEquals(201, allowed.post("/api/runs", spec).block().status());
            assertTrue(allowed.get("/api/plugins").block().json().toString()
                    .contains("{\"id\":\"history\",\"description\""));
            JsonNode result = awaitResult(allowed, "run-1");
            assertEquals("COMPLETED", result.get("reason").asString());
            assertEquals(101, Files.readAllLines(file).size(), "a header and a line per step");
        }
    }

    private JsonNode awaitResult(String id) {
        return awaitResult(http, id);
    }

    private static JsonNode awaitResult(Http http, String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Http.Response response = http.get("/api/runs/" + id + "/result").block();
            if (response.status() == 200) {
                return response.json();
            }
            sleep();
        }
        throw new AssertionError("run " + id + " did not end in 60 s");
    }

    private JsonNode awaitCurveEnd(String id, long lastStep) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode curve = null;
        while (System.nanoTime() < deadline) {
            curve = http.get("/api/runs/" + id + "/curve").block().json();
            JsonNode steps = curve.get("step");
            if (steps.size() > 0 && steps.get(steps.size() - 1).asLong() == lastStep) {
                return curve;
            }
            sleep();
        }
        throw new AssertionError("the curve did not reach step " + lastStep + ": " + curve);
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
