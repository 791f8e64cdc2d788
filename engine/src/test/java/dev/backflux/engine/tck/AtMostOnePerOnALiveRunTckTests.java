package dev.backflux.engine.tck;

import dev.backflux.api.TrainingStep;
import dev.backflux.api.TrainingViews;
import java.time.Duration;
import org.reactivestreams.Publisher;
import org.testng.annotations.Test;

/**
 * The TCK against {@link TrainingViews#atMostOnePer} where it is meant to be used, on a live run's steps (a
 * live chart): an endless stream of one step per period, whatever the subscriber asks, as in
 * {@link LiveRunTckTests}. The period is short so that a request is met well within the TCK's timeout.
 */
@Test
public class AtMostOnePerOnALiveRunTckTests extends LiveRunTckTests {

    private static final Duration PERIOD = Duration.ofMillis(5);

    @Override
    public Publisher<TrainingStep> createPublisher(long elements) {
        return started().steps().transform(TrainingViews.atMostOnePer(PERIOD));
    }

    @Override
    public Publisher<TrainingStep> createFailedPublisher() {
        return FinishedRunTckTests.failedRun().steps().transform(TrainingViews.atMostOnePer(PERIOD));
    }
}
