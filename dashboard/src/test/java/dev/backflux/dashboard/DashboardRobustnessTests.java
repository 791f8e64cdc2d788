package dev.backflux.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingRun;
import dev.backflux.api.TrainingStep;
import dev.backflux.testing.Tutorial;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

/** Leaks, closing, clients that leave, odd requests: what a review of the dashboard found, each a test. */
class DashboardRobustnessTests {

    static final String LONG = "{\"layers\": [3, 4, 1], \"steps\": 10000000, \"data\": \"xor\"}";
    static final String ENDLESS = "{\"layers\": [3, 4, 1], \"steps\": 1000000000, \"data\": \"xor\"}";

    private Dashboard dashboard;
    private TrainingRun appRun;

    @AfterEach
    void stop() {
        if (appRun != null) {
            appRun.cancel();
        }
        if (dashboard != null) {
            dashboard.close();
        }
    }

    private TrainingRun endlessAppRun() {
        appRun = Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(1_000_000_000L).build().start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (appRun.latest().map(TrainingStep::step).orElse(-1L) < 1 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return appRun;
    }

    private String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + dashboard.token()
                + "\r\n\r\n";
    }

    private String post(String path, String body) {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + dashboard.token()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n" + body;
    }

    /** close() with an event-stream client of a run the application showed: it should end the stream quickly. */
    @Test
    void closeEndsTheEventStreamOfAnApplicationsRunAndReturnsPromptly() throws Exception {
        dashboard = Dashboard.builder().port(0).build().start();
        dashboard.show("app", endlessAppRun());
        try (Raw sse = new Raw(dashboard.port())) {
            sse.send(get("/api/runs/run-1/steps"));
            String first = sse.read("event: step", 5_000);
            assertTrue(first.contains("event: step"), first);
            long t0 = System.nanoTime();
            RuntimeException thrown = null;
            try {
                dashboard.close();
            } catch (RuntimeException e) {
                thrown = e;
            }
            long millis = (System.nanoTime() - t0) / 1_000_000;
            dashboard = null;
            String after = sse.read("<EOF>", 3_000);
            System.out.println("close took " + millis + " ms, threw " + thrown + "; stream after close: "
                    + after.length() + " chars, ends " + after.substring(Math.max(0, after.length() - 30)));
            assertTrue(thrown == null, "close threw " + thrown);
            assertTrue(millis < 2_000, "close took " + millis + " ms");
            // The response ends: the chunked body's last chunk (the connection may stay open for the next request).
            assertTrue(after.endsWith("0\r\n\r\n") || after.contains("<EOF>"),
                    "the stream goes on after close(): " + after.length() + " chars");
        }
    }

    /** After close(), a kept-alive connection still reaches the routes and can start a run nobody cancels. */
    @Test
    void aKeptAliveConnectionCannotStartRunsAfterClose() throws Exception {
        dashboard = Dashboard.builder().port(0).build().start();
        Dashboard closed = dashboard;
        try (Raw raw = new Raw(dashboard.port())) {
            raw.send(get("/api/runs"));
            String first = raw.read("\"maxRuns\"", 5_000);
            assertTrue(first.startsWith("HTTP/1.1 200"), first);
            raw.read(null, 200);
            dashboard.close();
            raw.send(post("/api/runs", LONG));
            dashboard = null;
            String answer = raw.read("}", 5_000);
            System.out.println("POST after close: " + answer);
            try {
                assertFalse(answer.startsWith("HTTP/1.1 201"), "a run started after close(): " + answer);
            } finally {
                closed.close();   // cancels what close() can see: the run started after close
            }
        }
    }

    /** HEAD of the event stream: the client count must go down again once the client has gone. */
    @Test
    void aHeadRequestOfTheStreamDoesNotKeepAStreamClient() throws Exception {
        dashboard = Dashboard.builder().port(0).build().start();
        dashboard.show("app", endlessAppRun());
        try (Raw raw = new Raw(dashboard.port())) {
            raw.send(get("/api/runs/run-1/steps").replaceFirst("GET", "HEAD"));
            System.out.println("HEAD: " + raw.read("\r\n\r\n", 2_000));
        }
        assertClients(0);
    }

    private void assertClients(int expected) {
        Http http = Http.authorized(dashboard);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int now = -1;
        while (System.nanoTime() < deadline) {
            now = http.get("/api/runs/run-1").block().json().get("streamClients").asInt();
            if (now == expected) {
                return;
            }
            sleep(50);
        }
        throw new AssertionError("stream clients: expected " + expected + ", actual " + now);
    }

