package dev.backflux.plugins;

import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingStep;
import dev.backflux.api.spi.PluginContext;
import dev.backflux.api.spi.PluginOption;
import dev.backflux.api.spi.StepPlugin;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import reactor.core.publisher.Flux;

/**
 * The {@code logging} plugin: logs every {@code every}-th step and, when the run ends, a summary (steps run,
 * why the run ended, final and best error, the accuracy when the targets are classes, elapsed time, steps per
 * second) through SLF4J, on the logger
 * {@code dev.backflux.plugins.LoggingPlugin}; the summary of a failed run is logged at WARN at least.
 *
 * <p>Nothing is formatted, and no argument is boxed, when the logger's level is off: each log call is
 * guarded by {@code isEnabledForLevel}. A step costs one comparison when it is not logged.
 */
public final class LoggingPlugin implements StepPlugin {

    /** Log one step in this many (steps 0, every, 2 · every, ...). */
    static final PluginOption<Long> EVERY = PluginOption.integer("every",
            "log one step in this many", 1000L, 1, Long.MAX_VALUE);

    /** The level of the step lines and the summary. */
    static final PluginOption<LogLevel> LEVEL = PluginOption.choice("level",
            "the level of the step lines and the summary", LogLevel.INFO);

    /** The levels this plugin logs at. */
    enum LogLevel {
        /** SLF4J's TRACE. */
        TRACE(Level.TRACE),
        /** SLF4J's DEBUG. */
        DEBUG(Level.DEBUG),
        /** SLF4J's INFO. */
        INFO(Level.INFO),
        /** SLF4J's WARN. */
        WARN(Level.WARN);

        final Level slf4j;

        LogLevel(Level slf4j) {
            this.slf4j = slf4j;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(LoggingPlugin.class);

    /** Creates the plugin; called by {@link java.util.ServiceLoader}. */
    public LoggingPlugin() {
    }

    @Override
    public String id() {
        return "logging";
    }

    @Override
    public String description() {
        return "Logs every N-th step and a summary at the end through SLF4J.";
    }

    @Override
    public List<PluginOption<?>> options() {
        return List.of(EVERY, LEVEL);
    }

    @Override
    public Flux<TrainingStep> apply(Flux<TrainingStep> steps, PluginContext context) {
        long every = context.options().get(EVERY);
        Level level = context.options().get(LEVEL).slf4j;
        context.onEnd(result -> summary(result.reason() == TrainingResult.Reason.FAILED ? atLeastWarn(level) : level, result));
        return steps.doOnNext(step -> {
            if (step.step() % every == 0 && LOG.isEnabledForLevel(level)) {
                log(level, step);
            }
        });
    }

    private static Level atLeastWarn(Level level) {
        return level.toInt() >= Level.WARN.toInt() ? level : Level.WARN;
    }

    private static void log(Level level, TrainingStep step) {
        if (step.validationMeanAbsoluteError().isPresent()) {
            LOG.atLevel(level).log("step {} error {} validation error {}", step.step(), step.meanAbsoluteError(),
                    step.validationMeanAbsoluteError().getAsDouble());
        } else {
            LOG.atLevel(level).log("step {} error {}", step.step(), step.meanAbsoluteError());
        }
    }

    private static void summary(Level level, TrainingResult result) {
        if (!LOG.isEnabledForLevel(level)) {
            return;
        }
        String finalError = result.lastStep().map(step -> String.valueOf(step.meanAbsoluteError())).orElse("none");
        String best = result.bestStep().map(step -> result.bestError().getAsDouble() + " at step " + step.step())
                .orElse("none");
        LOG.atLevel(level).log("Training {}{}: {}; {} steps, final error {}, best error {}{}, {} ms, {} steps/s",
                result.reason(), result.stoppedBy().map(id -> " by " + id).orElse(""), result.condition(),
                result.stepsRun(), finalError, best, accuracy(result), result.elapsed().toMillis(),
                String.format("%.0f", result.stepsPerSecond()));
    }

    /** ", accuracy 96.7% (validation 93.3%)" when the targets are classes, else nothing. */
    private static String accuracy(TrainingResult result) {
        if (result.accuracy().isEmpty()) {
            return "";
        }
        return String.format(Locale.ROOT, ", accuracy %.1f%%", 100 * result.accuracy().getAsDouble())
                + (result.validationAccuracy().isEmpty() ? "" : String.format(Locale.ROOT, " (validation %.1f%%)",
                        100 * result.validationAccuracy().getAsDouble()));
    }
}
