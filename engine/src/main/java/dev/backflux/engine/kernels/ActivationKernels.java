package dev.backflux.engine.kernels;

import dev.backflux.api.Activation;

/**
 * Applies a layer's activation to all its values at once: the sigmoid on SIMD registers when the Vector API
 * is there ({@link VectorSigmoid}, the same bits as the scalar sigmoid), any other activation through its own
 * {@link Activation#apply(double[])}.
 *
 * <p>For the engine's back-propagation; not for applications.
 */
public final class ActivationKernels {

    private ActivationKernels() {
    }

    /**
     * Replaces each value by {@code activation} of it.
     *
     * @param activation the layer's activation
     * @param values the layer's weighted sums, replaced by its values
     */
    public static void apply(Activation activation, double[] values) {
        if (activation == Activation.sigmoid() && VectorApiModule.PRESENT) {
            VectorSigmoid.apply(values);
        } else {
            activation.apply(values);
        }
    }
}
