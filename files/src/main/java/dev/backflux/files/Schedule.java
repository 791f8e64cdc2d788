package dev.backflux.files;

import dev.backflux.api.TrainingStep;

/**
 * When the {@code checkpoint} plugin saves: every {@code every} steps (after steps {@code every − 1},
 * {@code 2·every − 1}, ...), when {@code everyNanos} have passed since the last save, when the monitored error (the
 * validation error, else the training error) is the lowest so far, and at the end. Locked: the end may come from
 * another thread than the steps.
 */
final class Schedule {

    private final long every;
    private final long everyNanos;
    private final boolean onImprovement;
    private final boolean atEnd;
    private long lastSavedNanos = Long.MIN_VALUE;
    private long lastSavedStep = -1;
    private double best = Double.POSITIVE_INFINITY;
    private TrainingStep last;

    Schedule(long every, long everyNanos, boolean onImprovement, boolean atEnd) {
        this.every = every;
        this.everyNanos = everyNanos;
        this.onImprovement = onImprovement;
        this.atEnd = atEnd;
    }

    /** Tells whether this step is saved, and remembers it as the last one seen. */
    synchronized boolean due(TrainingStep step, long nowNanos) {
        last = step;
        if (lastSavedNanos == Long.MIN_VALUE) {
            lastSavedNanos = nowNanos;
        }
        boolean due = every > 0 && (step.step() + 1) % every == 0;
        if (everyNanos > 0 && nowNanos - lastSavedNanos >= everyNanos) {
            due = true;
        }
        if (onImprovement) {
            double error = step.validationMeanAbsoluteError().orElse(step.meanAbsoluteError());
            if (error < best) {
                best = error;
                due = true;
            }
        }
        if (due) {
            lastSavedNanos = nowNanos;
            lastSavedStep = step.step();
        }
        return due;
    }

    /** The step to save at the end: the last one seen, unless it was saved already or the end is not saved. */
    synchronized TrainingStep last() {
        return atEnd && last != null && last.step() != lastSavedStep ? last : null;
    }
}
