package dev.backflux.plugins;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Checks, before a run, that a file can be created or replaced: the exception names the path at fault and says
 * why with the class the file system would use ({@link NoSuchFileException}, {@link NotDirectoryException},
 * {@link AccessDeniedException}). Whether a file can be written is what the operating system answers now
 * ({@link Files#isWritable}): for the root user, that is nearly always yes.
 */
final class WritableFile {

    private WritableFile() {
    }

    /**
     * Checks that {@code file} is an existing file that can be written, or can be created in its directory.
     *
     * @param file an absolute path
     * @throws IOException naming the path at fault, if it cannot
     */
    static void check(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new FileSystemException(file.toString(), null, "is a directory");
        }
        if (Files.exists(file)) {
            if (!Files.isWritable(file)) {
                throw new AccessDeniedException(file.toString(), null, "the file cannot be written");
            }
            return;
        }
        checkDirectory(file.getParent());
    }

    /**
     * Checks that {@code directory} exists, is a directory, and that files can be created in it.
     *
     * @param directory an absolute path
     * @throws IOException naming the path at fault, if it is not
     */
    static void checkDirectory(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            throw new NoSuchFileException(directory.toString(), null, "the directory does not exist");
        }
        if (!Files.isDirectory(directory)) {
            throw new NotDirectoryException(directory.toString());
        }
        if (!Files.isWritable(directory)) {
            throw new AccessDeniedException(directory.toString(), null, "the directory cannot be written");
        }
    }
}
