package dev.backflux.micrometer;

import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingStep;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One run's meters: updated on the run's thread at each step, read by the registry's publisher on any thread.
 * The gauges read this object's fields, which the registry holds only weakly: the run's stream holds it.
 */
final class RunMeters {

    private final MeterRegistry registry;
    private final Supplier<Duration> elapsed;
    private final List<Meter> meters = new ArrayList<>();
    private final Counter steps;
    private final Timer stepTime;
    private volatile double error = Double.NaN;
    private volatile double validationError = Double.NaN;
    private volatile double step = Double.NaN;
    private long lastNanos;

    private RunMeters(MeterRegistry registry, Tags tags, boolean validation, Supplier<Duration> elapsed) {
        this.registry = registry;
        this.elapsed = elapsed;
        try {
            meters.add(Gauge.builder(MetricsPlugin.ERROR, this, m -> m.error).tags(tags).tag("data", "training")
                    .description("the latest step's mean absolute error").register(registry));
            if (validation) {
                meters.add(Gauge.builder(MetricsPlugin.ERROR, this, m -> m.validationError).tags(tags)
                        .tag("data", "validation").description("the latest step's mean absolute error")
                        .register(registry));
            }
            meters.add(Gauge.builder(MetricsPlugin.STEP, this, m -> m.step).tags(tags)
                    .description("the latest step's index").register(registry));
            steps = Counter.builder(MetricsPlugin.STEPS).tags(tags).description("the steps the run published")
                    .baseUnit("steps").register(registry);
            meters.add(steps);
            stepTime = Timer.builder(MetricsPlugin.STEP_TIME).tags(tags)
                    .description("the time from one step to the next").register(registry);
            meters.add(stepTime);
        } catch (RuntimeException e) {
            removeMeters();
            throw e;
        }
    }

    /** Registers the meters of run {@code name}; {@code elapsed} is the run's time since it started. */
    static RunMeters register(MeterRegistry registry, String name, boolean validation, Supplier<Duration> elapsed) {
        return new RunMeters(registry, Tags.of(MetricsPlugin.RUN_TAG, name), validation, elapsed);
    }

    /** Takes in the run's newest step. */
    void record(TrainingStep latest) {
        long now = elapsed.get().toNanos();
        stepTime.record(now - lastNanos, TimeUnit.NANOSECONDS);
        lastNanos = now;
        steps.increment();
        error = latest.meanAbsoluteError();
        latest.validationMeanAbsoluteError().ifPresent(value -> validationError = value);
        step = latest.step();
    }

    /** Removes the run's meters and counts how it ended; each meter is removed even if another cannot be. */
    void remove(TrainingResult.Reason reason) {
        try {
            removeMeters();
        } finally {
            Counter.builder(MetricsPlugin.ENDED).tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .description("the runs that ended, by how they ended").register(registry).increment();
        }
    }

    private void removeMeters() {
        RuntimeException first = null;
        for (Meter meter : meters) {
            try {
                registry.remove(meter);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
