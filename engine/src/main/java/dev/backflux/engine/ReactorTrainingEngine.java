package dev.backflux.engine;

import dev.backflux.api.Network;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingStep;
import dev.backflux.api.spi.TrainingEngine;
import reactor.core.publisher.Flux;

/**
 * The engine Backflux ships: each subscription creates its own {@link Run} and computes one step per
 * request with {@link Flux#generate}, on the requesting thread.
 *
 * <p>Public only so that {@link java.util.ServiceLoader} can instantiate it on the class path;
 * applications use {@link dev.backflux.api.Trainer}.
 */
public final class ReactorTrainingEngine implements TrainingEngine {

    /** Creates the engine; called by {@link java.util.ServiceLoader}. */
    public ReactorTrainingEngine() {
    }

    @Override
    public Flux<TrainingStep> train(Network network, TrainingData data, long steps) {
        return Flux.generate(() -> new Run(network, data, steps), (run, sink) -> {
            sink.next(run.next());
            if (run.isDone()) {
                sink.complete();
            }
            return run;
        });
    }
}
