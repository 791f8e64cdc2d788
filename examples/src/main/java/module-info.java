/**
 * Runnable Backflux examples: the tutorial's networks, predictions, and a plugin of its own
 * ({@code all-correct}). Start with {@code dev.backflux.examples.Examples}.
 */
module dev.backflux.examples {
    requires dev.backflux.api;
    requires info.picocli;
    requires dev.backflux.dashboard;
    requires dev.backflux.files;
    requires ch.qos.logback.classic;
    requires ch.qos.logback.core;

    opens dev.backflux.examples to info.picocli;

    provides dev.backflux.api.spi.Plugin with dev.backflux.examples.AllCorrectPlugin;
    provides ch.qos.logback.classic.spi.Configurator with dev.backflux.examples.ExamplesLogging;
}
