package dev.backflux.dashboard;

import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/** One server-sent event: its name, id and data; parsed from the text of a stream whatever its chunks. */
record Event(String name, String id, String data) {

    JsonNode json() {
        return Json.read(data);
    }

    static Flux<Event> parse(Flux<String> chunks) {
        return Flux.defer(() -> {
            StringBuilder pending = new StringBuilder();
            return chunks.concatMapIterable(chunk -> {
                pending.append(chunk);
                java.util.List<Event> events = new java.util.ArrayList<>();
                int end;
                while ((end = pending.indexOf("\n\n")) >= 0) {
                    String block = pending.substring(0, end);
                    pending.delete(0, end + 2);
                    Event event = of(block);
                    if (event != null) {
                        events.add(event);
                    }
                }
                return events;
            });
        });
    }

    private static Event of(String block) {
        String name = "message";
        String id = null;
        StringBuilder data = null;
        for (String line : block.split("\n")) {
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1).stripLeading();
            switch (field) {
                case "event" -> name = value;
                case "id" -> id = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> { }
            }
        }
        return data == null ? null : new Event(name, id, data.toString());
    }
}
