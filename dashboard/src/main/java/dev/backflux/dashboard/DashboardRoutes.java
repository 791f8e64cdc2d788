package dev.backflux.dashboard;

import dev.backflux.api.TrainingStep;
import dev.backflux.api.WeightStory;
import dev.backflux.api.spi.ActivationPlugin;
import dev.backflux.api.spi.Plugin;
import dev.backflux.api.spi.PluginOption;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * The dashboard's HTTP routes under its base path: the page's files, and the JSON API, every call of which needs
 * the dashboard's token. Each response carries a Content-Security-Policy and {@code X-Content-Type-Options}.
 */
final class DashboardRoutes {

    private static final Logger LOGGER = LoggerFactory.getLogger(DashboardRoutes.class);

    /**
     * Only the dashboard's own files: no inline script or style, no other origin, no framing. uPlot sets styles
     * through the DOM, which this policy allows.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    static final Duration CANCEL_WAIT = Duration.ofSeconds(10);

    private final String base;
    private final byte[] token;
    private final DashboardLimits limits;
    private final RunBoard board;
    private final Map<String, Plugin> available;
    private final Set<String> allowedPlugins;
    private final StaticFiles files;
    private final RunStarter starter;
    private final Sinks.Empty<Void> closing = Sinks.empty();
    private volatile boolean closed;

    DashboardRoutes(String base, String token, DashboardLimits limits, RunBoard board, Map<String, Plugin> available,
            Set<String> allowedPlugins, StaticFiles files, RunStarter starter) {
        this.base = base;
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.limits = limits;
        this.board = board;
        this.available = available;
        this.allowedPlugins = allowedPlugins;
        this.files = files;
        this.starter = starter;
    }

    /** Adds the routes to a server's routes. */
    void addTo(HttpServerRoutes routes) {
        if (!base.isEmpty()) {
            routes.get(base, (request, response) -> secure(response).status(HttpResponseStatus.MOVED_PERMANENTLY)
                    .header(HttpHeaderNames.LOCATION, base + "/" + query(request)).send());
        }
        routes.get(base + "/", (request, response) -> file(response, "index.html"));
        // Browsers ask for it on every page: no icon, and no 404 in the console.
        routes.get(base + "/favicon.ico", (request, response) -> secure(response)
                .status(HttpResponseStatus.NO_CONTENT).send());
        for (String path : files.all().keySet()) {
            routes.get(base + "/" + path, (request, response) -> file(response, path));
        }
        api(routes, "GET", "/api/plugins", (request, response) -> json(response, HttpResponseStatus.OK, plugins()));
        api(routes, "GET", "/api/runs", (request, response) -> json(response, HttpResponseStatus.OK,
                Map.of("runs", board.all().stream().map(ShownRun::summary).toList(),
                        "training", board.training(), "maxRuns", limits.maxRuns())));
        api(routes, "POST", "/api/runs", this::start);
        api(routes, "GET", "/api/runs/{id}", (request, response) -> json(response, HttpResponseStatus.OK,
                board.get(request.param("id")).summary()));
        api(routes, "POST", "/api/runs/{id}/cancel", this::cancel);
        api(routes, "GET", "/api/runs/{id}/result", this::result);
        api(routes, "GET", "/api/runs/{id}/curve", (request, response) -> json(response, HttpResponseStatus.OK,
                board.get(request.param("id")).curve().columns()));
        api(routes, "GET", "/api/runs/{id}/activation", this::activation);
        api(routes, "GET", "/api/runs/{id}/weights/{k}/{from}/{to}", this::story);
        api(routes, "GET", "/api/runs/{id}/steps", this::steps);
    }

    /** The last route of a server that serves only the dashboard: a JSON 404 with the same headers. */
    static Publisher<Void> notFound(HttpServerRequest request, HttpServerResponse response) {
        return sendJson(secure(response), HttpResponseStatus.NOT_FOUND, Json.error(HttpResponseStatus.NOT_FOUND,
                "path", "path: expected a path of the dashboard, actual " + request.method() + " " + request.fullPath()));
    }

