package dev.backflux.api.internal;

/**
 * {@code e^x - 1}, accurate where {@code x} is near 0 (where {@code Exp.exp(x) - 1} would lose the digits that
 * matter), written like {@link Exp} in plain IEEE operations and fused multiply-adds, so that a SIMD version
 * can compute the same bits lane by lane (the engine has none: tanh and softplus's derivative, which use it, ran
 * no faster on SIMD registers).
 *
 * <p>Where {@code |x| < ln 2}, the series {@code x + x²(1/2! + x(1/3! + … + x/17!))}, by Horner's rule with
 * fused multiply-adds, its last term below {@code 2⁻⁶⁰} of the result; elsewhere {@code Exp.exp(x) - 1}, where
 * the subtraction loses at most one ulp ({@code e^x ≥ 2} or {@code e^x ≤ 1/2} there). {@code NaN} for
 * {@code NaN}, {@code x} for a zero, {@code -1} below {@code -38}, {@code +∞} above {@link Exp#OVERFLOW}.
 *
 * <p>Not part of the API: this package is exported to the engine alone.
 */
public final class Expm1 {

    /** Below this magnitude the series is used: {@code ln 2}, rounded. */
    public static final double SERIES_BOUND = 0x1.62e42fefa39efp-1;

    /** The series' coefficients {@code 1/17!, 1/16!, …, 1/3!, 1/2!}, highest degree first, as Horner's rule takes them. */
    private static final double[] COEFFICIENTS = {
        0x1.952c77030ad4ap-49, 0x1.ae7f3e733b81fp-45, 0x1.ae7f3e733b81fp-41, 0x1.93974a8c07c9dp-37,
        0x1.6124613a86d09p-33, 0x1.1eed8eff8d898p-29, 0x1.ae64567f544e4p-26, 0x1.27e4fb7789f5cp-22,
        0x1.71de3a556c734p-19, 0x1.a01a01a01a01ap-16, 0x1.a01a01a01a01ap-13, 0x1.6c16c16c16c17p-10,
        0x1.1111111111111p-7, 0x1.5555555555555p-5, 0x1.5555555555555p-3, 0x1.0p-1
    };

    private Expm1() {
    }

    /**
     * Returns {@code e^x - 1}.
     *
     * @param x the exponent
     * @return {@code e^x - 1}, within 1 ulp of {@link Math#expm1(double)} on every value tested
     */
    public static double expm1(double x) {
        if (Math.abs(x) < SERIES_BOUND) {
            double p = COEFFICIENTS[0];
            for (int i = 1; i < COEFFICIENTS.length; i++) {
                p = Math.fma(p, x, COEFFICIENTS[i]);
            }
            return x == 0.0 ? x : Math.fma(x * p, x, x); // a zero keeps its sign, as in Math.expm1
        }
        return Exp.exp(x) - 1.0;
    }

    /**
     * Returns a copy of the series' coefficients, {@code 1/17!} first and {@code 1/2!} last, for a kernel that
     * evaluates the series in the same order.
     *
     * @return the 16 coefficients
     */
    public static double[] coefficients() {
        return COEFFICIENTS.clone();
    }
}
