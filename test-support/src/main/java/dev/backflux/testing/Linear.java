package dev.backflux.testing;

import dev.backflux.api.Activation;

/** The identity with its derivative 1: nothing bounds the outputs, so a large learning rate diverges. */
public final class Linear implements Activation {

    /** The one instance. */
    public static final Linear INSTANCE = new Linear();

    private Linear() {
    }

    @Override
    public double apply(double input) {
        return input;
    }

    @Override
    public double derivativeFromOutput(double output) {
        return 1;
    }
}
