package dev.backflux.plugins;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Writes lines to a file on Reactor's {@code boundedElastic} scheduler, never on the caller's thread: lines
 * are queued, and one drain at a time writes every queued line in order, then flushes. Thread-safe.
 */
final class CsvWriter {

    private final Path file;
    private final Queue<String> lines = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Sinks.Empty<Void> closed = Sinks.empty();
    private final Scheduler scheduler = Schedulers.boundedElastic();
    private volatile Throwable failure;
    private BufferedWriter out;
    private boolean done;

    /** Opens {@code file} (on the writer's thread) and writes {@code header} first. */
    CsvWriter(Path file, String header) {
        this.file = file;
        write(header);
    }

    /** Queues a line; it is written soon after, on another thread. */
    void write(String line) {
        lines.add(line);
        drain();
    }

    /** Closes the file once every queued line is written; {@link #closed()} completes then. */
    void close() {
        if (closing.compareAndSet(false, true)) {
            drain();
        }
    }

    /** Completes when the file is closed, or fails with the first write error. */
    Mono<Void> closed() {
        return closed.asMono();
    }

    /** Throws the first write error, if any, so that the run ends with it. */
    void throwIfFailed() {
        Throwable error = failure;
        if (error != null) {
            throw new UncheckedIOException("writing " + file + " failed", error instanceof IOException
                    ? (IOException) error : new IOException(error));
        }
    }

    private void drain() {
        if (pending.getAndIncrement() == 0) {
            scheduler.schedule(this::drainLoop);
        }
    }

    /** Runs on one boundedElastic thread at a time: the pending counter lets only one drain run. */
    private void drainLoop() {
        int missed = 1;
        do {
            writeQueued();
            missed = pending.addAndGet(-missed);
        } while (missed != 0);
    }

    private void writeQueued() {
        if (done) {
            lines.clear();
            return;
        }
        try {
            if (out == null) {
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            }
            String line;
            boolean wrote = false;
            while ((line = lines.poll()) != null) {
                out.write(line);
                out.newLine();
                wrote = true;
            }
            if (wrote) {
                out.flush();
            }
            if (closing.get() && lines.isEmpty()) {
                done = true;
                out.close();
                closed.tryEmitEmpty();
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
            done = true;
            closeQuietly();
            closed.tryEmitError(new UncheckedIOException("writing " + file + " failed",
                    e instanceof IOException ? (IOException) e : new IOException(e)));
        }
    }

    private void closeQuietly() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // the write error that brought us here is the one to report
            }
        }
    }
}
