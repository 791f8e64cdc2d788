package dev.backflux.dashboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Safe by default: the token, the security headers on every response, no CORS, loopback, checked settings. */
class SecurityTests {

    private static final List<String> API = List.of("/api/plugins", "/api/runs", "/api/runs/run-1",
            "/api/runs/run-1/result", "/api/runs/run-1/curve", "/api/runs/run-1/activation",
            "/api/runs/run-1/weights/0/0/0", "/api/runs/run-1/steps");

    private Dashboard dashboard;

    @BeforeEach
    void start() {
        dashboard = Dashboard.builder().port(0).build().start();
    }

    @AfterEach
    void stop() {
        dashboard.close();
    }

    @Test
    void everyApiCallWithoutTheTokenIsForbidden() {
        Http anonymous = Http.anonymous(dashboard);
        for (String uri : API) {
            Http.Response response = anonymous.get(uri).block();
            assertEquals(403, response.status(), uri);
            assertEquals("token", response.field());
            assertEquals("token: expected the dashboard's access token (the token parameter of the URL it printed,"
                    + " or Authorization: Bearer), actual none", response.message());
        }
        Http.Response post = anonymous.post("/api/runs", RunApiTests.XOR).block();
        assertEquals(403, post.status());
        assertEquals(403, anonymous.post("/api/runs/run-1/cancel", "").block().status());
        Http.Response wrong = anonymous.get("/api/runs?token=" + "x".repeat(32)).block();
        assertEquals(403, wrong.status());
        assertTrue(wrong.message().endsWith("actual a wrong token"), wrong.message());
        assertEquals(0, Http.authorized(dashboard).get("/api/runs").block().json().get("runs").size(),
                "no run was started without the token");
    }

    @Test
    void theTokenIsAcceptedAsAParameterOrABearerHeader() {
        assertEquals(200, Http.anonymous(dashboard).get("/api/runs?token=" + dashboard.token()).block().status());
        assertEquals(200, Http.authorized(dashboard).get("/api/runs").block().status());
        assertTrue(dashboard.url().toString().matches("http://127\\.0\\.0\\.1:\\d+/\\?token=[A-Za-z0-9_-]{32}"),
                dashboard.url().toString());
    }

    @Test
    void eachDashboardHasItsOwnRandomToken() {
        try (Dashboard other = Dashboard.builder().port(0).build().start()) {
            assertNotEquals(dashboard.token(), other.token());
            assertEquals(403, Http.anonymous(dashboard).get("/api/runs?token=" + other.token()).block().status());
        }
    }

    @Test
    void everyResponseCarriesTheSecurityHeadersAndNoCorsHeader() {
        Http http = Http.authorized(dashboard);
        for (String uri : List.of("/", "/app.js", "/style.css", "/uplot/uPlot.esm.js", "/uplot/uPlot.min.css",
                "/favicon.ico", "/api/runs", "/api/runs/run-7", "/nothing/here", "/../pom.xml")) {
            Http.Response response = http.client()
                    .headers(h -> h.set(HttpHeaderNames.ORIGIN, "http://evil.example"))
                    .get().uri(uri)
                    .responseSingle((r, body) -> body.asString().defaultIfEmpty("")
                            .map(text -> new Http.Response(r.status().code(), r.responseHeaders(), text)))
                    .block(Http.TIMEOUT);
            assertEquals(DashboardRoutes.CONTENT_SECURITY_POLICY, response.headers().get("Content-Security-Policy"),
                    uri);
            assertEquals("nosniff", response.headers().get("X-Content-Type-Options"), uri);
            assertNull(response.headers().get("Access-Control-Allow-Origin"), uri);
        }
        Http.Response preflight = http.client()
                .headers(h -> h.set(HttpHeaderNames.ORIGIN, "http://evil.example")
                        .set(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD, "POST"))
                .request(HttpMethod.OPTIONS).uri("/api/runs")
                .responseSingle((r, body) -> body.asString().defaultIfEmpty("")
                        .map(text -> new Http.Response(r.status().code(), r.responseHeaders(), text)))
                .block(Http.TIMEOUT);
        assertEquals(404, preflight.status());
        assertNull(preflight.headers().get("Access-Control-Allow-Origin"));
    }

