package dev.backflux.api;

/**
 * Signals that a run's error or weights became NaN or infinite; the run ends with this as its
 * {@code onError} signal, and no snapshot of the diverged step is published.
 *
 * <p>A learning rate that is too large is the usual cause (the tutorial's Part 2 shows it).
 */
public final class TrainingDivergedException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    private final long step;

    /**
     * Creates the exception.
     *
     * @param step the index of the step whose error or updated weights are not finite
     * @param message what became non-finite
     */
    public TrainingDivergedException(long step, String message) {
        super("Training diverged at step " + step + ": " + message);
        this.step = step;
    }

    /**
     * Returns the index of the step that diverged.
     *
     * @return at least 0
     */
    public long step() {
        return step;
    }
}
