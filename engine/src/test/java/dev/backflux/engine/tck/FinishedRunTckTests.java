package dev.backflux.engine.tck;

import dev.backflux.api.TrainingRun;
import dev.backflux.api.TrainingStep;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.testng.annotations.Test;
import reactor.core.scheduler.Schedulers;

/**
 * The TCK against {@code TrainingRun.steps()} of a run that has ended: the latest step it published, then
 * completion (or its error), replayed to every subscriber. That is one element at most, so the rules that
 * need more are skipped by the TCK through {@link #maxElementsFromPublisher()}; they run against a live run
 * in {@link LiveRunTckTests}. This class has what that one cannot: a stream that completes, for the rules on
 * completion (1.5, 1.7, 3.17 with a completion).
 */
@Test
public class FinishedRunTckTests extends StepsVerification {

    private static final long STEPS = 20;

    /**
     * One element: a run that completed, whose steps are its last step and the completion. No element: a run
     * cancelled before its first step, on a scheduler that never ran it, which completes with no step.
     */
    @Override
    public Publisher<TrainingStep> createPublisher(long elements) {
        if (elements == 0) {
            TrainingRun run = xor(STEPS).build().start(Schedulers.fromExecutor(neverRun -> { }));
            run.cancel();
            return run.steps();
        }
        TrainingRun run = xor(STEPS).build().start();
        run.result().block();
        return run.steps();
    }

    @Override
    public Publisher<TrainingStep> createFailedPublisher() {
        return failedRun().steps();
    }

    /** A run whose plugin failed at its first step, after it ended. */
    static TrainingRun failedRun() {
        TrainingRun run = xor(STEPS).plugin("failing", Map.of("at", 0L)).build().start();
        run.result().block();
        return run;
    }

    /** The latest step only, or none: see the class comment. */
    @Override
    public long maxElementsFromPublisher() {
        return 1;
    }
}
