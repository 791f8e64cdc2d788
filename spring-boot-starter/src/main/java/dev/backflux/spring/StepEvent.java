package dev.backflux.spring;

import dev.backflux.api.TrainingStep;

/**
 * One step as the server-sent-event route sends it, as JSON.
 *
 * @param step the step's index
 * @param error its mean absolute error on the training data
 * @param validationError its mean absolute error on the validation data, or {@code null} without validation data
 */
public record StepEvent(long step, double error, Double validationError) {

    /** The event of {@code step}. */
    static StepEvent of(TrainingStep step) {
        return new StepEvent(step.step(), step.meanAbsoluteError(),
                step.validationMeanAbsoluteError().isPresent() ? step.validationMeanAbsoluteError().getAsDouble() : null);
    }
}
