package dev.backflux.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/** Captures what one logger writes, at a given level, until closed; meanwhile nothing of it reaches the console. */
public final class CapturedLog implements AutoCloseable {

    private final Logger logger;
    private final Level previous;
    private final boolean additive;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    /**
     * Starts capturing.
     *
     * @param source the class whose logger to capture
     * @param level the level to set on it meanwhile
     */
    public CapturedLog(Class<?> source, Level level) {
        logger = (Logger) LoggerFactory.getLogger(source);
        previous = logger.getLevel();
        additive = logger.isAdditive();
        logger.setLevel(level);
        logger.setAdditive(false);
        appender.start();
        logger.addAppender(appender);
    }

    /** @return the events so far */
    public List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    /** @return the events so far, one line each: level, message and the exception's message */
    public String text() {
        return appender.list.stream()
                .map(event -> event.getLevel() + " " + event.getFormattedMessage()
                        + (event.getThrowableProxy() == null ? "" : " | " + event.getThrowableProxy().getMessage()))
                .collect(Collectors.joining("\n"));
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(previous);
        logger.setAdditive(additive);
    }
}
