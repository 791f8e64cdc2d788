package dev.backflux.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.backflux.api.Trainer;
import dev.backflux.api.spi.Plugin;
import dev.backflux.api.spi.PluginOption;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The built-in plugins are found on the module path (through module-info's provides clause) and on the class
 * path (through META-INF/services): the build runs these tests both ways.
 */
class BuiltInPluginsTests {

    @Test
    void everyBuiltInPluginIsDiscoveredWithTheEnginesSigmoid() {
        List<String> ids = Trainer.plugins().stream().map(Plugin::id).collect(Collectors.toList());

        assertEquals(List.of("early-stopping", "history", "identity", "leaky-relu", "logging", "progress", "relu",
                "sigmoid", "softplus", "tanh"), ids);
    }

    @Test
    void everyBuiltInPluginAndOptionIsDescribed() {
        for (Plugin plugin : Trainer.plugins()) {
            assertFalse(plugin.description().isBlank(), plugin.id());
            for (PluginOption<?> option : plugin.options()) {
                assertFalse(option.description().isBlank(), plugin.id() + " " + option.name());
            }
        }
    }
}
