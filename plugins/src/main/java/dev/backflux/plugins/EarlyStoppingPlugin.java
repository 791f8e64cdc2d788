package dev.backflux.plugins;

import dev.backflux.api.Network;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingDivergedException;
import dev.backflux.api.TrainingStep;
import dev.backflux.api.spi.PluginContext;
import dev.backflux.api.spi.PluginOption;
import dev.backflux.api.spi.PluginOptions;
import dev.backflux.api.spi.StepPlugin;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Flux;

/**
 * The {@code early-stopping} plugin: ends a run when its monitored error reaches a target, when it has not
 * improved for a number of steps, or at a step or time limit, as Keras' {@code EarlyStopping} and
 * Deeplearning4j's termination conditions do.
 *
 * <ul>
 *   <li>{@code target}: stop at the first step whose error is at or below it;</li>
 *   <li>{@code patience} and {@code min-delta}: stop when {@code patience} steps in a row did not lower the
 *       error by at least {@code min-delta} (by any amount, when it is 0) below the best error so far;</li>
 *   <li>{@code start-from}: neither of those is checked before this step;</li>
 *   <li>{@code max-steps} and {@code max-duration}: stop after this many steps or this much time, always;</li>
 *   <li>{@code restore-best}: the run's result reports the step with the lowest monitored error as its best
 *       step ({@code TrainingResult.bestStep()}, whose {@code network()} is the one to keep), however the
 *       run ends short of an error, through {@code PluginContext.restore}. The stream is not touched: its
 *       step indexes keep increasing;</li>
 *   <li>{@code on-divergence}: a NaN or infinite error ends the run with its
 *       {@link TrainingDivergedException} ({@code fail}, the default) or stops it quietly ({@code stop}).</li>
 * </ul>
 * Stopping completes the stream with {@code takeUntil}, which cancels the engine: not one step is computed
 * after the stopping step. The run's {@code TrainingResult} names this plugin and the condition.
 */
public final class EarlyStoppingPlugin implements StepPlugin {

    /** Which error to watch. */
    enum Monitor {
        /** The validation error when the data has a validation part, else the training error. */
        AUTO,
        /** The training error, {@code meanAbsoluteError()}. */
        TRAINING,
        /** The validation error; the data must have a validation part. */
        VALIDATION
    }

    /** What a NaN or infinite error does. */
    enum OnDivergence {
        /** End the run with the divergence error. */
        FAIL,
        /** Stop the run quietly, as if a condition had been met. */
        STOP
    }

    static final PluginOption<Monitor> MONITOR = PluginOption.choice("monitor",
            "the error to watch: auto (validation if the data has it), training or validation", Monitor.AUTO);
    static final PluginOption<Double> TARGET = PluginOption.decimal("target",
            "stop when the error is at or below this", null, 0, Double.MAX_VALUE);
    static final PluginOption<Long> PATIENCE = PluginOption.integer("patience",
            "stop after this many steps without an improvement of at least min-delta", null, 1, Long.MAX_VALUE);
    static final PluginOption<Double> MIN_DELTA = PluginOption.decimal("min-delta",
            "the smallest decrease of the error that counts as an improvement", 0.0, 0, Double.MAX_VALUE);
    static final PluginOption<Long> START_FROM = PluginOption.integer("start-from",
            "check target and patience from this step on", 0L, 0, Long.MAX_VALUE);
    static final PluginOption<Long> MAX_STEPS = PluginOption.integer("max-steps",
            "stop after this many steps", null, 1, Long.MAX_VALUE);
    static final PluginOption<Duration> MAX_DURATION = PluginOption.duration("max-duration",
            "stop at the first step after this much time", null);
    static final PluginOption<Boolean> RESTORE_BEST = PluginOption.flag("restore-best",
            "end with the step that had the lowest error", false);
    static final PluginOption<OnDivergence> ON_DIVERGENCE = PluginOption.choice("on-divergence",
            "what a NaN or infinite error does: fail or stop", OnDivergence.FAIL);

    /** Creates the plugin; called by {@link java.util.ServiceLoader}. */
    public EarlyStoppingPlugin() {
    }

    @Override
    public String id() {
        return "early-stopping";
    }