    @Test
    void thePageAndUplotAreServedFromTheJarsWithTheirTypes() throws Exception {
        Http http = Http.anonymous(dashboard);
        Http.Response page = http.get("/").block();
        assertEquals(200, page.status());
        assertEquals("text/html; charset=utf-8", page.headers().get(HttpHeaderNames.CONTENT_TYPE));
        assertTrue(page.body().contains("<script type=\"module\" src=\"app.js\"></script>"), page.body());
        assertFalse(page.body().matches("(?s).*<script>.*"), "no inline script");
        assertEquals("text/javascript; charset=utf-8",
                http.get("/app.js").block().headers().get(HttpHeaderNames.CONTENT_TYPE));
        byte[] served = http.client().get().uri("/uplot/uPlot.esm.js").responseContent().aggregate().asByteArray()
                .block(Http.TIMEOUT);
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.esm.js")) {
            assertArrayEquals(in.readAllBytes(), served);
        }
        Http.Response missing = http.get("/index.php").block();
        assertEquals(404, missing.status());
        assertEquals("path: expected a path of the dashboard, actual GET /index.php", missing.message());
    }

    @Test
    void onlyLoopbackAddressesAreQuietlyBound() {
        assertTrue(Dashboard.isLoopback("127.0.0.1"));
        assertTrue(Dashboard.isLoopback("localhost"));
        assertTrue(Dashboard.isLoopback("::1"));
        assertFalse(Dashboard.isLoopback("0.0.0.0"));
        assertFalse(Dashboard.isLoopback("192.0.2.1"));
        assertEquals("127.0.0.1", dashboard.url().getHost());
    }

    @Test
    void badSettingsAreRefusedNamingTheSetting() {
        assertEquals("port: expected 0 to 65535, actual -1",
                assertThrows(IllegalArgumentException.class, () -> Dashboard.builder().port(-1)).getMessage());
        assertEquals("basePath: expected empty or a path like /dashboard (segments of letters, digits, '.', '_',"
                + " '~', '-'), actual 'dashboard/'", assertThrows(IllegalArgumentException.class,
                        () -> Dashboard.builder().basePath("dashboard/")).getMessage());
        assertEquals("token: expected at least 16 URL-safe characters (letters, digits, '.', '_', '~', '-'),"
                + " actual 6 characters", assertThrows(IllegalArgumentException.class,
                        () -> Dashboard.builder().token("secret")).getMessage());
        assertEquals("maxRuns: expected 1 to 10000, actual 0",
                assertThrows(IllegalArgumentException.class, () -> Dashboard.builder().maxRuns(0)).getMessage());
        assertEquals("eventInterval: expected 1 ms to 1 minute, actual PT0S", assertThrows(
                IllegalArgumentException.class, () -> Dashboard.builder().eventInterval(Duration.ZERO)).getMessage());
        assertEquals("host: expected a host name or address, actual a blank string",
                assertThrows(IllegalArgumentException.class, () -> Dashboard.builder().host(" ")).getMessage());
        assertThrows(NullPointerException.class, () -> Dashboard.builder().allowPlugins("history", null));
        IllegalStateException twice = assertThrows(IllegalStateException.class, dashboard::start);
        assertTrue(twice.getMessage().startsWith("start: expected a dashboard not started yet, actual one serving"
                + " http://127.0.0.1:"), twice.getMessage());
        assertEquals("url: expected a started dashboard, actual not started: call start()", assertThrows(
                IllegalStateException.class, () -> Dashboard.builder().build().url()).getMessage());
    }
}
