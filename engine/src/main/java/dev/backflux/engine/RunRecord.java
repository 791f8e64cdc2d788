package dev.backflux.engine;

import dev.backflux.api.TrainingStep;

/**
 * What one run has done so far: the steps the engine published, the last and the best of them, a step a plugin
 * restored, and the stop a plugin reported. Written on the thread that computes the run, one signal at a
 * time; read by {@link RunEnd} after the run's terminal signal, which Reactor orders after every step.
 */
final class RunRecord {

    /** A plugin's report that it ends the run. */
    static final class Stop {
        final String pluginId;
        final long step;
        final String condition;

        Stop(String pluginId, long step, String condition) {
            this.pluginId = pluginId;
            this.step = step;
            this.condition = condition;
        }
    }

    private volatile long stepsRun;
    private volatile TrainingStep lastStep;
    private volatile TrainingStep bestStep;
    private volatile double bestError = Double.POSITIVE_INFINITY;
    private volatile TrainingStep restored;
    private volatile Stop stop;

    /** Takes in a step the engine publishes. */
    void published(TrainingStep step) {
        stepsRun = step.step() + 1;
        lastStep = step;
        double error = monitored(step);
        if (error < bestError) {
            bestError = error;
            bestStep = step;
        }
    }

    /** Keeps the first stop reported. */
    synchronized void stopped(Stop reported) {
        if (stop == null) {
            stop = reported;
        }
    }

    /** Makes {@code step} the run's best step, whatever its error. */
    void restored(TrainingStep step) {
        restored = step;
    }

    long stepsRun() {
        return stepsRun;
    }

    TrainingStep lastStep() {
        return lastStep;
    }

    /** The restored step if a plugin restored one, else the step with the lowest monitored error. */
    TrainingStep bestStep() {
        TrainingStep step = restored;
        return step != null ? step : bestStep;
    }

    double bestError() {
        TrainingStep step = restored;
        return step != null ? monitored(step) : bestError;
    }

    Stop stop() {
        return stop;
    }

    /** The validation error when the step has one, else the training error. */
    static double monitored(TrainingStep step) {
        return step.validationMeanAbsoluteError().orElse(step.meanAbsoluteError());
    }
}
