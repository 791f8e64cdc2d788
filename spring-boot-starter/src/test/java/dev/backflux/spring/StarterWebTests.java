package dev.backflux.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.Training;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingRun;
import dev.backflux.api.TrainingStep;
import dev.backflux.micrometer.MetricsPlugin;
import dev.backflux.testing.Tutorial;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import ch.qos.logback.classic.Level;
import dev.backflux.testing.CapturedLog;
import org.junit.jupiter.api.AfterEach;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerInitializedEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * The starter in a WebFlux application on 127.0.0.1: the server-sent-event route, the Actuator endpoint, the
 * metrics bound to the application's registry and the dashboard, with BlockHound installed for the whole suite
 * (a blocking call on the event loop fails the request, as the test route shows).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "management.endpoints.web.exposure.include=backflux",
        "backflux.web.event-interval=5ms",
        "backflux.dashboard.token=0123456789abcdef-test"})
@AutoConfigureWebTestClient(timeout = "PT30S")
class StarterWebTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> EVENTS =
            new ParameterizedTypeReference<>() { };

    @Autowired
    private WebTestClient client;
    @Autowired
    private TrainingRuns runs;
    @Autowired
    private MeterRegistry registry;

    private static Training.Builder xor(long steps) {
        return Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(steps).configuration(Map.of());
    }

    @AfterEach
    void cancelAll() {
        runs.list().forEach(info -> runs.cancel(info.name()));
    }

    private Flux<ServerSentEvent<Map<String, Object>>> events(String name) {
        return client.get().uri("/backflux/runs/{name}/steps", name).accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk().returnResult(EVENTS).getResponseBody();
    }

    private static long index(ServerSentEvent<Map<String, Object>> event) {
        return ((Number) event.data().get("step")).longValue();
    }

    @Test
    void theRouteSendsTheLatestStepThenLiveOnesThenTheEndOnce() {
        TrainingRun run = runs.start("live", xor(Long.MAX_VALUE));
        StepVerifier.create(run.steps().filter(step -> step.step() >= 1_000).take(1)).expectNextCount(1)
                .expectComplete().verify(WAIT);
        long latest = run.latest().orElseThrow().step();

        long[] last = {-1};
        StepVerifier.create(events("live"))
                .assertNext(event -> {
                    assertEquals("step", event.event());
                    assertTrue(index(event) >= latest, index(event) + " is the latest step or newer than " + latest);
                    assertEquals(Long.toString(index(event)), event.id());
                    last[0] = index(event);
                })
                .thenConsumeWhile(event -> "step".equals(event.event()) && last[0] < 5_000_000, event -> {
                    assertTrue(index(event) > last[0], "live steps increase: " + index(event) + " after " + last[0]);
                    last[0] = index(event);
                    if (last[0] > latest + 100_000 || event.data().get("error") == null) {
                        run.cancel();
                    }
                })
                .assertNext(event -> {
                    assertEquals("end", event.event());
                    assertEquals("cancelled", event.data().get("reason"));
                    assertEquals("live", event.data().get("name"));
                })
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void aFinishedRunsStreamIsItsLastStepAndItsEnd() {
        TrainingResult result = runs.start("finished", xor(2_000)).result().block(WAIT);
        TrainingStep last = result.lastStep().orElseThrow();

        StepVerifier.create(events("finished"))
                .assertNext(event -> {
                    assertEquals(1_999L, index(event));
                    assertEquals(last.meanAbsoluteError(), ((Number) event.data().get("error")).doubleValue());
                    assertNull(event.data().get("validationError"));
                })
                .assertNext(event -> {
                    assertEquals("end", event.event());
                    assertEquals("completed", event.data().get("reason"));
                    assertEquals(1_999, ((Number) event.data().get("step")).longValue());
                })
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void anUnknownRunIsA404() {
        client.get().uri("/backflux/runs/nobody/steps").exchange().expectStatus().isNotFound();
    }

    @Test
    void theEndpointListsShowsAndCancelsRuns() {
        TrainingResult done = runs.start("done", xor(100)).result().block(WAIT);
        TrainingRun endless = runs.start("endless", xor(Long.MAX_VALUE));
        StepVerifier.create(endless.steps().take(1)).expectNextCount(1).expectComplete().verify(WAIT);

        List<Map<String, Object>> listed = client.get().uri("/actuator/backflux").exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() { }).returnResult()
                .getResponseBody();
        Map<String, Object> doneInfo = byName(listed, "done");
        assertEquals(99, ((Number) doneInfo.get("step")).longValue());
        assertEquals(done.lastStep().orElseThrow().meanAbsoluteError(), ((Number) doneInfo.get("error")).doubleValue());
        assertEquals("ended", doneInfo.get("state"));
        assertEquals("completed", doneInfo.get("reason"));
        Map<String, Object> endlessInfo = byName(listed, "endless");
        assertEquals("running", endlessInfo.get("state"));
        assertNull(endlessInfo.get("reason"));
        assertEquals(runs.list().size(), listed.size());
        client.get().uri("/actuator/backflux/done").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.reason").isEqualTo("completed");

        client.delete().uri("/actuator/backflux/endless").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo("endless");
        assertEquals(TrainingResult.Reason.CANCELLED, endless.result().block(WAIT).reason());
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!"ended".equals(runs.info("endless").orElseThrow().state()) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        client.get().uri("/actuator/backflux/endless").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.state").isEqualTo("ended")
                .jsonPath("$.reason").isEqualTo("cancelled");

        client.get().uri("/actuator/backflux/nobody").exchange().expectStatus().isNotFound();
        client.delete().uri("/actuator/backflux/nobody").exchange().expectStatus().isNotFound();
    }

    @Test
    void runsPublishMetersInTheApplicationsRegistryUntilTheyEnd() {
        TrainingRun run = runs.start("metered", xor(Long.MAX_VALUE));
        StepVerifier.create(run.steps().filter(step -> step.step() >= 100).take(1)).expectNextCount(1)
                .expectComplete().verify(WAIT);

        double counted = registry.get(MetricsPlugin.STEPS).tag("run", "metered").counter().count();
        assertTrue(counted >= 101, counted + " steps counted after step 100");
        assertNotNull(registry.find(MetricsPlugin.ERROR).tags("run", "metered", "data", "training").gauge());
        double before = endedCount("cancelled");

        run.cancel();
        run.result().block(WAIT);

        assertNull(registry.find(MetricsPlugin.STEPS).tag("run", "metered").counter());
        assertEquals(before + 1, endedCount("cancelled"));
    }

    private static Map<String, Object> byName(List<Map<String, Object>> infos, String name) {
        return infos.stream().filter(info -> name.equals(info.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no run named " + name + " in " + infos));
    }

    private double endedCount(String reason) {
        var counter = registry.find(MetricsPlugin.ENDED).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void theDashboardIsServedOnTheSameServerAndItsApiNeedsTheToken() {
        runs.start("shown", xor(10)).result().block(WAIT);

        client.get().uri("/backflux/dashboard/").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML);
        client.get().uri("/backflux/dashboard/api/runs").exchange().expectStatus().isForbidden();
        client.get().uri("/backflux/dashboard/api/runs").header("Authorization", "Bearer 0123456789abcdef-test")
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.runs[?(@.name == 'shown')].name").isEqualTo(List.of("shown"));
    }

    @Test
    void blockHoundFailsABlockingCallOnTheEventLoop() {
        client.get().uri("/test/blocking").exchange().expectStatus().is5xxServerError();
    }

    @Test
    void aRunTheApplicationStartsItselfCanBeGivenTheStartersMetricsPlugin(@Autowired MetricsPlugin metrics) {
        List<Double> counted = new java.util.concurrent.CopyOnWriteArrayList<>();
        xor(3).plugin(metrics, Map.of("name", "by-hand")).build().result(steps -> steps.doOnNext(step -> counted.add(
                registry.get(MetricsPlugin.STEPS).tag("run", "by-hand").counter().count()))).block(WAIT);

        assertEquals(List.of(1.0, 2.0, 3.0), counted);
    }

    @Test
    void theDashboardsAddressIsLoggedOnceTheServerListensWithoutAChosenToken(@Autowired ApplicationContext context) {
        ReactiveWebServerApplicationContext web = (ReactiveWebServerApplicationContext) context;
        @SuppressWarnings("unchecked")
        ApplicationListener<WebServerInitializedEvent> listener =
                context.getBean("backfluxDashboardAddress", ApplicationListener.class);
        try (CapturedLog log = new CapturedLog(BackfluxDashboardAutoConfiguration.class, Level.INFO)) {
            listener.onApplicationEvent(new ReactiveWebServerInitializedEvent(web.getWebServer(), web));
            assertEquals("INFO Backflux dashboard at http://127.0.0.1:" + web.getWebServer().getPort()
                    + "/backflux/dashboard/ (token from backflux.dashboard.token)", log.text());
        }
    }
}
