package dev.backflux.engine.tck;

import dev.backflux.api.TrainingRun;
import dev.backflux.api.TrainingStep;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.reactivestreams.Publisher;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.Test;

/**
 * The TCK against {@code TrainingRun.steps()} of a run that is computing: Reactor's replay-latest sink, then
 * per subscriber {@code onBackpressureLatest().publishOn(delivery, 1)}, delivered on Backflux's delivery
 * threads. Such a run skips the steps a subscriber has not asked for, so it cannot be a stream of exactly
 * {@code elements} steps; it is an endless one instead (a run of {@code Long.MAX_VALUE} steps, cancelled
 * after each test), which the TCK supports: every request is met by the next steps the run computes. The
 * rules that need a completion are skipped by the TCK for an endless stream; they run against a run that has
 * ended in {@link FinishedRunTckTests}.
 */
@Test
public class LiveRunTckTests extends StepsVerification {

    private final List<TrainingRun> runs = new CopyOnWriteArrayList<>();

    @Override
    public Publisher<TrainingStep> createPublisher(long elements) {
        return started().steps();
    }

    /** A run whose plugin fails at its first step: the run ends by itself, with no subscriber asking. */
    @Override
    public Publisher<TrainingStep> createFailedPublisher() {
        return FinishedRunTckTests.failedRun().steps();
    }

    @Override
    public long maxElementsFromPublisher() {
        return publisherUnableToSignalOnComplete();
    }

    /** A run that computes until the test ends: it does not stop when its subscribers leave. */
    TrainingRun started() {
        TrainingRun run = xor(Long.MAX_VALUE).build().start();
        runs.add(run);
        return run;
    }

    @AfterMethod
    public void cancelTheRuns() {
        runs.forEach(TrainingRun::cancel);
        runs.clear();
    }

    @Override
    @Test
    public void optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingManyUpfront() {
        notVerified("Each subscriber of a live run skips the steps it has not asked for yet, its own ones:"
                + " subscribers see the same run, not the same elements");
    }
}
