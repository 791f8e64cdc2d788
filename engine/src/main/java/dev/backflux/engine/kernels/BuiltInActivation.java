package dev.backflux.engine.kernels;

import dev.backflux.api.Activation;

/**
 * The API's own activations, which the engine's kernels know: they may be applied a part of a layer at a time, on
 * any thread, and (the sigmoid and softplus) on SIMD registers ({@link VectorActivations}), with the same bits
 * as their scalar code.
 */
enum BuiltInActivation {
    /** {@link Activation#sigmoid()}: 2.5 ns a value on SIMD registers, 4.4 with the scalar code. */
    SIGMOID(Activation.sigmoid(), true),
    /**
     * {@link Activation#tanh()}: its SIMD version (the same bits) measured slower than the scalar code, 22 ns a
     * value against 9.7 (JMH, {@code ActivationBenchmark}, 2026-12-03: the JIT boxed its vectors), so it runs the
     * scalar code, still a row block at a time on the product's threads.
     */
    TANH(Activation.tanh(), false),
    /** {@link Activation#softplus()}: 8.0 ns a value on SIMD registers, 15.1 with the scalar code. */
    SOFTPLUS(Activation.softplus(), true);

    private final Activation activation;
    private final boolean simd;

    BuiltInActivation(Activation activation, boolean simd) {
        this.activation = activation;
        this.simd = simd;
    }

    /** Whether it runs on SIMD registers ({@link VectorActivations}) where the Vector API is there. */
    boolean simd() {
        return simd;
    }

    /** The API's activation. */
    Activation activation() {
        return activation;
    }

    /** The built-in activation that {@code activation} is, or null for any other (a plugin's own). */
    static BuiltInActivation of(Activation activation) {
        return activation == SIGMOID.activation ? SIGMOID
                : activation == TANH.activation ? TANH
                : activation == SOFTPLUS.activation ? SOFTPLUS
                : null;
    }
}
