package dev.backflux.engine.kernels;

import dev.backflux.api.Activation;

/**
 * Applies a layer's activation to its values: the engine's own sigmoid ({@link Activation#sigmoid()}) on SIMD
 * registers when the Vector API is there ({@link VectorSigmoid}, the same bits as the scalar sigmoid), any
 * other activation through its own {@link Activation#apply(double[])}. The sigmoid may be applied to a part
 * of a layer at a time, on any thread (a large product's helpers apply it to the rows they computed); another
 * activation, a plugin's code, is applied to the whole layer on the calling thread.
 *
 * <p>For the engine's back-propagation; not for applications.
 */
public final class ActivationKernels {

    private static final Activation SIGMOID = Activation.sigmoid();

    /** Whether the sigmoid runs on SIMD registers: the Vector API is there, with shapes the kernel can use. */
    private static final boolean SIMD = VectorApiModule.PRESENT && VectorSigmoid.usable();

    /**
     * From this many values on, the sigmoid runs on SIMD registers. Fewer gain little from it, and until the JIT
     * has compiled it, Vector API code runs far slower than plain code (a vector is an object to the
     * interpreter): a small network's first thousands of steps, in a short process, would pay for it.
     */
    static final int SIMD_FROM = 256;

    private ActivationKernels() {
    }

    /**
     * Replaces each value by {@code activation} of it.
     *
     * @param activation the layer's activation
     * @param values the layer's weighted sums, replaced by its values
     */
    public static void apply(Activation activation, double[] values) {
        if (activation == SIGMOID) {
            applySigmoid(values, 0, values.length);
        } else {
            activation.apply(values);
        }
    }

    /** Tells whether {@code activation} may be applied a part of a layer at a time, on any thread. */
    static boolean appliesInParts(Activation activation) {
        return activation == SIGMOID;
    }

    /**
     * Applies {@code activation}, one that {@link #appliesInParts} allows (the sigmoid), to
     * {@code values[from .. to)}.
     */
    static void applyPart(Activation activation, double[] values, int from, int to) {
        assert appliesInParts(activation) : activation;
        applySigmoid(values, from, to);
    }

    private static void applySigmoid(double[] values, int from, int to) {
        if (SIMD && to - from >= SIMD_FROM) {
            VectorSigmoid.apply(values, from, to);
        } else {
            for (int i = from; i < to; i++) {
                values[i] = SIGMOID.apply(values[i]);
            }
        }
    }
}
