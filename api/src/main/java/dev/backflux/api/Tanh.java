package dev.backflux.api;

import dev.backflux.api.internal.Exp;
import dev.backflux.api.internal.Expm1;

/**
 * The hyperbolic tangent, with its derivative {@code 1 - out²}: fdlibm's formulas ({@code -t / (t + 2)},
 * {@code t = e^(-2|x|) - 1}, below 1; {@code 1 - 2 / (e^(2|x|) + 1)} from 1 to 22; 1 above), computed with
 * the API's own {@link Expm1} and {@link Exp} so that the engine's SIMD kernel gives the same bits.
 */
final class Tanh implements Activation {

    static final Tanh INSTANCE = new Tanh();

    /** From here on, {@code tanh(|x|)} rounds to 1. */
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
