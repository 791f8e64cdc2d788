package dev.backflux.plugins;

import dev.backflux.api.Network;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingStep;
import dev.backflux.api.spi.PluginContext;
import dev.backflux.api.spi.PluginOption;
import dev.backflux.api.spi.PluginOptions;
import dev.backflux.api.spi.StepPlugin;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import reactor.core.publisher.Flux;

/**
 * The {@code history} plugin: writes {@code step,training_error,validation_error} to a CSV file for every
 * {@code every}-th step and for the last step.
 *
 * <p><b>Threads and disks.</b> The training thread never touches the disk: it hands each row to a writer
 * that runs on Reactor's {@code boundedElastic} scheduler, one batch at a time and in order, and flushes the
 * file after each batch. When the disk keeps up, every row is flushed as soon as it is written, so a crash
 * loses at most the interval being written; when the disk is slower than training, rows wait in memory (a
 * short string each) and are written in larger batches, which a crash may lose. The file is opened when
 * the run starts (replacing any file of that name) and closed when it ends; the stream completes only after
 * the file is closed (wherever this plugin sits among the run's plugins), so whoever sees the completion can
 * read the whole file. A write that fails ends the run with an error naming this plugin.
 */
public final class HistoryPlugin implements StepPlugin {

    /** The CSV file to write. */
    static final PluginOption<Path> FILE = PluginOption.path("file",
            "the CSV file to write (replaced)", Path.of("backflux-history.csv"));

    private static final String HEADER = "step,training_error,validation_error";

    /** Write one step in this many. */
    static final PluginOption<Long> EVERY = PluginOption.integer("every",
            "write one step in this many (and the last)", 1L, 1, Long.MAX_VALUE);

    /** Creates the plugin; called by {@link java.util.ServiceLoader}. */
    public HistoryPlugin() {
    }

    @Override
    public String id() {
        return "history";
    }

    @Override
    public String description() {
        return "Writes step, training error and validation error to a CSV file, off the training thread.";
    }

    @Override
    public List<PluginOption<?>> options() {
        return List.of(FILE, EVERY);
    }

    /**
     * Fails unless the file can be written: a missing directory, a path under a regular file, a directory given
     * as the file, or a file or directory that cannot be written.
     */
    @Override
    public void check(PluginOptions options, Network network, TrainingData data) {
        Path file = options.get(FILE).toAbsolutePath().normalize();
        try {
            WritableFile.check(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(id() + ": option '" + FILE.name() + "': expected a file that can be"
                    + " written, in a directory that exists, actual '" + file + "': " + e, e);
        }
    }

    @Override
    public Flux<TrainingStep> apply(Flux<TrainingStep> steps, PluginContext context) {
        Path path = context.options().get(FILE).toAbsolutePath().normalize();
        HistoryFile file = new HistoryFile(path, false, HEADER, () -> { });
        context.completeAfter(file.closed());
        Rows rows = new Rows(file, context.options().get(EVERY));
        return steps
                .doOnSubscribe(subscription -> file.start())
                .<TrainingStep>handle((step, sink) -> {
                    IOException failure = file.failure();
                    if (failure != null) {
                        file.failureReported();
                        sink.error(failure);
                        return;
                    }
                    rows.seen(step);
                    sink.next(step);
                })
                .doOnTerminate(rows::end)
                .doOnCancel(rows::end);
    }

    /**
     * Which of one run's steps become rows: every {@code every}-th, and the last one the plugin saw however the
     * run ends. Locked, since a subscriber may cancel on another thread while a step passes.
     */
    private static final class Rows {
        private final HistoryFile file;
        private final long every;
        private TrainingStep unwritten;
        private boolean ended;

        Rows(HistoryFile file, long every) {
            this.file = file;
            this.every = every;
        }

        synchronized void seen(TrainingStep step) {
            if (ended) {
                return;
            }
            if (step.step() % every == 0) {
                file.add(row(step));
                unwritten = null;
            } else {
                unwritten = step;
            }
        }

        synchronized void end() {
            if (ended) {
                return;
            }
            ended = true;
            if (unwritten != null) {
                file.add(row(unwritten));
                unwritten = null;
            }
            file.finish();
        }
    }

    private static String row(TrainingStep step) {
        return step.step() + "," + step.meanAbsoluteError() + ","
                + (step.validationMeanAbsoluteError().isPresent() ? step.validationMeanAbsoluteError().getAsDouble() : "");
    }
}
