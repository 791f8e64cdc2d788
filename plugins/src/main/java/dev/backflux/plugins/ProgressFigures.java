package dev.backflux.plugins;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One moment of a run as the {@code progress} plugin shows it: a step, its error, and the rate and time
 * left measured from the run's elapsed nanoseconds; and how they read, as a line or as the bar's message.
 */
final class ProgressFigures {

    private final long done;
    private final long requested;
    private final double error;
    private final long elapsedNanos;

    /**
     * @param step the index of the step shown, counted from 0
     * @param requested the number of steps the run was asked for
     * @param error that step's mean absolute error
     * @param elapsedNanos the time since the run started, in nanoseconds
     */
    ProgressFigures(long step, long requested, double error, long elapsedNanos) {
        this.done = step + 1;
        this.requested = requested;
        this.error = error;
        this.elapsedNanos = elapsedNanos;
    }

    /** Returns the number of steps computed up to and including the one shown. */
    long done() {
        return done;
    }

    /** Returns the steps computed per second since the run started; empty before any time has passed. */
    OptionalDouble stepsPerSecond() {
        return elapsedNanos <= 0 ? OptionalDouble.empty() : OptionalDouble.of(done * 1e9 / elapsedNanos);
    }

    /** Returns the time the steps left take at {@link #stepsPerSecond()}; empty when the rate is unknown. */
    Optional<Duration> timeLeft() {
        if (elapsedNanos <= 0) {
            return Optional.empty();
        }
        long left = Math.max(0, requested - done);
        return Optional.of(Duration.ofNanos(Math.round((double) left * elapsedNanos / done)));
    }

    /** Reads as one plain line, for example {@code step 89601/200000 (44.8%) error 0.005120 12,345 steps/s eta 0:00:09}. */
    String line() {
        return String.format(Locale.ROOT, "step %d/%d (%.1f%%) %s", done, requested, 100.0 * done / requested, message());
    }

    /** Reads as the bar's message, which follows the bar's own step count: {@code error 0.005120 12,345 steps/s eta 0:00:09}. */
    String message() {
        OptionalDouble rate = stepsPerSecond();
        String speed = rate.isEmpty() ? "?" : String.format(Locale.ROOT, rate.getAsDouble() < 100 ? "%,.1f" : "%,.0f",
                rate.getAsDouble());
        String eta = timeLeft().map(ProgressFigures::clock).orElse("?");
        return String.format(Locale.ROOT, "error %.6f %s steps/s eta %s", error, speed, eta);
    }

    /** Writes a duration as hours, minutes and seconds, rounded to the second: {@code 0:00:09}. */
    static String clock(Duration duration) {
        long seconds = Math.round(duration.toNanos() / 1e9);
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
