package dev.backflux.engine.kernels;

import dev.backflux.api.Activation;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The API's sigmoid and softplus on SIMD registers: each lane computes exactly the operations of the API's scalar
 * code, in the same order, with {@link VectorMath}'s functions, so the values are the same bits as the scalar
 * code's. The last values of an array, fewer than a vector, go through the scalar code.
 *
 * <p>Loaded only when {@link VectorApiModule#PRESENT}; used only when {@link VectorMath#usable()}.
 */
final class VectorActivations {

    private static final int LANES = VectorMath.LANES;

    private VectorActivations() {
    }

    /**
     * Replaces each value of {@code values[from .. to)} by {@code builtIn} of it. One loop per activation, each
     * compiled on its own: a vector that comes out of a branch, or out of a call the JIT did not inline (one
     * compilation holding both loops exceeds its inlining budget), is boxed, several times slower.
     */
    static void apply(BuiltInActivation builtIn, double[] values, int from, int to) {
        int i = switch (builtIn) {
            case SIGMOID -> sigmoids(values, from, to);
            case SOFTPLUS -> softpluses(values, from, to);
            case TANH -> from; // not on SIMD registers (see BuiltInActivation#simd): all through the scalar code
        };
        Activation activation = builtIn.activation();
        for (; i < to; i++) {
            values[i] = activation.apply(values[i]);
        }
    }

    /** The sigmoid of whole vectors of {@code values[from .. to)}; returns where the tail begins. */
    private static int sigmoids(double[] values, int from, int to) {
        int[] index = VectorMath.indexes();
        int i = from;
        for (int whole = to - LANES; i <= whole; i += LANES) {
            sigmoid(DoubleVector.fromArray(VectorMath.SPECIES, values, i), index).intoArray(values, i);
        }
        return i;
    }

    /** Softplus of whole vectors of {@code values[from .. to)}; returns where the tail begins. */
    private static int softpluses(double[] values, int from, int to) {
        int[] index = VectorMath.indexes();
        int i = from;
        for (int whole = to - LANES; i <= whole; i += LANES) {
            softplus(DoubleVector.fromArray(VectorMath.SPECIES, values, i), index).intoArray(values, i);
        }
        return i;
    }

    /** {@code 1 / (1 + e^-x)}. */
    private static DoubleVector sigmoid(DoubleVector x, int[] index) {
        return DoubleVector.broadcast(VectorMath.SPECIES, 1.0).div(VectorMath.exp(x.neg(), index).add(1.0));
    }

    /** {@code max(x, 0) + ln(1 + e^-|x|)}. */
    private static DoubleVector softplus(DoubleVector x, int[] index) {
        return x.max(0.0).add(VectorMath.log1p(VectorMath.exp(x.abs().neg(), index)));
    }
}
