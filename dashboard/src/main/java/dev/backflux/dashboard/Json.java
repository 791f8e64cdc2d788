package dev.backflux.dashboard;

import io.netty.handler.codec.http.HttpResponseStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The dashboard's one JSON mapper (Jackson 3), and the JSON body of an error. */
final class Json {

    /** Refuses a JSON object that names a field twice: a spec must not say two things at once. */
    static final JsonMapper MAPPER = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private Json() {
    }

    /** Writes a value (maps, lists, records, JSON nodes) as compact JSON. */
    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /** Reads a request body, answering 400 with the parser's location when it is not JSON. */
    static JsonNode read(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "body",
                    "body: expected JSON, actual malformed JSON (" + e.getOriginalMessage() + ")");
        }
    }

    /** The JSON of an error: its status, the status's reason, the field at fault (or null) and the message. */
    static String error(HttpResponseStatus status, String field, String message) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("status", status.code());
        node.put("error", status.reasonPhrase());
        node.put("field", field);
        node.put("message", message);
        return write(node);
    }
}
