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
 * opens the file before the first row (after the previous run's file of that name is closed, see
 * {@link OpenHistoryFiles}) and closes it after the last. Rows are added by one thread at a time.
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
    private final Sinks.Many<String> rows = Sinks.many().unicast().onBackpressureBuffer();
    private final AtomicBoolean started = new AtomicBoolean();
    private final Sinks.Empty<Void> released = Sinks.empty();
    private final Mono<Void> written;
    private volatile IOException failure;
    private volatile boolean failureReported;
    private volatile boolean finished;
    private volatile Mono<Void> openAfter = Mono.empty();

    /**
     * @param path the file, absolute
     * @param fresh true to create a new file (failing if it exists) and log its name, which the plugin chose;
     *              false to create or replace the file the user named
     * @param header the first line
     */
    HistoryFile(Path path, boolean fresh, String header) {
        this.path = path;
        this.fresh = fresh;
        this.written = Flux.usingWhen(
                        Mono.defer(() -> openAfter)
                                .then(Mono.fromCallable(this::open).subscribeOn(Schedulers.boundedElastic())),
                        out -> rows.asFlux()
                                .bufferTimeout(BATCH, LINGER, true)
                                .publishOn(Schedulers.boundedElastic())
                                .doOnNext(batch -> write(out, batch)),
                        out -> Mono.fromCallable(() -> close(out)),
                        (out, error) -> Mono.fromRunnable(() -> closeAfterFailure(out)),
                        out -> Mono.fromRunnable(() -> closeAfterFailure(out)))
                .then()
                .onErrorMap(this::described)
                .doOnError(error -> failure = (IOException) error)
                .doOnTerminate(this::release)
                .cache();
        add(header);
    }

    /** The file, absolute and normalised. */
    Path path() {
        return path;
    }

    /** Makes the file open only after {@code previous} completes: another run's file of that name, closing. */
    void openAfter(Mono<Void> previous) {
        openAfter = previous;
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
        finished = true;
        rows.emitComplete(Sinks.EmitFailureHandler.busyLooping(EMIT_CONTENTION));
    }

    /** Whether {@link #finish()} was called: the run is over, the file at most closing. */
    boolean finished() {
        return finished;
    }

    /** Completes once the file is closed (or failed), and its name free for another run. */
    Mono<Void> released() {
        return released.asMono();
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
                release();
                return Mono.empty();
            }
            return written.onErrorResume(error -> failureReported, error -> Mono.empty());
        });
    }

    private void release() {
        OpenHistoryFiles.release(this);
        released.tryEmitEmpty();
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
