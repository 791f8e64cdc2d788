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
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SignalType;

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
        long every = context.options().get(EVERY);
        CsvWriter writer = new CsvWriter(context.options().get(FILE), "step,training_error,validation_error");
        context.completeAfter(writer.closed());
        AtomicReference<TrainingStep> unwritten = new AtomicReference<>();
        return steps
                .doOnNext(step -> {
                    writer.throwIfFailed();
                    if (step.step() % every == 0) {
                        writer.write(row(step));
                        unwritten.set(null);
                    } else {
                        unwritten.set(step);
                    }
                })
                .doFinally(signal -> {
                    // Completed, or stopped by a plugin or subscriber after it: the last step belongs in the file.
                    TrainingStep last = unwritten.get();
                    if (last != null && signal != SignalType.ON_ERROR) {
                        writer.write(row(last));
                    }
                    writer.close();
                });
    }

    private static String row(TrainingStep step) {
        return step.step() + "," + step.meanAbsoluteError() + ","
                + (step.validationMeanAbsoluteError().isPresent() ? step.validationMeanAbsoluteError().getAsDouble() : "");
    }
}
