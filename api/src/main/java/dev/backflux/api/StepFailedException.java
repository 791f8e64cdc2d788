package dev.backflux.api;

/**
 * Ends a run whose step could not be computed: the activation threw, or the JVM ran out of memory or stack
 * while computing it, or a class it needed could not be loaded. The cause is what was thrown; the run's
 * earlier steps stand.
 */
public final class StepFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long step;

    /**
     * Creates the exception.
     *
     * @param step the index of the step that could not be computed
     * @param cause what computing it threw
     */
    public StepFailedException(long step, Throwable cause) {
        super("step " + step + " could not be computed: " + cause, cause);
        this.step = step;
    }

    /**
     * Returns the index of the step that could not be computed, {@link TrainingStep#step()}.
     *
     * @return at least 0
     */
    public long step() {
        return step;
    }
}
