package dev.backflux.api;

import dev.backflux.api.internal.Exp;
import dev.backflux.api.internal.Expm1;
import dev.backflux.api.internal.Log1p;

/**
 * Softplus {@code ln(1 + e^x)}, a smooth ReLU, computed as {@code max(x, 0) + ln(1 + e^-|x|)}, which never
 * overflows; its derivative, the sigmoid of the input, is {@code 1 - e^-out} in terms of the output, computed
 * as {@code -(e^-out - 1)} so that it keeps its digits where the output is small. With the API's own {@link Exp},
 * {@link Log1p} and {@link Expm1}, so that the engine's SIMD softplus gives the same bits.
 */
final class Softplus implements Activation {

    static final Softplus INSTANCE = new Softplus();

    private Softplus() {
    }

    @Override
    public double apply(double input) {
        return Math.max(input, 0.0) + Log1p.log1p(Exp.exp(-Math.abs(input)));
    }

    @Override
    public double derivativeFromOutput(double output) {
        return -Expm1.expm1(-output);
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
            derivatives[i] = derivativeFromOutput(outputs[i]);
        }
    }

    @Override
    public String toString() {
        return "softplus";
    }
}