    private void api(HttpServerRoutes routes, String method, String path,
            BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler) {
        BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> checked = (request, response) -> {
            secure(response);
            try {
                if (closed) {
                    throw new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, null,
                            "dashboard: expected a dashboard that serves, actual one closed");
                }
                authorize(request);
                return Flux.from(handler.apply(request, response)).onErrorResume(e -> error(response, e));
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                // Whatever failed, even an Error, the client gets an answer: no request is left without one.
                return error(response, e);
            }
        };
        if (method.equals("GET")) {
            routes.get(base + path, checked);
        } else {
            routes.post(base + path, checked);
        }
    }

    private void authorize(HttpServerRequest request) {
        String given = null;
        String header = request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
        if (header != null && header.startsWith("Bearer ")) {
            given = header.substring("Bearer ".length()).strip();
        } else {
            List<String> values;
            try {
                values = new QueryStringDecoder(request.uri()).parameters().get("token");
            } catch (IllegalArgumentException e) {
                throw new ApiException(HttpResponseStatus.BAD_REQUEST, "query", "query: expected a URL-encoded"
                        + " query string, actual one that cannot be decoded (" + e.getMessage() + ")");
            }
            if (values != null && !values.isEmpty()) {
                given = values.get(0);
            }
        }
        if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(HttpResponseStatus.FORBIDDEN, "token", "token: expected the dashboard's access"
                    + " token (the token parameter of the URL it printed, or Authorization: Bearer), actual "
                    + (given == null ? "none" : "a wrong token"));
        }
    }

    private Publisher<Void> start(HttpServerRequest request, HttpServerResponse response) {
        // The place among the runs training at once is taken where the run starts, and given back when it ends
        // or fails to start: a client that leaves before then takes no place.
        return body(request)
                .flatMap(body -> Mono.fromCallable(() -> {
                    board.reserve(limits.maxRuns());
                    try {
                        return starter.start(Json.read(body));
                    } catch (RuntimeException e) {
                        board.release();
                        throw e;
                    }
                }).subscribeOn(Schedulers.boundedElastic()))
                .flatMap(run -> Mono.from(sendJson(response.header(HttpHeaderNames.LOCATION, base + "/api/runs/"
                        + run.id()), HttpResponseStatus.CREATED, Json.write(run.summary()))));
    }

    /** The request's body as text, refusing with 413 one larger than the limit, before or while reading it. */
    private Mono<String> body(HttpServerRequest request) {
        int max = limits.maxBodyBytes();
        String length = request.requestHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null && parseLength(length) > max) {
            return Mono.error(tooLarge(max, length + " bytes"));
        }
        return request.receive().asByteArray()
                .reduce(new ByteArrayOutputStream(), (all, part) -> {
                    if (all.size() + part.length > max) {
                        throw tooLarge(max, "more");
                    }
                    all.write(part, 0, part.length);
                    return all;
                })
                .map(all -> all.toString(StandardCharsets.UTF_8))
                .defaultIfEmpty("");
    }

    private static long parseLength(String length) {
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static ApiException tooLarge(int max, String actual) {
        return new ApiException(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "body",
                "body: expected at most " + max + " bytes, actual " + actual);
    }

    private Publisher<Void> cancel(HttpServerRequest request, HttpServerResponse response) {
        ShownRun run = board.get(request.param("id"));
        if (!run.startedOverHttp()) {
            throw new ApiException(HttpResponseStatus.FORBIDDEN, "id", "id: expected a run started over HTTP,"
                    + " actual '" + run.id() + "', which the application started: only it can cancel the run");
        }
        run.run().cancel();
        // Answered once the run has ended (its plugins' pending work done), or after CANCEL_WAIT with 202 and the
        // run still ending.
        return run.run().result().map(result -> HttpResponseStatus.OK)
                .timeout(CANCEL_WAIT, Mono.just(HttpResponseStatus.ACCEPTED))
                .flatMap(status -> Mono.from(sendJson(response, status, Json.write(run.summary()))));
    }

    private Publisher<Void> result(HttpServerRequest request, HttpServerResponse response) {
        ShownRun run = board.get(request.param("id"));
        if (!run.run().isDone()) {
            throw new ApiException(HttpResponseStatus.CONFLICT, "id", "id: expected a run that has ended,"
                    + " actual '" + run.id() + "', still training");
        }
        return run.run().result().flatMap(result -> Mono.from(
                sendJson(response, HttpResponseStatus.OK, Json.write(ShownRun.result(result)))));
    }

    private Publisher<Void> activation(HttpServerRequest request, HttpServerResponse response) {
        TrainingStep step = latest(board.get(request.param("id")));
        return json(response, HttpResponseStatus.OK, ActivationCurve.of(step.network().activation()));
    }

    private Publisher<Void> story(HttpServerRequest request, HttpServerResponse response) {
        TrainingStep step = latest(board.get(request.param("id")));
        int k = index(request, "k");
        int from = index(request, "from");
        int to = index(request, "to");
        WeightStory story;
        try {
            story = step.explain(k, from, to);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            // The step's message starts with the index at fault: "from: expected a unit of layer 0 in [0, 2], ...".
            String message = String.valueOf(e.getMessage());
            String name = message.contains(":") ? message.substring(0, message.indexOf(':')) : null;
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "to".equals(name) || "from".equals(name)
                    || "k".equals(name) ? name : null, message);
        }
        return json(response, HttpResponseStatus.OK, WeightStoryJson.of(story));
    }

    private static int index(HttpServerRequest request, String name) {
        String value = request.param(name);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiException.badField(name, "an integer", "'" + value + "'");
        }
    }

    private static TrainingStep latest(ShownRun run) {
        return run.run().latest().orElseThrow(() -> new ApiException(HttpResponseStatus.CONFLICT, "id",
                "id: expected a run with a step, actual '" + run.id() + "', which has published none yet"));
    }

    /**
     * A run's steps as server-sent events: the latest step, then live ones at most one per interval, each with
     * its index as the event's id; then an {@code end} event with the run's summary when the run ends.
     */
    private Publisher<Void> steps(HttpServerRequest request, HttpServerResponse response) {
        ShownRun run = board.get(request.param("id"));
        if (!run.joinStream(limits.maxStreamClients())) {
            throw new ApiException(HttpResponseStatus.TOO_MANY_REQUESTS, "id", "id: expected a run with fewer than "
                    + limits.maxStreamClients() + " event-stream clients, actual '" + run.id() + "' with "
                    + run.streamClients());
        }
        AtomicReference<Channel> channel = new AtomicReference<>();
        response.withConnection(connection -> channel.set(connection.channel()));
        Flux<String> events = StepEvents.of(run, () -> channel.get() == null || channel.get().isWritable(),
                KEEP_ALIVE).takeUntilOther(closing.asMono());
        return response.sse()
                .send(events.map(text -> ByteBufAllocator.DEFAULT.buffer().writeBytes(
                        text.getBytes(StandardCharsets.UTF_8))).doFinally(signal -> run.leaveStream()),
                        buffer -> true);
    }

    private Map<String, Object> plugins() {
        List<Object> plugins = new ArrayList<>();
        for (Plugin plugin : available.values()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", plugin.id());
            json.put("description", plugin.description());
            json.put("activation", plugin instanceof ActivationPlugin);
            json.put("allowed", allowedPlugins.contains(plugin.id()));
            List<Object> options = new ArrayList<>();
            for (PluginOption<?> option : plugin.options()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("name", option.name());
                o.put("description", option.description());
                o.put("default", option.defaultValue().map(String::valueOf).orElse(null));
                o.put("accepted", option.acceptedValues());
                options.add(o);
            }
            json.put("options", options);
            plugins.add(json);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("plugins", plugins);
        json.put("datasets", TutorialSets.NAMES);
        Map<String, Object> limitsJson = new LinkedHashMap<>();
        limitsJson.put("maxRuns", limits.maxRuns());
        limitsJson.put("maxSteps", limits.maxSteps());
        limitsJson.put("maxUnits", limits.maxUnits());
        limitsJson.put("maxWeights", limits.maxWeights());
        limitsJson.put("maxExamples", limits.maxExamples());
        limitsJson.put("maxBodyBytes", limits.maxBodyBytes());
        limitsJson.put("maxStreamClients", limits.maxStreamClients());
        limitsJson.put("eventIntervalMillis", limits.eventInterval().toMillis());
        json.put("limits", limitsJson);
        return json;
    }

    private Publisher<Void> file(HttpServerResponse response, String path) {
        StaticFiles.File file = files.get(path);
        return secure(response).header(HttpHeaderNames.CONTENT_TYPE, file.contentType())
                .header(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                .sendByteArray(Mono.just(file.bytes()));
    }

    private static String query(HttpServerRequest request) {
        int at = request.uri().indexOf('?');
        return at < 0 ? "" : request.uri().substring(at);
    }

    static HttpServerResponse secure(HttpServerResponse response) {
        return response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY");
    }

    private static Publisher<Void> json(HttpServerResponse response, HttpResponseStatus status, Object body) {
        return sendJson(response, status, Json.write(body));
    }

    private static Publisher<Void> sendJson(HttpServerResponse response, HttpResponseStatus status, String body) {
        return response.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .header(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .sendString(Mono.just(body));
    }

    /**
     * Answers a request that failed: an {@link ApiException} with its status and message, anything else with a 500
     * whose message names no class, path or stack (those go to the log).
     */
    private static Mono<Void> error(HttpServerResponse response, Throwable e) {
        if (e instanceof ApiException api) {
            return Mono.from(sendJson(response, api.status(), Json.error(api.status(), api.field(), api.getMessage())));
        }
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            // The library's own checks (the engine's, a plugin's at build): their messages name the argument.
            return Mono.from(sendJson(response, HttpResponseStatus.BAD_REQUEST,
                    Json.error(HttpResponseStatus.BAD_REQUEST, null, e.getMessage())));
        }
        // Logged off the event loop: a log appender may write to a file or a console, which blocks.
        Schedulers.boundedElastic().schedule(() -> LOGGER.warn("dashboard request failed", e));
        HttpResponseStatus status = HttpResponseStatus.INTERNAL_SERVER_ERROR;
        return Mono.from(sendJson(response, status, Json.error(status, null,
                "the dashboard could not answer this request: see its log")));
    }

    /** Refuses every API call from now on (503) and ends every event stream. */
    void close() {
        closed = true;
        closing.tryEmitEmpty();
    }
}
