package dev.backflux.plugins;

import dev.backflux.api.TrainingStep;
import dev.backflux.api.spi.PluginContext;
import dev.backflux.api.spi.PluginOption;
import dev.backflux.api.spi.StepPlugin;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * The {@code progress} plugin: a console progress bar on standard error for the run's requested steps,
 * showing the current step, the error, steps per second and the time left, drawn with
 * {@code me.tongfei:progressbar}.
 *
 * <p>The bar is drawn by the library's own daemon thread every {@code interval}; the training thread only
 * records the step number every 64 steps, and formats the error at most once per interval. When the run
 * ends the bar is drawn a last time and closed on {@code boundedElastic} (closing waits for the drawing),
 * and the run's stream completes once it is closed.
 */
public final class ProgressPlugin implements StepPlugin {

    /** How often the bar is redrawn. */
    static final PluginOption<Duration> INTERVAL = PluginOption.duration("interval",
            "how often the bar is redrawn", Duration.ofMillis(500));

    /** The width of the bar's line, in characters. */
    static final PluginOption<Long> WIDTH = PluginOption.integer("width",
            "the width of the bar's line, in characters", 100L, 40, 1000);

    /** Steps between two looks at the clock: keeps the per-step cost to a comparison. */
    private static final long CHECK_EVERY = 64;

    /** Creates the plugin; called by {@link java.util.ServiceLoader}. */
    public ProgressPlugin() {
    }

    @Override
    public String id() {
        return "progress";
    }

    @Override
    public String description() {
        return "A console progress bar on stderr: step, error, steps per second, time left.";
    }

    @Override
    public List<PluginOption<?>> options() {
        return List.of(INTERVAL, WIDTH);
    }

    @Override
    public Flux<TrainingStep> apply(Flux<TrainingStep> steps, PluginContext run) {
        Duration interval = run.options().get(INTERVAL);
        int width = Math.toIntExact(run.options().get(WIDTH));
        PrintStream err = System.err;
        Sinks.Empty<Void> closed = Sinks.empty();
        run.completeAfter(closed.asMono());
        return Flux.using(
                () -> new Bar(closed, new ProgressBarBuilder()
                        .setTaskName("Training")
                        .setInitialMax(run.steps())
                        .setUnit(" steps", 1)
                        .showSpeed()
                        .setStyle(ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis((int) Math.min(Integer.MAX_VALUE, interval.toMillis()))
                        .setConsumer(new ConsoleProgressBarConsumer(err, width))
                        .build(), interval),
                bar -> steps.doOnNext(bar::update),
                Bar::close);
    }

    /** One run's bar: moves it along, formats the error at most once per interval, draws it a last time. */
    private static final class Bar {

        private final Sinks.Empty<Void> closed;
        private final ProgressBar bar;
        private final long intervalNanos;
        private final NewSteps newSteps = new NewSteps();
        private long lastMessage = System.nanoTime();
        private TrainingStep last;

        Bar(Sinks.Empty<Void> closed, ProgressBar bar, Duration interval) {
            this.closed = closed;
            this.bar = bar;
            this.intervalNanos = interval.toNanos();
        }

        void update(TrainingStep step) {
            if (!newSteps.isNew(step)) {
                return; // the bar does not go back
            }
            last = step;
            long index = step.step();
            if (index % CHECK_EVERY != 0) {
                return;
            }
            bar.stepTo(index + 1);
            long now = System.nanoTime();
            if (index == 0 || now - lastMessage >= intervalNanos) {
                lastMessage = now;
                bar.setExtraMessage(message(step));
            }
        }

        void close() {
            if (last != null) {
                bar.stepTo(last.step() + 1);
                bar.setExtraMessage(message(last));
            }
            // ProgressBar.close() waits for its last drawing: never on the training thread, which may be an
            // event loop. The run completes once the bar is closed.
            Schedulers.boundedElastic().schedule(() -> {
                bar.close();
                closed.tryEmitEmpty();
            });
        }

        private static String message(TrainingStep step) {
            return String.format(" error %.6f", step.meanAbsoluteError());
        }
    }
}
