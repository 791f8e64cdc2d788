package dev.backflux.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingRun;
import dev.backflux.api.TrainingStep;
import dev.backflux.testing.Tutorial;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

/** A run's steps as server-sent events: the latest step first, then live ones, then the run's end. */
class StepStreamTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private Dashboard dashboard;
    private Http http;

    @BeforeEach
    void start() {
        dashboard = Dashboard.builder().port(0).eventInterval(Duration.ofMillis(20)).maxStreamClients(2).build()
                .start();
        http = Http.authorized(dashboard);
    }

    @AfterEach
    void stop() {
        dashboard.close();
    }

    @Test
    void aLateClientGetsTheLatestStepThenLiveOnesThenTheEndWhenTheRunIsCancelled() {
        TrainingRun run = Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(1_000_000_000L).build().start();
        dashboard.show("xor", run);
        awaitStep(run, 2_000);
        AtomicLong previous = new AtomicLong(-1);

        StepVerifier.create(http.events("/api/runs/run-1/steps"))
                .assertNext(first -> {
                    assertEquals("step", first.name());
                    long id = Long.parseLong(first.id());
                    assertTrue(id >= 2_000, "the first event is the latest step, not step 0: " + id);
                    JsonNode step = first.json();
                    assertEquals(id, step.get("step").asLong());
                    assertEquals("full", step.get("detail").asString());
                    assertEquals(3, step.get("layers").size());
                    assertEquals(4, step.get("layers").get(1).size());
                    assertEquals(2, step.get("weights").size());
                    previous.set(id);
                })
                .assertNext(live -> assertLater(live, previous))
                .assertNext(live -> assertLater(live, previous))
                .then(run::cancel)
                .thenConsumeWhile(event -> event.name().equals("step"), event -> assertLater(event, previous))
                .assertNext(end -> {
                    assertEquals("end", end.name());
                    JsonNode summary = end.json();
                    assertEquals("cancelled", summary.get("state").asString());
                    assertEquals(previous.get(), summary.get("result").get("lastStep").asLong(),
                            "the last step event is the run's last step");
                })
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void aClientOfAnEndedRunGetsItsLastStepAndItsEnd() {
        TrainingRun run = Trainer.training(Network.of(3, 1), Tutorial.COPY_FIRST_COLUMN).steps(500).build().start();
        dashboard.show("two-layer", run);
        run.result().block(WAIT);
        TrainingStep last = run.latest().orElseThrow();

        StepVerifier.create(http.events("/api/runs/run-1/steps"))
                .assertNext(step -> {
                    assertEquals("step", step.name());
                    assertEquals("499", step.id());
                    assertEquals(last.meanAbsoluteError(), step.json().get("error").asDouble());
                    assertEquals(last.weights(0).get(2, 0),
                            step.json().get("weights").get(0).get(2).get(0).asDouble());
                })
                .assertNext(end -> {
                    assertEquals("end", end.name());
                    assertEquals("completed", end.json().get("state").asString());
                    assertEquals("COMPLETED", end.json().get("result").get("reason").asString());
                })
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void clientsBeyondTheLimitAreRefusedUntilOneLeaves() {
        TrainingRun run = Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(1_000_000_000L).build().start();
        try {
            dashboard.show("xor", run);
            awaitStep(run, 1);
            Disposable first = http.events("/api/runs/run-1/steps").subscribe();
            Disposable second = http.events("/api/runs/run-1/steps").subscribe();
            awaitClients(2);

            Http.Response refused = http.get("/api/runs/run-1/steps").block();
            assertEquals(429, refused.status());
            assertEquals("id: expected a run with fewer than 2 event-stream clients, actual 'run-1' with 2",
                    refused.message());

            first.dispose();
            awaitClients(1);
            StepVerifier.create(http.events("/api/runs/run-1/steps").take(1))
                    .assertNext(event -> assertEquals("step", event.name()))
                    .expectComplete()
                    .verify(WAIT);
            second.dispose();
            awaitClients(0);
        } finally {
            run.cancel();
        }
    }

    private static void assertLater(Event event, AtomicLong previous) {
        assertEquals("step", event.name());
        long id = Long.parseLong(event.id());
        assertTrue(id > previous.get(), id + " after " + previous.get());
        assertEquals(id, event.json().get("step").asLong());
        previous.set(id);
    }

    private static void awaitStep(TrainingRun run, long step) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (run.latest().map(TrainingStep::step).orElse(-1L) < step) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the run did not reach step " + step);
            }
            Thread.onSpinWait();
        }
    }

    private void awaitClients(int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (http.get("/api/runs/run-1").block().json().get("streamClients").asInt() != count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the run never had " + count + " stream clients");
            }
            Thread.onSpinWait();
        }
    }
}
