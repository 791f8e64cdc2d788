package dev.backflux.engine;

import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingStep;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/** An immutable {@link TrainingResult}. */
final class RunResult implements TrainingResult {

    private final Reason reason;
    private final String condition;
    private final String stoppedBy;
    private final long stepsRun;
    private final TrainingStep lastStep;
    private final TrainingStep bestStep;
    private final double bestError;
    private final Duration elapsed;
    private final Throwable error;
    private final TrainingData data;
    /** Computed on first use (a forward pass over the data): null until then. */
    private volatile OptionalDouble accuracy;
    private volatile OptionalDouble validationAccuracy;

    RunResult(Reason reason, String condition, String stoppedBy, long stepsRun, TrainingStep lastStep,
              TrainingStep bestStep, double bestError, Duration elapsed, Throwable error, TrainingData data) {
        this.data = data;
        this.reason = reason;
        this.condition = condition;
        this.stoppedBy = stoppedBy;
        this.stepsRun = stepsRun;
        this.lastStep = lastStep;
        this.bestStep = bestStep;
        this.bestError = bestError;
        this.elapsed = elapsed;
        this.error = error;
    }

    @Override
    public Reason reason() {
        return reason;
    }

    @Override
    public String condition() {
        return condition;
    }

    @Override
    public Optional<String> stoppedBy() {
        return Optional.ofNullable(stoppedBy);
    }

    @Override
    public long stepsRun() {
        return stepsRun;
    }

    @Override
    public Optional<TrainingStep> lastStep() {
        return Optional.ofNullable(lastStep);
    }

    @Override
    public Optional<TrainingStep> bestStep() {
        return Optional.ofNullable(bestStep);
    }

    @Override
    public OptionalDouble bestError() {
        return bestStep == null ? OptionalDouble.empty() : OptionalDouble.of(bestError);
    }

    @Override
    public Duration elapsed() {
        return elapsed;
    }

    @Override
    public Optional<Throwable> error() {
        return Optional.ofNullable(error);
    }

    @Override
    public OptionalDouble accuracy() {
        OptionalDouble known = accuracy;
        if (known == null) {
            known = lastStep == null || data == null ? OptionalDouble.empty()
                    : Accuracy.of(lastStep.network(), data.inputs(), data.targets());
            accuracy = known;
        }
        return known;
    }

    @Override
    public OptionalDouble validationAccuracy() {
        OptionalDouble known = validationAccuracy;
        if (known == null) {
            known = lastStep == null || data == null || !data.hasValidation() ? OptionalDouble.empty()
                    : Accuracy.of(lastStep.network(), data.validationInputs().orElseThrow(),
                            data.validationTargets().orElseThrow());
            validationAccuracy = known;
        }
        return known;
    }

    @Override
    public String toString() {
        return "TrainingResult[" + reason + (stoppedBy == null ? "" : " by " + stoppedBy) + ": " + condition
                + "; " + stepsRun + " steps"
                + (bestStep == null ? "" : ", best error " + bestError + " at step " + bestStep.step())
                + ", " + elapsed.toMillis() + " ms]";
    }
}
