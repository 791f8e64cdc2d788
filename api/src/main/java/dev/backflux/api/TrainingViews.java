package dev.backflux.api;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Operators that thin a stream of steps out for people and dashboards, to use with
 * {@code Flux.transform}: a browser tab does not want 300,000 steps a second.
 *
 * <pre>{@code
 * run.steps().transform(TrainingViews.atMostOnePer(Duration.ofMillis(100)))   // a live chart
 * training.flux().transform(TrainingViews.everyNth(10_000))                  // the tutorial's printout
 * training.flux().transform(TrainingViews.improvements())                    // a "new best" log
 * }</pre>
 *
 * <p>Every view keeps the stream's end: completion, errors and cancellation pass through. On a cold
 * {@link Training#flux()} a view still lets every step be computed (it only drops them after); to compute
 * fewer steps, ask for fewer.
 */
public final class TrainingViews {

    private TrainingViews() {
    }

    /**
     * Keeps steps 0, {@code n}, {@code 2n}, ... and the last step of a stream that completes. On a
     * {@link TrainingRun}'s steps, which a slow subscriber skips, a multiple of {@code n} may never arrive;
     * use {@link #atMostOnePer} there.
     *
     * @param n at least 1
     * @return the operator
     * @throws IllegalArgumentException if {@code n} is below 1
     */
    public static Function<Flux<TrainingStep>, Flux<TrainingStep>> everyNth(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("n: expected at least 1, actual " + n);
        }
        return steps -> Flux.defer(() -> {
            AtomicReference<TrainingStep> skipped = new AtomicReference<>();
            return steps
                    .filter(step -> {
                        boolean kept = step.step() % n == 0;
                        skipped.set(kept ? null : step);
                        return kept;
                    })
                    .concatWith(Mono.fromSupplier(skipped::get));
        });
    }

    /**
     * Keeps at most one step per {@code period}: the latest of each period, plus the last one when the
     * stream completes ({@code Flux.sample}). Time is read from Reactor's {@code parallel} scheduler.
     *
     * @param period a positive duration
     * @return the operator
     * @throws IllegalArgumentException if {@code period} is zero or negative
     * @throws NullPointerException if {@code period} is {@code null}
     */
    public static Function<Flux<TrainingStep>, Flux<TrainingStep>> atMostOnePer(Duration period) {
        return atMostOnePer(period, Schedulers.parallel());
    }

    /**
     * Keeps at most one step per {@code period}, timed on {@code timer}; see {@link #atMostOnePer(Duration)}.
     *
     * @param period a positive duration
     * @param timer the scheduler whose clock and timer define the periods
     * @return the operator
     * @throws IllegalArgumentException if {@code period} is zero or negative
     * @throws NullPointerException if an argument is {@code null}
     */
    public static Function<Flux<TrainingStep>, Flux<TrainingStep>> atMostOnePer(Duration period, Scheduler timer) {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(timer, "timer");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period: expected a positive duration, actual " + period);
        }
        // A subscriber slower than the period gets the latest sampled step when it asks, never an overflow.
        return steps -> steps.sample(Flux.interval(period, timer).onBackpressureDrop()).onBackpressureLatest();
    }

    /**
     * Keeps the steps whose error is lower than every earlier one: the validation error when the step has
     * one, else the training error. The first step is always kept.
     *
     * @return the operator
     */
    public static Function<Flux<TrainingStep>, Flux<TrainingStep>> improvements() {
        return steps -> Flux.defer(() -> {
            double[] best = {Double.POSITIVE_INFINITY};
            return steps.filter(step -> {
                double error = step.validationMeanAbsoluteError().orElse(step.meanAbsoluteError());
                if (error < best[0]) {
                    best[0] = error;
                    return true;
                }
                return false;
            });
        });
    }
}
