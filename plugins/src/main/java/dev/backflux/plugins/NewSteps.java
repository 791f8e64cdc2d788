package dev.backflux.plugins;

import dev.backflux.api.TrainingStep;

/**
 * Tells a step seen for the first time from an earlier step sent again (early-stopping's
 * {@code restore-best} re-emits its best step last), so that the plugins after it do not log, write or draw
 * it twice. One per run; not thread-safe (a run's steps arrive one at a time).
 */
final class NewSteps {

    private long last = -1;

    /** Returns whether {@code step} comes after every step seen so far, and remembers it if so. */
    boolean isNew(TrainingStep step) {
        if (step.step() <= last) {
            return false;
        }
        last = step.step();
        return true;
    }
}
