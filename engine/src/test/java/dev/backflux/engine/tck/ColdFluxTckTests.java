package dev.backflux.engine.tck;

import dev.backflux.api.TrainingStep;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.testng.annotations.Test;

/**
 * The TCK against {@code Training.flux()} without plugins: a run of {@code elements} steps is exactly
 * {@code elements} elements, then completion, computed on the requesting thread.
 */
@Test
public class ColdFluxTckTests extends ColdRunVerification {

    @Override
    public Publisher<TrainingStep> createPublisher(long elements) {
        return xor(atLeastOne(elements)).build().flux();
    }

    /** A run whose plugin fails while the run is assembled, on subscription: onError before any request. */
    @Override
    public Publisher<TrainingStep> createFailedPublisher() {
        return xor(10).plugin("failing", Map.of("at-assembly", true)).build().flux();
    }
}
