package dev.backflux.benchmarks;

import dev.backflux.api.TrainingStep;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

/**
 * A subscriber that computes one step per {@link #next()}: {@code Flux.generate} computes a step on the thread
 * that requests it, so {@code request(1)} returns with the step computed.
 */
final class StepByStep extends BaseSubscriber<TrainingStep> {

    private TrainingStep last;

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
        // steps are requested one at a time by next()
    }

    @Override
    protected void hookOnNext(TrainingStep step) {
        last = step;
    }

    /** Computes the next step and returns it. */
    TrainingStep next() {
        request(1);
        return last;
    }
}
