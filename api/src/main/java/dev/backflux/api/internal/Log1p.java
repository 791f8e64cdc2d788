package dev.backflux.api.internal;

/**
 * {@code ln(1 + u)} for {@code 0 ≤ u ≤ 1}, the range softplus needs ({@code u = e^-|x|}), written like
 * {@link Exp} so that the engine's SIMD kernels compute the same operations, in the same order, lane by lane.
 *
 * <p>The algorithm is fdlibm's {@code log1p} (the one {@link StrictMath#log1p} ports), reduced to that range
 * and without branches: with {@code 1 + u = 2^k (1 + f)}, {@code k} is 0 while {@code u < √2 - 1}
 * ({@code f = u}, exactly) and 1 above ({@code f = (1 + u)/2 - 1}, with {@code c}, the rounding error of
 * {@code 1 + u} divided by it, added back); then {@code s = f / (2 + f)} and {@code ln(1 + f) = 2 atanh(s) =
 * f - f²/2 + s (f²/2 + R(s²))}, {@code R} fdlibm's degree-7 minimax polynomial; and the result
 * {@code k·ln2hi - ((f²/2 - (s(f²/2 + R) + (k·ln2lo + c))) - f)}.
 *
 * <p>Not part of the API: this package is exported to the engine alone.
 */
public final class Log1p {

    /** {@code √2 - 1}: from here on, {@code k = 1}. */
    public static final double REDUCE_FROM = 0x1.a827999fcef32p-2;
    /** {@code ln 2}'s high part (its low 32 bits zero, so {@code k·ln2hi} is exact). */
    public static final double LN2_HI = 0x1.62e42feep-1;
    /** {@code ln 2}'s low part. */
    public static final double LN2_LO = 0x1.a39ef35793c76p-33;
    /** fdlibm's {@code Lp1 … Lp7}: {@code R(z) = z(Lp1 + z(Lp2 + … + z·Lp7))}, highest degree first here. */
    public static final double LP7 = 0x1.2f112df3e5244p-3, LP6 = 0x1.39a09d078c69fp-3, LP5 = 0x1.7466496cb03dep-3,
            LP4 = 0x1.c71c51d8e78afp-3, LP3 = 0x1.2492494229359p-2, LP2 = 0x1.999999997fa04p-2,
            LP1 = 0x1.5555555555593p-1;

    private Log1p() {
    }

    /**
     * Returns {@code ln(1 + u)}.
     *
     * @param u a value from 0 to 1
     * @return {@code ln(1 + u)}, within 1 ulp of {@link Math#log1p(double)} on every value tested; unspecified
     *         outside {@code [0, 1]}
     */
    public static double log1p(double u) {
        double k;
        double f;
        double c;
        if (u < REDUCE_FROM) {
            k = 0.0;
            f = u;
            c = 0.0;
        } else {
            double w = 1.0 + u;
            k = 1.0;
            f = w * 0.5 - 1.0;
            c = (u - (w - 1.0)) / w;
        }
        double s = f / (2.0 + f);
        double z = s * s;
        double r = Math.fma(z, LP7, LP6);
        r = Math.fma(r, z, LP5);
        r = Math.fma(r, z, LP4);
        r = Math.fma(r, z, LP3);
        r = Math.fma(r, z, LP2);
        r = Math.fma(r, z, LP1);
        r = r * z;
        double hfsq = 0.5 * f * f;
        return k * LN2_HI - ((hfsq - (s * (hfsq + r) + (k * LN2_LO + c))) - f);
    }
}
