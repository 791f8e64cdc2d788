package dev.backflux.api;

import dev.backflux.api.internal.Exp;
import dev.backflux.api.internal.Expm1;

/**
 * The hyperbolic tangent, with its derivative {@code 1 - out²}. With {@code a = |x|}: below 1,
 * {@code t / (t + 2)} with {@code t = e^2a - 1} ({@link Expm1}), the rounding errors of the sum and the quotient
 * added back (fdlibm divides {@code e^-2a - 1} instead, which doubles the error of {@code t}: 2.0 ulp at worst
 * against 1.37 this way); from 1 to {@link #ONE_FROM}, {@code 1 - 2 / (e^2a + 1)} ({@link Exp}); 1
 * above; then the sign of {@code x}. (A SIMD version of the same operations, the same bits, measured slower
 * than this scalar code: the engine applies this one.)
 */
final class Tanh implements Activation {

    static final Tanh INSTANCE = new Tanh();

    /** From here on, {@code tanh(|x|)} is 1: {@code 1 - tanh(22)} is below half an ulp of 1. */
    static final double ONE_FROM = 22;

    private Tanh() {
    }

    @Override
    public double apply(double input) {
        double a = Math.abs(input);
        double z;
        if (a >= 1.0) {
            z = a >= ONE_FROM ? 1.0 : 1.0 - 2.0 / (Exp.exp(2.0 * a) + 1.0);
        } else {
            double t = Expm1.expm1(2.0 * a);
            double d = t + 2.0;
            double back = d - t;
            double dError = (t - (d - back)) + (2.0 - back);
            double q = t / d;
            z = q + (Math.fma(-q, d, t) - q * dError) / d;
        }
        return Math.copySign(z, input);
    }

    @Override
    public double derivativeFromOutput(double output) {
        return 1.0 - output * output;
    }

    @Override
    public void apply(double[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = apply(values[i]);
        }
    }

    @Override
    public void derivativeFromOutput(double[] outputs, double[] derivatives) {
        for (int i = 0; i < outputs.length; i++) {
            derivatives[i] = 1.0 - outputs[i] * outputs[i];
        }
    }

    @Override
    public String toString() {
        return "tanh";
    }
}
