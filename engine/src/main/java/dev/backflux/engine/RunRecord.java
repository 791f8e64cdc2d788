package dev.backflux.engine;

import dev.backflux.api.TrainingStep;

/**
 * What one run has done so far: the steps the engine published, the last and the best of them, a step a plugin
 * restored, and the stop a plugin reported. Written on the thread that computes the run, one step at a time;
 * read by {@link RunEnd} when the run ends, possibly on another thread (a subscriber's cancel): the steps are
 * kept as one immutable {@link Progress} behind a single volatile field, so that a reader never sees the count
 * of one step with the last or best step of another.
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

    /** The published steps at one moment: their count, the last one, the best one and its error. */
    static final class Progress {
        static final Progress NONE = new Progress(0, null, null, Double.POSITIVE_INFINITY);

        final long stepsRun;
        final TrainingStep lastStep;
        final TrainingStep bestStep;
        final double bestError;

        private Progress(long stepsRun, TrainingStep lastStep, TrainingStep bestStep, double bestError) {
            this.stepsRun = stepsRun;
            this.lastStep = lastStep;
            this.bestStep = bestStep;
            this.bestError = bestError;
        }

        Progress after(TrainingStep step) {
            double error = monitored(step);
            boolean better = error < bestError;
            return new Progress(step.step() + 1, step, better ? step : bestStep, better ? error : bestError);
        }
    }

    private volatile Progress progress = Progress.NONE;
    private volatile TrainingStep restored;
    private volatile Stop stop;

    /** Takes in a step the engine publishes; only the computing thread calls it. */
    void published(TrainingStep step) {
        progress = progress.after(step);
    }

    /** Keeps the first stop reported. */
    synchronized void stopped(Stop reported) {
        if (stop == null) {
            stop = reported;
        }
    }

    /** Makes {@code step} the run's best step, whatever its error; the last call counts. */
    void restored(TrainingStep step) {
        restored = step;
    }

    /** The published steps now, all of one moment. */
    Progress progress() {
        return progress;
    }

    /** The step a plugin restored, or {@code null}. */
    TrainingStep restoredStep() {
        return restored;
    }

    Stop stop() {
        return stop;
    }

    /** The validation error when the step has one, else the training error. */
    static double monitored(TrainingStep step) {
        return step.validationMeanAbsoluteError().orElse(step.meanAbsoluteError());
    }
}
