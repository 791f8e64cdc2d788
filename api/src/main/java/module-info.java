/**
 * The Backflux API: what applications and plugin authors compile against.
 *
 * <p>Build a {@link dev.backflux.api.Network} and {@link dev.backflux.api.TrainingData}, call
 * {@link dev.backflux.api.Trainer#train Trainer.train(...)} and subscribe to the returned
 * {@code Flux<TrainingStep>}. The engine that computes the steps is found at run time with
 * {@link java.util.ServiceLoader}, so {@code backflux-engine} only needs to be on the run-time path.
 */
module dev.backflux.api {
    requires transitive reactor.core;
    requires transitive org.reactivestreams;

    exports dev.backflux.api;
    exports dev.backflux.api.spi;
    // The exponential and its kin the built-in activations use, for the engine's SIMD kernels to compute
    // the same bits: not API.
    exports dev.backflux.api.internal to dev.backflux.engine;

    uses dev.backflux.api.spi.TrainingEngine;
}