    @Override
    public String description() {
        return "Stops at a target error, after patience steps without improvement, or at a step or time limit.";
    }

    @Override
    public List<PluginOption<?>> options() {
        return List.of(MONITOR, TARGET, PATIENCE, MIN_DELTA, START_FROM, MAX_STEPS, MAX_DURATION, RESTORE_BEST,
                ON_DIVERGENCE);
    }

    @Override
    public void check(PluginOptions options, Network network, TrainingData data) {
        if (options.get(MONITOR) == Monitor.VALIDATION && !data.hasValidation()) {
            throw new IllegalArgumentException("early-stopping: option 'monitor': expected training or auto for data"
                    + " without a validation part, actual validation");
        }
    }

    @Override
    public Flux<TrainingStep> apply(Flux<TrainingStep> steps, PluginContext context) {
        PluginOptions options = context.options();
        boolean validation = options.get(MONITOR) == Monitor.VALIDATION
                || options.get(MONITOR) == Monitor.AUTO && context.data().hasValidation();
        StoppingConditions conditions = new StoppingConditions(options, context, validation,
                options.get(RESTORE_BEST));
        Flux<TrainingStep> stopped = steps.takeUntil(conditions::reached);
        if (options.get(ON_DIVERGENCE) == OnDivergence.STOP) {
            stopped = stopped.onErrorResume(TrainingDivergedException.class, diverged -> {
                context.stop(diverged.step(), "step " + diverged.step() + " diverged, stopped before it: "
                        + diverged.getMessage());
                return Flux.empty();
            });
        }
        return stopped;
    }

    /** One run's stopping state: the best error so far and the steps since the last improvement. */
    private static final class StoppingConditions {

        private final PluginContext context;
        private final boolean restoreBest;
        private final boolean validation;
        private final Optional<Double> target;
        private final Optional<Long> patience;
        private final double minDelta;
        private final long startFrom;
        private final Optional<Long> maxSteps;
        private final Optional<Duration> maxDuration;

        private double bestError = Double.POSITIVE_INFINITY;
        private double reference = Double.POSITIVE_INFINITY;
        private long sinceImprovement;

        StoppingConditions(PluginOptions options, PluginContext context, boolean validation, boolean restoreBest) {
            this.context = context;
            this.restoreBest = restoreBest;
            this.validation = validation;
            this.target = options.find(TARGET);
            this.patience = options.find(PATIENCE);
            this.minDelta = options.get(MIN_DELTA);
            this.startFrom = options.get(START_FROM);
            this.maxSteps = options.find(MAX_STEPS);
            this.maxDuration = options.find(MAX_DURATION);
        }

        /** Takes in a step; says whether the run stops with it, and if so tells the run why. */
        boolean reached(TrainingStep step) {
            double error = validation ? step.validationMeanAbsoluteError().orElseThrow() : step.meanAbsoluteError();
            String name = validation ? "validation error " : "error ";
            if (error < bestError) {
                bestError = error;
                if (restoreBest) {
                    // At each improvement, not at the end: the run's end is decided as soon as its stream ends.
                    context.restore(step);
                }
            }
            long index = step.step();
            if (maxSteps.isPresent() && index + 1 >= maxSteps.get()) {
                return stop(index, "max-steps " + maxSteps.get() + " reached");
            }
            if (maxDuration.isPresent() && context.elapsed().compareTo(maxDuration.get()) >= 0) {
                return stop(index, "max-duration " + maxDuration.get() + " reached after " + context.elapsed());
            }
            if (index < startFrom) {
                return false;
            }
            if (target.isPresent() && error <= target.get()) {
                return stop(index, name + error + " reached the target " + target.get());
            }
            if (patience.isPresent()) {
                if (error < reference && reference - error >= minDelta) {
                    reference = error;
                    sinceImprovement = 0;
                } else if (++sinceImprovement >= patience.get()) {
                    return stop(index, "no improvement of at least " + minDelta + " in " + patience.get()
                            + " steps (best " + name + reference + ")");
                }
            }
            return false;
        }

        /** Tells the run why it stops; returns true for {@code takeUntil}. */
        private boolean stop(long step, String condition) {
            context.stop(step, condition);
            return true;
        }

    }
}
