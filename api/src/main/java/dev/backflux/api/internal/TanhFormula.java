package dev.backflux.api.internal;

/**
 * The constant of the API's tanh that the engine's SIMD tanh must share with it to compute the same bits.
 *
 * <p>Not part of the API: this package is exported to the engine alone.
 */
public final class TanhFormula {

    /** From here on, {@code tanh(|x|)} is 1: {@code 1 - tanh(22)} is below half an ulp of 1. */
    public static final double ONE_FROM = 22;

    private TanhFormula() {
    }
}
