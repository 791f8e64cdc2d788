package dev.backflux.plugins;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The history files that live runs of this JVM write, so that two runs never write one file: a run claims
 * its file when it starts and releases it once the file is closed. Paths are compared after
 * {@code toAbsolutePath().normalize()}; two names of one file through a link, or a file another process writes,
 * are not detected.
 */
final class OpenHistoryFiles {

    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

    private OpenHistoryFiles() {
    }

    /** The form in which paths are compared: absolute and normalised (no disk access). */
    static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }

    /** Claims {@code file} for one run; false if another live run has it. */
    static boolean claim(Path file) {
        return OPEN.add(key(file));
    }

    /** Releases a file claimed before. */
    static void release(Path file) {
        OPEN.remove(key(file));
    }

    /** Whether a live run has claimed {@code file}. */
    static boolean isOpen(Path file) {
        return OPEN.contains(key(file));
    }
}
