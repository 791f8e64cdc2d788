package dev.backflux.plugins;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * One run's CSV file, written with Reactor's operators and never on the thread that adds the rows: the rows go
 * into a unicast sink (an unbounded queue: none is dropped), {@code bufferTimeout} groups them into batches of
 * at most {@value #BATCH} rows or {@link #LINGER} (respecting backpressure), and {@code publishOn} hands the
 * batches in order to one {@code boundedElastic} worker, which writes each and flushes; {@code Flux.usingWhen}
 * opens the file before the first row and closes it after the last. Rows are added by one thread at a time.
 */
final class HistoryFile {

    /** The most rows written between two flushes. */
    static final int BATCH = 1_024;
    /** The longest a row waits for its batch while the disk is idle. */
    static final Duration LINGER = Duration.ofMillis(100);

    private static final Logger LOG = LoggerFactory.getLogger(HistoryFile.class);
    private static final Duration EMIT_CONTENTION = Duration.ofSeconds(1);

    private final Path path;
    private final boolean fresh;
    private final Runnable onClosed;
    private final Sinks.Many<String> rows = Sinks.many().unicast().onBackpressureBuffer();
    private final AtomicBoolean started = new AtomicBoolean();
    private final Mono<Void> written;
    private volatile IOException failure;
    private volatile boolean failureReported;

    /**
     * @param path the file, absolute
     * @param fresh true to create a new file (failing if it exists) and log its name, which the plugin chose;
     *              false to create or replace the file the user named
     * @param header the first line
     * @param onClosed called once the file is closed (or failed), before {@link #closed()} completes
     */
    HistoryFile(Path path, boolean fresh, String header, Runnable onClosed) {
        this.path = path;
        this.fresh = fresh;
        this.onClosed = onClosed;
        this.written = Flux.usingWhen(Mono.fromCallable(this::open),
                        out -> rows.asFlux()
                                .bufferTimeout(BATCH, LINGER, true)
                                .publishOn(Schedulers.boundedElastic())
                                .doOnNext(batch -> write(out, batch)),
                        out -> Mono.fromCallable(() -> close(out)),
                        (out, error) -> Mono.fromRunnable(() -> closeAfterFailure(out)),
                        out -> Mono.fromRunnable(() -> closeAfterFailure(out)))
                .subscribeOn(Schedulers.boundedElastic())
                .then()
                .onErrorMap(this::described)
                .doOnError(error -> failure = (IOException) error)
                .doOnTerminate(onClosed)
                .cache();
        add(header);
    }

    /** Starts writing: the file is opened on another thread. */
    void start() {
        if (started.compareAndSet(false, true)) {
            // A failure reaches the run through failure() and closed(): this subscription only starts the work.
            written.subscribe(null, ignored -> { });
        }
    }

    /** Queues a row; it is written soon after, on another thread. */
    void add(String row) {
        rows.emitNext(row, Sinks.EmitFailureHandler.busyLooping(EMIT_CONTENTION));
    }

    /** Queues the end of the file: it is closed after every row added before. */
    void finish() {
        rows.emitComplete(Sinks.EmitFailureHandler.busyLooping(EMIT_CONTENTION));
    }

    /** The failure to write the file, once one happened, else {@code null}. */
    IOException failure() {
        return failure;
    }

    /** Records that the run has ended with {@link #failure()}, so that {@link #closed()} does not report it again. */
    void failureReported() {
        failureReported = true;
    }

    /**
     * Completes once the file is closed, or fails with what went wrong, naming the file and the cause; for a
     * run that never started writing, at once and without a file.
     */
    Mono<Void> closed() {
        return Mono.defer(() -> {
            if (started.compareAndSet(false, true)) {
                finish();
                onClosed.run();
                return Mono.empty();
            }
            return written.onErrorResume(error -> failureReported, error -> Mono.empty());
        });
    }

    private BufferedWriter open() throws IOException {
        BufferedWriter out = fresh
                ? Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
                : Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        if (fresh) {
            LOG.info("history: writing {}", path);
        }
        return out;
    }

    private static void write(BufferedWriter out, List<String> batch) {
        try {
            for (String row : batch) {
                out.write(row);
                out.newLine();
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean close(BufferedWriter out) throws IOException {
        out.close();
        return true;
    }

    private static void closeAfterFailure(BufferedWriter out) {
        try {
            out.close();
        } catch (IOException ignored) {
            // The failure that ends the writing is the one to report; closing tries to release the file only.
        }
    }

    /** One exception naming the file and the cause's class and message, with the cause attached. */
    private Throwable described(Throwable error) {
        Throwable cause = error instanceof UncheckedIOException ? error.getCause() : error;
        return new IOException("writing " + path + " failed: " + cause, cause);
    }
}
