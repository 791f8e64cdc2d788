package dev.backflux.engine.kernels;

import dev.backflux.api.Activation;

/**
 * The API's own activations, which the engine's kernels know: they may be applied a part of a layer at a time, on
 * any thread, and on SIMD registers ({@link VectorActivations}), with the same bits as their scalar code.
 */
enum BuiltInActivation {
    /** {@link Activation#sigmoid()}. */
    SIGMOID(Activation.sigmoid()),
    /** {@link Activation#tanh()}. */
    TANH(Activation.tanh()),
    /** {@link Activation#softplus()}. */
    SOFTPLUS(Activation.softplus());

    private final Activation activation;

    BuiltInActivation(Activation activation) {
        this.activation = activation;
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
