package dev.backflux.engine.tck;

import dev.backflux.api.TrainingStep;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.testng.annotations.Test;

/**
 * The TCK against a cold run through a chain of two test plugins: {@code stop-at} ends the run after exactly
 * {@code elements} steps (its {@code takeUntil} and the run's end decide the completion, not the step
 * count), and {@code failing}, set to a step never reached, adds a second plugin with its error mapping and
 * step-order check.
 */
@Test
public class PluginChainTckTests extends ColdRunVerification {

    /** More steps than the run is asked for, so that the plugin, not the step count, ends it. */
    private static final long SPARE_STEPS = 1_000;

    @Override
    public Publisher<TrainingStep> createPublisher(long elements) {
        long last = atLeastOne(elements) - 1;
        return xor(last + 1 + SPARE_STEPS)
                .plugin("stop-at", Map.of("step", last))
                .plugin("failing", Map.of("at", Long.MAX_VALUE))
                .build().flux();
    }

    /** The same chain whose second plugin fails while the run is assembled. */
    @Override
    public Publisher<TrainingStep> createFailedPublisher() {
        return xor(10)
                .plugin("stop-at", Map.of("step", 5L))
                .plugin("failing", Map.of("at-assembly", true))
                .build().flux();
    }

    @Override
    public long maxElementsFromPublisher() {
        // The step count is the elements plus the spare steps, which must fit in a long.
        return Long.MAX_VALUE - SPARE_STEPS - 1;
    }
}
