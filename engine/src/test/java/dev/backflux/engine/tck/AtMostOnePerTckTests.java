package dev.backflux.engine.tck;

import dev.backflux.api.TrainingStep;
import dev.backflux.api.TrainingViews;
import java.time.Duration;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.testng.annotations.Test;

/**
 * The TCK against {@link TrainingViews#atMostOnePer} on a cold run. The view samples by time, so how many
 * steps it keeps depends on how fast they come, except in one case: a run that ends within the first period
 * leaves exactly its last step. So every publisher here is a short run under a period of an hour, exactly
 * one element, and the rules that need more elements (every rule on demand above 1: 1.1, 3.2, 3.3, 3.6,
 * 3.9, 3.12, 3.13, 3.17) are skipped by the TCK through {@link #maxElementsFromPublisher()}; they run against
 * the view on a live run in {@link AtMostOnePerOnALiveRunTckTests}.
 */
@Test
public class AtMostOnePerTckTests extends StepsVerification {

    private static final Duration PERIOD = Duration.ofHours(1);

    /** Steps enough for the view to have something to drop, few enough to end well within the period. */
    private static final long STEPS = 20;

    /** One element: the run's last step. */
    @Override
    public Publisher<TrainingStep> createPublisher(long elements) {
        return xor(STEPS).build().flux().transform(TrainingViews.atMostOnePer(PERIOD));
    }

    @Override
    public Publisher<TrainingStep> createFailedPublisher() {
        return xor(STEPS).plugin("failing", Map.of("at-assembly", true)).build().flux()
                .transform(TrainingViews.atMostOnePer(PERIOD));
    }

    /** The last step only: see the class comment. */
    @Override
    public long maxElementsFromPublisher() {
        return 1;
    }

    /**
     * The rules on a failed publisher do run here, unlike on the other cold runs: {@code sample} requests
     * every step from the run as soon as it is subscribed, so the run's end needs no request from the TCK.
     */
    @Override
    @Test
    public void optional_spec105_emptyStreamMustTerminateBySignallingOnComplete() {
        notVerified(NO_EMPTY_RUN);
    }
}
