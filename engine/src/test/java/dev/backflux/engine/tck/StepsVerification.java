package dev.backflux.engine.tck;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.Training;
import dev.backflux.api.TrainingStep;
import dev.backflux.testing.Tutorial;
import java.util.Map;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;

/**
 * What the Reactive Streams TCK classes of this package share: the runs they build and the TCK's timeouts.
 *
 * <p>The TCK subscribes with plain {@code Subscriber}s, which Reactor wraps in its strict subscriber, as it
 * does for any subscriber that is not one of its own: that wrapper is what answers a non-positive request
 * with {@code onError} (rule 3.9), so the rules run against what a user who is not on Reactor would see.
 */
abstract class StepsVerification extends PublisherVerification<TrainingStep> {

    /**
     * How long the TCK waits for a signal it expects. It costs nothing when the signal comes, and the CI
     * machine has two cores that the build (and, in a test, a dozen endless runs) shares, so it is fifty times the
     * TCK's default (a run under load once took over a second).
     */
    private static final long TIMEOUT_MILLIS = 5_000;

    /**
     * How long the TCK waits to see that no signal comes: every {@code expectNone} waits this long, so it
     * sets the run time of the suite. The TCK's default; a late signal is still caught by later checks.
     */
    private static final long NO_SIGNALS_TIMEOUT_MILLIS = 100;

    /**
     * How often the TCK looks for an expected error. It sleeps this long before its first look, and by
     * default that is the whole timeout, which every rule 3.9 would wait in full.
     */
    private static final long POLL_MILLIS = 10;

    StepsVerification() {
        super(new TestEnvironment(TIMEOUT_MILLIS, NO_SIGNALS_TIMEOUT_MILLIS, POLL_MILLIS));
    }

    /** The tutorial's XOR run, without plugins unless the caller selects some. */
    static Training.Builder xor(long steps) {
        return Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(steps).configuration(Map.of());
    }

    /**
     * The steps of a run asked for {@code elements} steps. No run has zero steps ({@code steps(0)} is
     * rejected), so for 0 it is 1: the TCK asks for 0 elements in two rules that never request (1.9) and in
     * the optional empty-stream rule, which the classes skip.
     */
    static long atLeastOne(long elements) {
        return Math.max(1, elements);
    }

    static final String NO_EMPTY_RUN = "No run has zero steps (steps(0) is rejected), so this publisher is never empty";
}
