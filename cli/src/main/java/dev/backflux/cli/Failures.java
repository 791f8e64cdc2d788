package dev.backflux.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** One line for what went wrong, without a stack trace: the message, or the file and why. */
final class Failures {

    private Failures() {
    }

    static String describe(Throwable error) {
        if (error instanceof NoSuchFileException e) {
            return e.getFile() + ": no such file";
        }
        if (error instanceof AccessDeniedException e) {
            return e.getFile() + ": permission denied";
        }
        if (error instanceof NotDirectoryException e) {
            return e.getFile() + ": not a directory";
        }
        if (error instanceof FileAlreadyExistsException e) {
            return e.getFile() + ": already exists";
        }
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.toString() : message;
    }
}
