package dev.backflux.examples;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The examples' logging, set up in code: INFO and above on standard error, one line each. Logback finds it with
 * {@link java.util.ServiceLoader} before any configuration file; in code rather than in a {@code logback.xml}
 * because reading XML loads an XML parser and Logback's Joran (some 400 classes), a large part of an example's
 * start-up. {@code -Dlogback.configurationFile=...}, or a {@code logback-test.xml} or {@code logback.xml} on the
 * class path (an application that depends on the examples), still wins: this then leaves the configuration to
 * Logback.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class ExamplesLogging extends ContextAwareBase implements Configurator {

    /** Created by Logback through {@link java.util.ServiceLoader}. */
    public ExamplesLogging() {
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || hasConfigurationFile(ExamplesLogging.class.getClassLoader())) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Whether the class path has a Logback configuration file: an application's own, which then wins. */
    static boolean hasConfigurationFile(ClassLoader loader) {
        return loader != null && (loader.getResource("logback-test.xml") != null
                || loader.getResource("logback.xml") != null);
    }
}
