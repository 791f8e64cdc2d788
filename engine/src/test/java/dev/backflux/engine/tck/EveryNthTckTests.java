package dev.backflux.engine.tck;

import dev.backflux.api.TrainingStep;
import dev.backflux.api.TrainingViews;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.testng.annotations.Test;

/**
 * The TCK against {@link TrainingViews#everyNth} on a cold run: steps 0, n, 2n, ... and the last step. The
 * run is sized so that the view emits exactly {@code elements} steps, the last of them the run's last step,
 * which is not a multiple of n: the view's own tail ({@code concatWith} of the step it skipped last) is
 * under test too.
 */
@Test
public class EveryNthTckTests extends ColdRunVerification {

    private static final long N = 3;

    /**
     * For 2 elements or more, {@code N * (elements - 2) + 2} steps: the multiples of N up to
     * {@code N * (elements - 2)}, which are {@code elements - 1} steps, then the last step
     * {@code N * (elements - 2) + 1}. One element is a run of one step.
     */
    @Override
    public Publisher<TrainingStep> createPublisher(long elements) {
        long steps = elements < 2 ? 1 : N * (elements - 2) + 2;
        return xor(steps).build().flux().transform(TrainingViews.everyNth(N));
    }

    @Override
    public Publisher<TrainingStep> createFailedPublisher() {
        return xor(10).plugin("failing", Map.of("at-assembly", true)).build().flux()
                .transform(TrainingViews.everyNth(N));
    }

    @Override
    public long maxElementsFromPublisher() {
        // The step count, N times the elements, must fit in a long.
        return Long.MAX_VALUE / N;
    }
}
