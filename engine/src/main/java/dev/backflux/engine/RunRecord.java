package dev.backflux.engine;

import dev.backflux.api.TrainingStep;

/**
 * What one run has done so far: the steps the engine published, the last and the best of them, a step a plugin
 * restored, and the stop a plugin reported. Written on the thread that computes the run, one step at a time;
 * read by {@link RunEnd} when the run ends, possibly on another thread (a subscriber's cancel), as one
 * {@link Progress}: the count is the last step's, the best error the best step's own, and the best step is
 * read before the last one, which the writer publishes before it, so the best is never a later step than the
 * last. Nothing is allocated per step.
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

    }

    private volatile TrainingStep lastStep;
    /** The first published step's index (0, or where a resumed run goes on); written before {@link #lastStep}. */
    private volatile long firstIndex = -1;
    private volatile TrainingStep bestStep;
    /** The best step's monitored error; read and written by the computing thread only. */
    private double bestError = Double.POSITIVE_INFINITY;
    private volatile TrainingStep restored;
    private volatile Stop stop;

    /** Takes in a step the engine publishes; only the computing thread calls it. */
    void published(TrainingStep step) {
        // The last step first: a reader who sees this step as the best then sees it, or a later one, as the last.
        if (firstIndex < 0) {
            firstIndex = step.step();
        }
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

    /** Makes {@code step} the run's best step, whatever its error; the last call counts. */
    void restored(TrainingStep step) {
        restored = step;
    }

    /** The published steps now: the best step is read first, so it is never later than the last. */
    Progress progress() {
        TrainingStep best = bestStep;
        TrainingStep last = lastStep;
        if (last == null) {
            return Progress.NONE;
        }
        return new Progress(last.step() - firstIndex + 1, last, best, best == null ? Double.POSITIVE_INFINITY : monitored(best));
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
