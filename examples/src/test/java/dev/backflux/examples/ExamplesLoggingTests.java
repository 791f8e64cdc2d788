package dev.backflux.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

/** The examples' logging set up in code: what it configures, and that a configuration file still wins. */
class ExamplesLoggingTests {

    @Test
    void itLogsInfoAndAboveToStandardErrorOneLineEach() {
        LoggerContext context = new LoggerContext();

        assertEquals(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, new ExamplesLogging().configure(context));

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertEquals(Level.INFO, root.getLevel());
        ConsoleAppender<ILoggingEvent> stderr = (ConsoleAppender<ILoggingEvent>) root.getAppender("STDERR");
        assertEquals("System.err", stderr.getTarget());
        assertEquals("%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n",
                ((PatternLayoutEncoder) stderr.getEncoder()).getPattern());
    }

    @Test
    void aConfigurationFileGivenAsASystemPropertyIsLeftToLogback() {
        System.setProperty("logback.configurationFile", "elsewhere.xml");
        try {
            LoggerContext context = new LoggerContext();
            assertEquals(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY, new ExamplesLogging().configure(context));
            assertFalse(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext());
        } finally {
            System.clearProperty("logback.configurationFile");
        }
    }

    @Test
    void anApplicationsOwnConfigurationFileOnTheClassPathWins(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("logback.xml"), "<configuration/>");
        try (java.net.URLClassLoader withFile = new java.net.URLClassLoader(new java.net.URL[] {dir.toUri().toURL()},
                null)) {
            assertTrue(ExamplesLogging.hasConfigurationFile(withFile));
        }
        try (java.net.URLClassLoader without = new java.net.URLClassLoader(new java.net.URL[0], null)) {
            assertFalse(ExamplesLogging.hasConfigurationFile(without));
        }
    }

    @Test
    void logbackFindsItWithTheServiceLoaderOnTheClassPathAndTheModulePath() throws java.io.IOException {
        String name = "META-INF/services/" + Configurator.class.getName();
        try (java.io.InputStream in = ExamplesLogging.class.getModule().getResourceAsStream(name)) {
            assertEquals(ExamplesLogging.class.getName(), new String(in.readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8).trim());
        }
        Module module = ExamplesLogging.class.getModule();
        if (module.isNamed()) {
            assertTrue(module.getDescriptor().provides().stream().anyMatch(provides ->
                    provides.service().equals(Configurator.class.getName())
                            && provides.providers().equals(java.util.List.of(ExamplesLogging.class.getName()))));
        }
        assertNull(getClass().getResource("/logback.xml"), "no configuration file to parse at start-up");
    }
}
