package dev.backflux.plugins;

import dev.backflux.api.TrainingStep;
import dev.backflux.api.spi.PluginContext;
import dev.backflux.api.spi.PluginOption;
import dev.backflux.api.spi.StepPlugin;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The {@code progress} plugin: the run's progress on standard error every {@code interval}: the step of the
 * requested steps, that step's error, the steps per second so far and the time left at that rate. On a
 * terminal it is a bar redrawn in place ({@code me.tongfei:progressbar}); elsewhere (a file, a pipe, a CI
 * log) a plain line each time. The {@code output} option forces either.
 *
 * <p>The training thread only keeps a reference to the newest step. A worker of Reactor's
 * {@code boundedElastic} scheduler reads it every interval and draws, and when the run ends draws the last
 * step and closes the display; the run's stream completes once it is closed.
 */
public final class ProgressPlugin implements StepPlugin {

    /** How the progress is written. */
    enum Output {
        /** The bar when standard error is a terminal, else lines. */
        AUTO,
        /** A bar redrawn in place with {@code '\r'}. */
        BAR,
        /** A plain line per interval, ended by {@code '\n'}. */
        LINES
    }

    /** How often the progress is shown. */
    static final PluginOption<Duration> INTERVAL = PluginOption.duration("interval",
            "how often the progress is shown", Duration.ofMillis(500));

    /** The width of the bar's line, in characters. */
    static final PluginOption<Long> WIDTH = PluginOption.integer("width",
            "the width of the bar's line, in characters", 100L, 40, 1000);

    /** Bar or lines. */
    static final PluginOption<Output> OUTPUT = PluginOption.choice("output",
            "bar (redrawn in place), lines (a plain line per interval), or auto: the bar when standard error is a terminal",
            Output.AUTO);

    private final Supplier<PrintStream> out;
    private final Scheduler scheduler;
    private final LongSupplier nanoClock;
    private final BooleanSupplier terminal;

    /** Creates the plugin; called by {@link java.util.ServiceLoader}. */
    public ProgressPlugin() {
        this(() -> System.err, Schedulers.boundedElastic(), System::nanoTime, StandardError::isTerminal);
    }

    /**
     * Creates the plugin with what it writes to, where and when it draws, and what it takes for "standard
     * error is a terminal": for tests.
     */
    ProgressPlugin(Supplier<PrintStream> out, Scheduler scheduler, LongSupplier nanoClock, BooleanSupplier terminal) {
        this.out = out;
        this.scheduler = scheduler;
        this.nanoClock = nanoClock;
        this.terminal = terminal;
    }

    @Override
    public String id() {
        return "progress";
    }

    @Override
    public String description() {
        return "The run's progress on stderr: a bar on a terminal, else plain lines; step, error, steps per second, time left.";
    }

    @Override
    public List<PluginOption<?>> options() {
        return List.of(INTERVAL, WIDTH, OUTPUT);
    }

    @Override
    public Flux<TrainingStep> apply(Flux<TrainingStep> steps, PluginContext context) {
        Duration interval = context.options().get(INTERVAL);
        int width = Math.toIntExact(context.options().get(WIDTH));
        Output output = context.options().get(OUTPUT);
        long requested = context.steps();
        Sinks.Empty<Void> closed = Sinks.empty();
        context.completeAfter(closed.asMono());
        return Flux.using(
                () -> {
                    PrintStream err = out.get();
                    return new ProgressDrawing(requested, interval, scheduler, nanoClock,
                            () -> open(output, err, requested, width));
                },
                drawing -> steps.doOnNext(drawing::onStep),
                drawing -> drawing.close(closed::tryEmitEmpty));
    }

    /** On the drawing worker: the display {@code output} asks for. */
    private ProgressDisplay open(Output output, PrintStream err, long requested, int width) {
        boolean bar = output == Output.BAR || (output == Output.AUTO && terminal.getAsBoolean());
        return bar ? new BarDisplay(err, requested, width) : new LineDisplay(err);
    }
}
