package dev.backflux.dashboard;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Objects;

/**
 * A request the dashboard refuses: the HTTP status and a message naming the field, the expected and the actual
 * value, sent to the client as JSON ({@code {"status": 400, "error": "Bad Request", "field": ..., "message": ...}}).
 */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpResponseStatus status;
    private final String field;

    ApiException(HttpResponseStatus status, String field, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.status = Objects.requireNonNull(status, "status");
        this.field = field;
    }

    /** A 400: the field's value is not what the dashboard expects. */
    static ApiException badField(String field, String expected, Object actual) {
        return new ApiException(HttpResponseStatus.BAD_REQUEST, field,
                field + ": expected " + expected + ", actual " + actual);
    }

    HttpResponseStatus status() {
        return status;
    }

    /** The field or parameter at fault, or {@code null} when the request as a whole is. */
    String field() {
        return field;
    }
}
