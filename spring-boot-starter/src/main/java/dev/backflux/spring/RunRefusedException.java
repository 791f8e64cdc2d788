package dev.backflux.spring;

/**
 * Thrown by {@link TrainingRuns#start} when it does not start a run for a reason of its own: the name is malformed
 * or in use by a running run, or the registry is full of running runs. A web layer answers 400, 409 and 503 by
 * {@link #why()}; anything else {@code start} throws (a training that does not build) is another exception.
 */
public class RunRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a run was refused. */
    public enum Why {
        /** The name is not 1 to 100 letters, digits, '.', '_' or '-' starting with a letter or digit. */
        MALFORMED_NAME,
        /** A kept run that is still running has that name. */
        NAME_IN_USE,
        /** Every kept run is still running and the registry keeps no more. */
        FULL
    }

    private final Why why;

    /**
     * Creates the exception.
     *
     * @param why why the run was refused
     * @param message the argument, the expected and the actual value
     */
    public RunRefusedException(Why why, String message) {
        super(message);
        this.why = why;
    }

    /**
     * Returns why the run was refused.
     *
     * @return never {@code null}
     */
    public Why why() {
        return why;
    }
}
