package dev.backflux.engine.kernels;

import dev.backflux.api.Activation;
import dev.backflux.api.internal.TanhFormula;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The API's sigmoid, tanh and softplus, and softplus's derivative, on SIMD registers: each lane computes exactly
 * the operations of the API's scalar code, in the same order, with {@link VectorMath}'s functions, so the values
 * are the same bits as the scalar code's. The last values of an array, fewer than a vector, go through the scalar
 * code.
 *
 * <p>Loaded only when {@link VectorApiModule#PRESENT}; used only when {@link VectorMath#usable()}.
 */
final class VectorActivations {

    private static final int LANES = VectorMath.LANES;
    private static final Activation SOFTPLUS = BuiltInActivation.SOFTPLUS.activation();

    private VectorActivations() {
    }

    /** Replaces each value of {@code values[from .. to)} by {@code builtIn} of it. */
    static void apply(BuiltInActivation builtIn, double[] values, int from, int to) {
        int[] index = VectorMath.indexes();
        int i = from;
        for (int whole = to - LANES; i <= whole; i += LANES) {
            DoubleVector x = DoubleVector.fromArray(VectorMath.SPECIES, values, i);
            DoubleVector y = switch (builtIn) {
                case SIGMOID -> sigmoid(x, index);
                case TANH -> tanh(x, index);
                case SOFTPLUS -> softplus(x, index);
            };
            y.intoArray(values, i);
        }
        Activation activation = builtIn.activation();
        for (; i < to; i++) {
            values[i] = activation.apply(values[i]);
        }
    }

    /** Writes softplus's derivative {@code -(e^-out - 1)} of every output into {@code derivatives}. */
    static void softplusDerivative(double[] outputs, double[] derivatives) {
        int[] index = VectorMath.indexes();
        int i = 0;
        for (int whole = outputs.length - LANES; i <= whole; i += LANES) {
            DoubleVector out = DoubleVector.fromArray(VectorMath.SPECIES, outputs, i);
            VectorMath.expm1(out.neg(), index).neg().intoArray(derivatives, i);
        }
        for (; i < outputs.length; i++) {
            derivatives[i] = SOFTPLUS.derivativeFromOutput(outputs[i]);
        }
    }

    /** {@code 1 / (1 + e^-x)}. */
    private static DoubleVector sigmoid(DoubleVector x, int[] index) {
        return DoubleVector.broadcast(VectorMath.SPECIES, 1.0).div(VectorMath.exp(x.neg(), index).add(1.0));
    }

    /**
     * The API's tanh: {@code 1 - 2 / (e^2a + 1)} from {@code a = |x| = 1} on (1 from {@link TanhFormula#ONE_FROM}),
     * below 1 {@code t / (t + 2)}, {@code t = e^2a - 1}, divided with the rounding errors of the sum and the
     * quotient added back; the sign of x. {@code e^2a} is computed once for both.
     */
    private static DoubleVector tanh(DoubleVector x, int[] index) {
        DoubleVector a = x.abs();
        DoubleVector twoA = a.mul(2.0);
        DoubleVector e = VectorMath.exp(twoA, index);
        DoubleVector large = DoubleVector.broadcast(VectorMath.SPECIES, 1.0)
                .sub(DoubleVector.broadcast(VectorMath.SPECIES, 2.0).div(e.add(1.0)))
                .blend(1.0, a.compare(VectorOperators.GE, TanhFormula.ONE_FROM));
        DoubleVector t = VectorMath.expm1(twoA, e);
        DoubleVector d = t.add(2.0);
        DoubleVector back = d.sub(t);
        DoubleVector dError = t.sub(d.sub(back)).add(DoubleVector.broadcast(VectorMath.SPECIES, 2.0).sub(back));
        DoubleVector q = t.div(d);
        DoubleVector small = q.add(q.neg().fma(d, t).sub(q.mul(dError)).div(d));
        LongVector magnitude = small.blend(large, a.compare(VectorOperators.GE, 1.0)).reinterpretAsLongs()
                .and(Long.MAX_VALUE);
        return magnitude.or(x.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles();
    }

    /** {@code max(x, 0) + ln(1 + e^-|x|)}. */
    private static DoubleVector softplus(DoubleVector x, int[] index) {
        return x.max(0.0).add(VectorMath.log1p(VectorMath.exp(x.abs().neg(), index)));
    }
}
