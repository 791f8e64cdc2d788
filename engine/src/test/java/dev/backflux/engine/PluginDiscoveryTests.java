package dev.backflux.engine;

import dev.backflux.testing.Tutorial;
import dev.backflux.testing.CapturedLog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.backflux.api.Network;
import dev.backflux.api.spi.TrainingRequest;
import dev.backflux.api.Trainer;
import dev.backflux.api.spi.Plugin;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Real discovery with ServiceLoader, with test-only providers: good, broken and duplicated. */
class PluginDiscoveryTests {

    @Test
    void theEnginesSigmoidAndTheTestOnlyPluginsAreFound() {
        List<String> ids = Trainer.plugins().stream().map(Plugin::id).collect(Collectors.toList());

        assertEquals(List.of("closing", "failing", "pending", "repeat", "sigmoid", "stop-at"), ids);
    }

    @Test
    void aProviderThatFailsToLoadIsReportedAndTheOthersStillLoad() throws IOException {
        try (CapturedLog log = new CapturedLog(PluginRegistry.class, Level.DEBUG);
             URLClassLoader loader = loaderWith("broken")) {
            PluginRegistry registry = PluginRegistry.load(loader);

            assertEquals(List.of("closing", "echo", "failing", "pending", "repeat", "sigmoid", "stop-at"), registry.ids());
            assertEquals(2, registry.failures().size(), registry.failures().toString());
            assertTrue(registry.failures().get(0).contains("dev.backflux.engine.BrokenPlugin"), registry.failures().get(0));
            assertTrue(registry.failures().get(0).contains("this provider is broken on purpose"), registry.failures().get(0));
            assertTrue(registry.failures().get(1).contains("dev.backflux.engine.NoSuchPlugin"), registry.failures().get(1));
            String text = log.text();
            assertTrue(text.contains("WARN A Backflux plugin failed to load and is skipped: ")
                    && text.contains("BrokenPlugin"), text);
            assertTrue(text.contains("NoSuchPlugin"), text);
        }
    }

    @Test
    void twoPluginsWithOneIdFailFastNamingTheIdAndBothClasses() throws IOException {
        try (URLClassLoader loader = loaderWith("duplicate")) {
            IllegalStateException error = assertThrows(IllegalStateException.class, () -> PluginRegistry.load(loader));

            String message = error.getMessage();
            assertTrue(message.startsWith("Two Backflux plugins have the id 'echo': "), message);
            assertTrue(message.contains("dev.backflux.engine.EchoPlugin (") && message.contains("dev.backflux.engine.EchoTwinPlugin ("),
                    message);
        }
    }

    @Test
    void discoveredPluginsAreLoggedAtDebugWithIdClassAndLocation() {
        try (CapturedLog log = new CapturedLog(PluginRegistry.class, Level.DEBUG)) {
            PluginRegistry.load(getClass().getClassLoader());

            String text = log.text();
            assertTrue(text.contains("DEBUG Found Backflux plugin 'sigmoid': dev.backflux.engine.SigmoidPlugin in file:"), text);
            assertTrue(text.contains("engine/target/classes"), text);
            assertTrue(text.contains("DEBUG Found Backflux plugin 'stop-at': dev.backflux.engine.StopAtPlugin in file:"), text);
            assertTrue(text.contains("engine/target/test-classes"), text);
        }
    }

    @Test
    void nothingIsLoggedAboveDebugWhenEveryProviderLoads() {
        try (CapturedLog log = new CapturedLog(PluginRegistry.class, Level.INFO)) {
            PluginRegistry.load(getClass().getClassLoader());
            assertEquals("", log.text());
        }
    }

    @Test
    void aRunAskingForAnUnknownIdFailsListingTheAvailableIds() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(10).plugin("early-stoping").build());

        assertEquals("plugin: unknown id 'early-stoping'; available: [closing, failing, pending, repeat, sigmoid, stop-at]", error.getMessage());
    }

    @Test
    void anUnknownIdAlsoListsTheProvidersThatFailedToLoad() throws IOException {
        try (CapturedLog log = new CapturedLog(PluginRegistry.class, Level.WARN);
             URLClassLoader loader = loaderWith("broken")) {
            PluginRegistry registry = PluginRegistry.load(loader);
            assertEquals(2, log.events().size(), "the two broken providers were reported");

            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> PluginSelection.resolve(registry, TrainingRequest.of(Network.of(3, 4, 1),
                            Tutorial.XOR, 1, Map.of("broken", Map.of()), Map.of())));
            assertTrue(error.getMessage().startsWith("plugin: unknown id 'broken'; available: [closing, echo, failing, pending, repeat, sigmoid,"
                    + " stop-at]; failed to load: [dev.backflux.api.spi.Plugin: Provider dev.backflux.engine.BrokenPlugin"),
                    error.getMessage());
        }
    }

    private URLClassLoader loaderWith(String folder) {
        URL root = getClass().getResource("/discovery/" + folder + "/");
        return new URLClassLoader(new URL[] {root}, getClass().getClassLoader());
    }
}
