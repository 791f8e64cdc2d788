package dev.backflux.cluster;

import dev.backflux.api.TrainingStep;
import dev.backflux.api.spi.PluginContext;
import dev.backflux.api.spi.StepPlugin;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import reactor.core.publisher.Flux;

/**
 * The member's own plugin on a run it may have to resume elsewhere: it sees every step (on the computing thread,
 * as plugins do), keeps the best step so far by the engine's rule (the lowest validation error when the data has
 * a validation part, else training error; the first on ties), and at most once per interval hands a
 * {@link Codec.Checkpoint} to {@code sink}, which stores it without blocking. It never checkpoints the run's last
 * step (a run resumed there would have no step left to compute). It changes no step.
 */
final class Checkpointer implements StepPlugin {

    static final String ID = "backflux-cluster-checkpoint";

    private final long intervalNanos;
    private final long lastIndex;
    private final long elapsedBefore;
    private final LongSupplier clock;
    private final Consumer<Codec.Checkpoint> sink;
    private final long started;
    private long lastCheckpoint;
    private double bestError;
    private Codec.StepItem bestItem;
    private TrainingStep bestStep;

    /**
     * @param intervalNanos the least time between two checkpoints
     * @param lastIndex the run's last step, which is never checkpointed
     * @param resumed the checkpoint this attempt resumed from, or {@code null}
     */
    Checkpointer(long intervalNanos, long lastIndex, Codec.Checkpoint resumed, LongSupplier clock,
            Consumer<Codec.Checkpoint> sink) {
        this.intervalNanos = intervalNanos;
        this.lastIndex = lastIndex;
        this.clock = clock;
        this.sink = sink;
        this.started = clock.getAsLong();
        this.lastCheckpoint = started;
        this.elapsedBefore = resumed == null ? 0 : resumed.elapsedNanos();
        this.bestError = resumed == null ? Double.POSITIVE_INFINITY
                : resumed.bestError().orElse(Double.POSITIVE_INFINITY);
        this.bestItem = resumed == null ? null : resumed.best().orElse(null);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Flux<TrainingStep> apply(Flux<TrainingStep> steps, PluginContext context) {
        return steps.doOnNext(this::seen);
    }

    private void seen(TrainingStep step) {
        double error = step.validationMeanAbsoluteError().orElse(step.meanAbsoluteError());
        if (error < bestError) {
            bestError = error;
            bestStep = step;
            bestItem = null;
        }
        long now = clock.getAsLong();
        if (now - lastCheckpoint >= intervalNanos && step.step() < lastIndex) {
            lastCheckpoint = now;
            sink.accept(new Codec.Checkpoint(step.step(), step.weights(), elapsedBefore + now - started,
                    Double.isInfinite(bestError) ? OptionalDouble.empty() : OptionalDouble.of(bestError),
                    Optional.ofNullable(best())));
        }
    }

    /** The best step over the whole run, this attempt's and the earlier ones'; {@code null} before any. */
    synchronized Codec.StepItem best() {
        if (bestStep != null) {
            bestItem = Codec.StepItem.of(bestStep);
            bestStep = null;
        }
        return bestItem;
    }

    OptionalDouble bestError() {
        return Double.isInfinite(bestError) ? OptionalDouble.empty() : OptionalDouble.of(bestError);
    }

    long elapsedBefore() {
        return elapsedBefore;
    }
}
