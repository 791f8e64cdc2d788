package dev.backflux.dashboard;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;

/** A reactor-netty client for a dashboard under test, on 127.0.0.1, every request bounded in time. */
final class Http {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** A response: its status, headers and body. */
    record Response(int status, HttpHeaders headers, String body) {

        JsonNode json() {
            return Json.read(body);
        }

        String message() {
            return json().get("message").asString();
        }

        String field() {
            JsonNode field = json().get("field");
            return field == null || field.isNull() ? null : field.asString();
        }
    }

    private final HttpClient client;

    private Http(HttpClient client) {
        this.client = client;
    }

    /** A client with the dashboard's token in an Authorization header. */
    static Http authorized(Dashboard dashboard) {
        return new Http(base(dashboard).headers(h -> h.add(HttpHeaderNames.AUTHORIZATION,
                "Bearer " + dashboard.token())));
    }

    /** A client without any token. */
    static Http anonymous(Dashboard dashboard) {
        return new Http(base(dashboard));
    }

    private static HttpClient base(Dashboard dashboard) {
        return HttpClient.create().baseUrl("http://127.0.0.1:" + dashboard.port()).responseTimeout(TIMEOUT);
    }

    HttpClient client() {
        return client;
    }

    Mono<Response> get(String uri) {
        return client.get().uri(uri)
                .responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                        .map(text -> new Response(response.status().code(), response.responseHeaders(), text)))
                .timeout(TIMEOUT, Mono.error(() -> new AssertionError("no response to GET " + uri + " in " + TIMEOUT + "; "
                        + TestBlockingAllowances.BlockingCallsSeen.describe())));
    }

    Mono<Response> post(String uri, String json) {
        return client.headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, "application/json"))
                .post().uri(uri).send((request, out) -> out.sendString(Mono.just(json)))
                .responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                        .map(text -> new Response(response.status().code(), response.responseHeaders(), text)))
                .timeout(TIMEOUT, Mono.error(() -> new AssertionError("no response to POST " + uri + " in " + TIMEOUT + "; "
                        + TestBlockingAllowances.BlockingCallsSeen.describe())));
    }

    /** The server-sent events of a stream, as {@link Event}s (comments dropped). */
    Flux<Event> events(String uri) {
        return client.get().uri(uri)
                .response((response, body) -> {
                    if (response.status().code() != 200) {
                        return body.aggregate().asString().defaultIfEmpty("").flatMapMany(text ->
                                Flux.error(new IllegalStateException(response.status().code() + " " + text)));
                    }
                    return body.asString(StandardCharsets.UTF_8);
                })
                .transform(Event::parse);
    }
}
