package dev.backflux.api;

import dev.backflux.api.internal.Exp;

/** The logistic sigmoid, the tutorial's {@code nonlin}, with its derivative {@code out * (1 - out)}. */
final class Sigmoid implements Activation {

    static final Sigmoid INSTANCE = new Sigmoid();

    private Sigmoid() {
    }

    @Override
    public double apply(double input) {
        return 1.0 / (1.0 + Exp.exp(-input));
    }

    @Override
    public double derivativeFromOutput(double output) {
        return output * (1.0 - output);
    }

    @Override
    public void apply(double[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = 1.0 / (1.0 + Exp.exp(-values[i]));
        }
    }

    @Override
    public void derivativeFromOutput(double[] outputs, double[] derivatives) {
        for (int i = 0; i < outputs.length; i++) {
            derivatives[i] = outputs[i] * (1.0 - outputs[i]);
        }
    }

    @Override
    public String toString() {
        return "sigmoid";
    }
}