    /** A POST whose client goes away while the board's place is reserved but before the run starts. */
    @Test
    void aPostWhoseClientLeavesBeforeTheRunStartsGivesItsPlaceBack() throws Exception {
        dashboard = Dashboard.builder().port(0).maxRuns(1).maxSteps(1_000_000_000L).build().start();
        int threads = 10 * Runtime.getRuntime().availableProcessors();
        CountDownLatch hold = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            Schedulers.boundedElastic().schedule(() -> {
                busy.countDown();
                try {
                    hold.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        try {
            assertTrue(busy.await(10, TimeUnit.SECONDS));
            try (Raw raw = new Raw(dashboard.port())) {
                raw.send(post("/api/runs", ENDLESS));
                sleep(500);
            }
            sleep(500);
        } finally {
            hold.countDown();
        }
        sleep(1_000);
        Http http = Http.authorized(dashboard);
        var runs = http.get("/api/runs").block().json();
        System.out.println("after the client left: " + runs);
        Http.Response next = http.post("/api/runs", ENDLESS).block();
        assertEquals(201, next.status(), "training " + runs.get("training") + " with runs " + runs.get("runs")
                + ": " + next.body());
    }

    /** 413 for a body with a Content-Length: the unread body must not be read as the next request. */
    @Test
    void theUnreadBodyOfA413IsNotTakenForTheNextRequest() throws Exception {
        dashboard = Dashboard.builder().port(0).maxBodyBytes(100).build().start();
        String smuggled = get("/api/plugins").replace("Authorization: Bearer " + dashboard.token() + "\r\n", "");
        StringBuilder body = new StringBuilder(smuggled);
        while (body.length() < 200) {
            body.insert(0, ' ');
        }
        String request = "POST /api/runs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + dashboard.token()
                + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        try (Raw raw = new Raw(dashboard.port())) {
            raw.send(request);
            String answer = raw.read("<EOF>", 3_000);
            System.out.println("413 then: " + answer);
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertEquals(1, answer.split("HTTP/1.1 ").length - 1, "one response only: " + answer);
        }
    }

    /** A chunked body over the limit: 413, and the connection is not left hanging. */
    @Test
    void aChunkedBodyOverTheLimitIsAnswered413AndTheConnectionIsUsableOrClosed() throws Exception {
        dashboard = Dashboard.builder().port(0).maxBodyBytes(100).build().start();
        try (Raw raw = new Raw(dashboard.port())) {
            raw.send("POST /api/runs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + dashboard.token()
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n");
            String chunk = "x".repeat(150);
            raw.send(Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
            String answer = raw.read("}", 3_000);
            System.out.println("chunked: " + answer);
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            raw.send("0\r\n\r\n");
            raw.send(get("/api/plugins"));
            String next = raw.read("<EOF>", 3_000);
            System.out.println("chunked next: " + next.substring(0, Math.min(200, next.length())));
            assertTrue(next.startsWith("HTTP/1.1 200") || next.contains("<EOF>") || next.contains("<java"), next);
        }
    }

    /** A client that joins after every other client left gets a recent step first, not the one they last saw. */
    @Test
    void aClientJoiningAfterAllOthersLeftGetsARecentStepFirst() throws Exception {
        dashboard = Dashboard.builder().port(0).build().start();
        TrainingRun run = endlessAppRun();
        dashboard.show("app", run);
        long seen;
        try (Raw first = new Raw(dashboard.port())) {
            first.send(get("/api/runs/run-1/steps"));
            String text = first.read("event: step", 5_000);
            seen = Long.parseLong(text.substring(text.indexOf("id: ") + 4, text.indexOf("\nevent: step")));
        }
        assertClients(0);
        sleep(1_000);
        long before = run.latest().orElseThrow().step();
        try (Raw second = new Raw(dashboard.port())) {
            second.send(get("/api/runs/run-1/steps"));
            String text = second.read("event: step", 5_000);
            long id = Long.parseLong(text.substring(text.indexOf("id: ") + 4, text.indexOf("\nevent: step")));
            System.out.println("first client saw " + seen + ", run at " + before + " when the second joined, it got "
                    + id);
            assertTrue(id >= before, "stale first event " + id + " (run was at " + before + ")");
        }
    }

    /** A malformed percent-escape anywhere in the query string is a 500 with an empty body (and an ERROR log). */
    @Test
    void aMalformedQueryStringIsA400NotA500() throws Exception {
        dashboard = Dashboard.builder().port(0).build().start();
        try (Raw raw = new Raw(dashboard.port())) {
            raw.send("GET /api/runs?token=%ZZ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            String answer = raw.read("<EOF>", 3_000);
            System.out.println("malformed query: " + answer);
            assertTrue(answer.startsWith("HTTP/1.1 400") || answer.startsWith("HTTP/1.1 403"), answer);
            assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("content-security-policy"), answer);
        }
    }

    /** Duplicate keys: the last silently wins; a spec naming steps twice should be refused naming the field. */
    @Test
    void aSpecWithADuplicateFieldIsRefused() {
        dashboard = Dashboard.builder().port(0).build().start();
        Http.Response response = Http.authorized(dashboard).post("/api/runs",
                "{\"layers\": [3, 4, 1], \"steps\": 10, \"steps\": 20}").block();
        assertEquals(400, response.status(), response.body());
    }

    /** A plugin option the plugin refuses is a 400, but its field is null instead of naming the option. */
    @Test
    void aBadPluginOptionNamesItsField() {
        dashboard = Dashboard.builder().port(0).build().start();
        Http.Response response = Http.authorized(dashboard).post("/api/runs",
                "{\"layers\": [3, 4, 1], \"steps\": 10, \"plugins\": {\"early-stopping\": {\"target\": \"abc\"}}}")
                .block();
        assertEquals(400, response.status(), response.body());
        assertEquals("plugins.early-stopping.target", response.field(), response.body());
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
