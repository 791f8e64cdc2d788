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
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code history} plugin: writes {@code step,training_error,validation_error} to a CSV file for every
 * {@code every}-th step and for the last step.
 *
 * <p><b>Which file.</b> With {@code file} set, a run writes that file, replacing it. Two live runs of one JVM
 * never write one file: building a run while another run writes its file fails with an
 * {@link IllegalArgumentException}, and a run that starts while another writes its file (two subscriptions to
 * one {@code Training}, say) fails with a {@link dev.backflux.api.PluginFailureException}; a run whose steps are
 * over but whose file is still closing (a cancelled {@code flux()}) is not live: the next run opens the file
 * once it is closed. Without {@code file}, every run writes a new file in the
 * working directory, {@code backflux-history-<yyyyMMdd>-<HHmmss>-<pid>-<n>.csv} (the run's start in UTC, the
 * process id, a count of the JVM's runs), created new (never replacing a file) and logged at {@code INFO} by
 * {@code dev.backflux.plugins.HistoryFile}: a sweep selecting {@code history} through
 * {@code -Dbackflux.plugins=history} writes one file per run.
 *
 * <p><b>Checked at build.</b> {@code build()} fails, naming the option, the path and the cause
 * ({@code NoSuchFileException}, {@code NotDirectoryException}, {@code AccessDeniedException}), when the file's
 * directory (or, without {@code file}, the working directory) does not exist or cannot be written, or the file
 * is a directory or cannot be written.
 *
 * <p><b>Threads and disks.</b> The training thread never touches the disk: it queues each row in memory (a
 * short string) in a Reactor unicast sink; {@code bufferTimeout} groups the rows into batches of at most
 * 1,024 rows or 100 ms, and one {@code boundedElastic} worker writes each batch in order
 * and flushes the file, which {@code Flux.usingWhen} opens before the first row and closes after the last. No
 * row is dropped or reordered; a crash loses the rows not yet flushed (those of the last 100 ms, more if the
 * disk is slower than training, when rows wait in memory).
 *
 * <p><b>When the file is complete.</b> The file holds every {@code every}-th step and the last step the plugin
 * saw, however the run ended (completed, stopped, cancelled or failed), and is closed before the run's end is
 * published: before {@code Training.result()} and {@code Training.result(observer)} emit, before a started
 * run's {@code result()} emits and its {@code steps()} complete, and before a {@code flux()} that completes or
 * fails terminates. A {@code flux()} that its subscriber cancels ({@code take(n)}, {@code dispose()}) cannot
 * wait: {@code flux().take(n).blockLast()} returns at once, and the file is completed shortly after on
 * another thread. To read the file after stopping early, stop through
 * {@code training.result(steps -> steps.take(n))} or a started run's {@code cancel()}, then wait for the
 * result.
 *
 * <p><b>Failures.</b> A failure to open, write or close the file (a full disk, a directory removed after the
 * build) ends the run as {@code FAILED} with a {@link dev.backflux.api.PluginFailureException} naming
 * {@code history}, whose message gives the file and the cause's class and message; the run stops at its next
 * step. A cancelled {@code flux()} reports it in the run's result only.
 */
public final class HistoryPlugin implements StepPlugin {

    /** The CSV file to write; unset, a new file for each run. */
    static final PluginOption<Path> FILE = PluginOption.path("file",
            "the CSV file to write (replaced); unset, each run writes a new backflux-history-<time>-<pid>-<n>.csv",
            null);

    /** Write one step in this many. */
    static final PluginOption<Long> EVERY = PluginOption.integer("every",
            "write one step in this many (and the last)", 1L, 1, Long.MAX_VALUE);

    private static final String HEADER = "step,training_error,validation_error";
    private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final long PID = ProcessHandle.current().pid();
    private static final AtomicLong RUNS = new AtomicLong();

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
     * Fails unless the file can be written (see the class description), or when a live run writes it.
     */
    @Override
    public void check(PluginOptions options, Network network, TrainingData data) {
        Optional<Path> named = options.find(FILE);
        if (named.isEmpty()) {
            Path directory = OpenHistoryFiles.key(Path.of(""));
            try {
                WritableFile.checkDirectory(directory);
            } catch (IOException e) {
                throw new IllegalArgumentException(id() + ": option '" + FILE.name() + "' is unset, so each run"
                        + " writes a new file in the working directory; expected a working directory that can be"
                        + " written, actual '" + directory + "': " + e, e);
            }
            return;
        }
        Path file = OpenHistoryFiles.key(named.get());
        if (OpenHistoryFiles.isLive(file)) {
            throw new IllegalArgumentException(id() + ": " + inUse(file));
        }
        try {
            WritableFile.check(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(id() + ": option '" + FILE.name() + "': expected a file that can be"
                    + " written, in a directory that exists, actual '" + file + "': " + e, e);
        }
    }

    @Override
    public Flux<TrainingStep> apply(Flux<TrainingStep> steps, PluginContext context) {
        Optional<Path> named = context.options().find(FILE);
        Path path = OpenHistoryFiles.key(named.orElseGet(HistoryPlugin::newFile));
        HistoryFile file = new HistoryFile(path, named.isEmpty(), HEADER);
        Optional<Mono<Void>> previous = OpenHistoryFiles.claim(file);
        if (previous.isEmpty()) {
            return Flux.error(new IllegalStateException(inUse(path)));
        }
        file.openAfter(previous.get());
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

    private static String inUse(Path file) {
        return "option '" + FILE.name() + "': expected a file that no other live run writes, actual '" + file
                + "', which another run is writing; give each run its own file, or leave '" + FILE.name()
                + "' unset for a new file per run";
    }

    /** A new name for a run's file: the count tells this JVM's runs apart, the process id other JVMs'. */
    private static Path newFile() {
        return Path.of("backflux-history-" + START.format(Instant.now()) + "-" + PID + "-" + RUNS.incrementAndGet()
                + ".csv");
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
