package dev.backflux.engine.kernels;

import dev.backflux.api.Activation;

/**
 * Applies a layer's activation to its values, and computes its deltas: the API's own sigmoid and softplus on SIMD
 * registers when the Vector API is there ({@link VectorActivations}, the same bits as their scalar code), tanh
 * with its scalar code (faster than its SIMD version was), any other activation through its own array methods.
 * The API's activations may be applied to a part of a layer at a time, on any thread (a large product's helpers
 * apply them to the rows they computed); another activation, a plugin's code, is applied to the whole layer on
 * the calling thread.
 *
 * <p>For the engine's back-propagation; not for applications.
 */
public final class ActivationKernels {

    /** Whether the API's sigmoid and softplus run on SIMD registers: the Vector API is there, with usable shapes. */
    private static final boolean SIMD = VectorApiModule.PRESENT && VectorMath.usable();

    /**
     * From this many values on, the API's sigmoid and softplus run on SIMD registers. Fewer gain little from it,
     * and until the JIT has compiled it, Vector API code runs far slower than plain code (a vector is an object to
     * the interpreter): a small network's first thousands of steps, in a short process, would pay for it.
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
        BuiltInActivation builtIn = BuiltInActivation.of(activation);
        if (builtIn != null) {
            applyBuiltIn(builtIn, values, 0, values.length);
        } else {
            activation.apply(values);
        }
    }

    /**
     * Writes a layer's delta, {@code errors[i] * f'(outputs[i])}, into {@code deltas}: the same bits as
     * {@link Activation#derivativeFromOutput(double[], double[])} followed by the product, in one pass over the
     * layer for the sigmoid and tanh.
     *
     * @param activation the layer's activation, one whose {@link Activation#hasDerivativeFromOutput()}
     * @param outputs the layer's outputs
     * @param errors the layer's errors; as long as {@code outputs}
     * @param deltas receives the deltas; as long as {@code outputs}
     */
    public static void delta(Activation activation, double[] outputs, double[] errors, double[] deltas) {
        BuiltInActivation builtIn = BuiltInActivation.of(activation);
        if (builtIn == BuiltInActivation.SIGMOID) {
            for (int i = 0; i < outputs.length; i++) {
                deltas[i] = errors[i] * (outputs[i] * (1.0 - outputs[i]));
            }
        } else if (builtIn == BuiltInActivation.TANH) {
            for (int i = 0; i < outputs.length; i++) {
                deltas[i] = errors[i] * (1.0 - outputs[i] * outputs[i]);
            }
        } else {
            activation.derivativeFromOutput(outputs, deltas);
            for (int i = 0; i < deltas.length; i++) {
                deltas[i] = errors[i] * deltas[i];
            }
        }
    }

    /** Tells whether {@code activation} may be applied a part of a layer at a time, on any thread. */
    static boolean appliesInParts(Activation activation) {
        return BuiltInActivation.of(activation) != null;
    }

    /**
     * Applies {@code activation}, one that {@link #appliesInParts} allows (one of the API's), to
     * {@code values[from .. to)}.
     */
    static void applyPart(Activation activation, double[] values, int from, int to) {
        BuiltInActivation builtIn = BuiltInActivation.of(activation);
        assert builtIn != null : activation;
        applyBuiltIn(builtIn, values, from, to);
    }

    private static void applyBuiltIn(BuiltInActivation builtIn, double[] values, int from, int to) {
        if (SIMD && builtIn.simd() && to - from >= SIMD_FROM) {
            VectorActivations.apply(builtIn, values, from, to);
        } else {
            Activation activation = builtIn.activation();
            for (int i = from; i < to; i++) {
                values[i] = activation.apply(values[i]);
            }
        }
    }
}
