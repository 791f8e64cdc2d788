package dev.backflux.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The configuration metadata that IDEs complete {@code backflux.*} properties from, as the build generates it. */
class ConfigurationMetadataTests {

    @Test
    void everyPropertyIsDescribedWithItsTypeAndDefault() throws IOException {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertNotNull(in, "the configuration processor wrote no metadata");
            metadata = JsonMapper.builder().build().readTree(in);
        }
        Map<String, String> defaults = new TreeMap<>();
        for (JsonNode property : metadata.get("properties")) {
            String name = property.get("name").asString();
            if (!name.startsWith("backflux.")) {
                continue;
            }
            assertFalse(property.path("description").asString().isBlank(), name + " has no description");
            assertNotNull(property.get("type"), name + " has no type");
            defaults.put(name, property.path("defaultValue").isMissingNode() ? null
                    : property.get("defaultValue").asString());
        }
        Map<String, String> expected = new TreeMap<>();
        expected.put("backflux.enabled", "true");
        expected.put("backflux.runs.max-kept", "100");
        expected.put("backflux.micrometer.enabled", "true");
        expected.put("backflux.web.enabled", "true");
        expected.put("backflux.web.path", "/backflux");
        expected.put("backflux.web.event-interval", "100ms");
        expected.put("backflux.dashboard.enabled", "true");
        expected.put("backflux.dashboard.path", "/backflux/dashboard");
        expected.put("backflux.dashboard.token", null);
        assertEquals(expected, defaults);
    }
}
