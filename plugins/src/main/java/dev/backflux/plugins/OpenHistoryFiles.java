package dev.backflux.plugins;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * The history files of this JVM's runs, so that two live runs never write one file: a run claims its file when
 * it starts and releases it once the file is closed. A run whose steps are over but whose file is still closing
 * (a cancelled {@code flux()} does not wait for it) does not count as live: the next run of that name opens the
 * file after it is closed. Paths are compared after {@code toAbsolutePath().normalize()}; two names of one file
 * through a link, or a file another process writes, are not detected.
 */
final class OpenHistoryFiles {

    private static final ConcurrentHashMap<Path, HistoryFile> OPEN = new ConcurrentHashMap<>();

    private OpenHistoryFiles() {
    }

    /** The form in which paths are compared: absolute and normalised (no disk access). */
    static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }

    /**
     * Claims {@code file}'s path for its run.
     *
     * @return what to await before opening the file (the closing of the previous run's file of that name, or
     *         nothing), or empty if a live run writes it
     */
    static Optional<Mono<Void>> claim(HistoryFile file) {
        HistoryFile[] previous = new HistoryFile[1];
        HistoryFile owner = OPEN.compute(key(file.path()), (path, current) -> {
            if (current != null && !current.finished()) {
                return current;
            }
            previous[0] = current;
            return file;
        });
        if (owner != file) {
            return Optional.empty();
        }
        return Optional.of(previous[0] == null ? Mono.empty() : previous[0].released());
    }

    /** Releases a file claimed before, unless another run has claimed its path since. */
    static void release(HistoryFile file) {
        OPEN.remove(key(file.path()), file);
    }

    /** Whether a live run writes {@code file}. */
    static boolean isLive(Path file) {
        HistoryFile owner = OPEN.get(key(file));
        return owner != null && !owner.finished();
    }
}
