package dev.backflux.cluster;

import java.util.Objects;

/**
 * A run's specification that cannot be trained, refused before it reaches the cluster: the message names the
 * field (as the JSON format names it, such as {@code layers[1]} or {@code plugins.early-stopping.patience}),
 * what was expected and what was there.
 */
public final class RunSpecException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * Creates the exception.
     *
     * @param field the field at fault, as the JSON format names it
     * @param expected what the field must hold
     * @param actual what it held
     */
    public RunSpecException(String field, String expected, String actual) {
        super(Objects.requireNonNull(field, "field") + ": expected " + expected + ", actual " + actual);
        this.field = field;
    }

    private RunSpecException(String field, String message, Void unused) {
        super(message);
        this.field = field;
    }

    /** The same refusal, of a spec inside something larger: {@code specs[3].layers[1]: ...}. */
    RunSpecException under(String prefix) {
        return new RunSpecException(prefix + "." + field, prefix + "." + getMessage(), (Void) null);
    }

    /**
     * Returns the field at fault, as the JSON format names it: {@code layers[1]}, {@code data.inputs[3][0]},
     * {@code plugins.early-stopping.patience}.
     *
     * @return the field, never {@code null}
     */
    public String field() {
        return field;
    }
}
