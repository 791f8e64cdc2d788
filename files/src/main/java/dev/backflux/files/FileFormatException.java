package dev.backflux.files;

import java.io.IOException;
import java.util.Objects;

/**
 * A file Backflux cannot read as what it should be: the message names the file, the place in it and what was
 * expected there, as {@code "weights.npy: at byte 8: expected a header length ..., actual ..."}.
 */
public final class FileFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String place;

    /**
     * Creates the exception.
     *
     * @param source the file (its path) or stream the bad content came from
     * @param place where in it, such as {@code "at byte 8"} or {@code "entry syn1.npy"}
     * @param problem what was expected there and what was found
     */
    public FileFormatException(String source, String place, String problem) {
        super(Objects.requireNonNull(source, "source") + ": " + Objects.requireNonNull(place, "place") + ": "
                + Objects.requireNonNull(problem, "problem"));
        this.source = source;
        this.place = place;
    }

    /**
     * Returns the file or stream the bad content came from.
     *
     * @return its name, never {@code null}
     */
    public String source() {
        return source;
    }

    /**
     * Returns where in the file the problem is.
     *
     * @return the place, such as {@code "at byte 8"}, never {@code null}
     */
    public String place() {
        return place;
    }
}
