package dev.backflux.api.spi;

import dev.backflux.api.Network;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingStep;
import reactor.core.publisher.Flux;

/**
 * The service that computes training runs; {@code backflux-engine} provides it and
 * {@link dev.backflux.api.Trainer} finds it with {@link java.util.ServiceLoader}.
 *
 * <p>Applications do not call this interface; they call {@link dev.backflux.api.Trainer#train}.
 */
public interface TrainingEngine {

    /**
     * Returns the cold flux of {@code steps} training steps, as {@link dev.backflux.api.Trainer#train} documents.
     *
     * @param network the network, validated
     * @param data the data, already checked to fit the network
     * @param steps the number of steps, at least 1
     * @return the steps, never {@code null}
     */
    Flux<TrainingStep> train(Network network, TrainingData data, long steps);
}
