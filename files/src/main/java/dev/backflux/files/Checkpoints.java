package dev.backflux.files;

import dev.backflux.api.Network;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingStep;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * One run's checkpoint files: the steps due go through a Reactor sink to one {@code boundedElastic} worker that
 * writes them in order with {@link NetworkFile} (atomically) and deletes the oldest beyond {@code keep}; when the
 * disk is slower than the steps come, the newest waiting step is written and the older skipped.
 */
final class Checkpoints {

    static final String PREFIX = "checkpoint-";
    static final String SUFFIX = ".json";

    private final Path directory;
    private final int keep;
    private final Sinks.Many<TrainingStep> due = Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.Empty<Void> written = Sinks.empty();
    private final AtomicReference<IOException> failure = new AtomicReference<>();
    private boolean started;
    private boolean ended;
    private boolean cleaned;
    private final Network network;
    private final TrainingData data;
    /** The data's fingerprint, computed by the writer before its first file. */
    private String fingerprint;

    /**
     * @param network the run's network: its seed and dropout are saved with each step
     * @param data the run's data, whose fingerprint each file records
     */
    Checkpoints(Path directory, int keep, Network network, TrainingData data) {
        this.directory = directory;
        this.keep = keep;
        this.network = network;
        this.data = data;
    }

    /** The file of a step: the step's index in 12 digits, so that names sort as steps do. */
    static Path file(Path directory, long step) {
        return directory.resolve(String.format("%s%012d%s", PREFIX, step, SUFFIX));
    }

    /** Starts the writer, once, when the plugin's stream is subscribed. */
    synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        due.asFlux()
                .onBackpressureLatest()
                .publishOn(Schedulers.boundedElastic(), 1)
                .concatMap(step -> Mono.fromCallable(() -> write(step)), 1)
                .subscribe(file -> { }, error -> {
                    failure.compareAndSet(null, error instanceof IOException io ? io : new IOException(error));
                    written.tryEmitError(error);
                }, written::tryEmitEmpty);
    }

    /** Completes when every checkpoint is written (or fails with the first failure): what the run's end awaits. */
    Mono<Void> written() {
        return written.asMono();
    }

    /** The first write failure, or null. */
    IOException failure() {
        return failure.get();
    }

    /** Queues a step to save; called on the training thread, never blocks. */
    synchronized void save(TrainingStep step) {
        if (!ended) {
            due.tryEmitNext(step);
        }
    }

    /** Saves {@code last} (unless null) and finishes the writer; only the first call counts. */
    synchronized void end(TrainingStep last) {
        if (ended) {
            return;
        }
        ended = true;
        if (last != null) {
            due.tryEmitNext(last);
        }
        due.tryEmitComplete();
        if (!started) {
            written.tryEmitEmpty();
        }
    }

    private Path write(TrainingStep step) throws IOException {
        Path file = file(directory, step.step());
        try {
            if (!cleaned) {
                // Temporary files a crash left behind (NetworkFile's ".<name><n>.tmp"): never whole, never read.
                cleaned = true;
                try (DirectoryStream<Path> stale = Files.newDirectoryStream(directory, "." + PREFIX + "*.tmp")) {
                    for (Path temporary : stale) {
                        Files.deleteIfExists(temporary);
                    }
                }
            }
            if (fingerprint == null) {
                fingerprint = NetworkFile.fingerprint(data);
            }
            NetworkFile.write(step, network, fingerprint, null, data.inputScaling().orElse(null), file);
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> all = Files.newDirectoryStream(directory, PREFIX + "*" + SUFFIX)) {
                all.forEach(files::add);
            }
            Collections.sort(files);
            for (int i = 0; i < files.size() - keep; i++) {
                Files.deleteIfExists(files.get(i));
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException("writing " + file + ": " + e, e);
        }
        return file;
    }
}
