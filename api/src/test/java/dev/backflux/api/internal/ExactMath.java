package dev.backflux.api.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** The exact values, to 50 digits, that the tests measure the API's elementary functions against. */
public final class ExactMath {

    private static final MathContext DIGITS = new MathContext(50, RoundingMode.HALF_EVEN);
    private static final BigDecimal LN2 = new BigDecimal("0.693147180559945309417232121458176568075500134360255254120680009");
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private ExactMath() {
    }

    /** {@code e^x}: {@code 2^k · e^r} with {@code r = x - k ln 2} by its series. */
    public static BigDecimal exp(double x) {
        int k = (int) Math.rint(x / Math.log(2));
        BigDecimal r = new BigDecimal(x).subtract(LN2.multiply(BigDecimal.valueOf(k)), DIGITS);
        return expm1Series(r).add(BigDecimal.ONE).multiply(new BigDecimal(Math.scalb(1.0, k / 2)), DIGITS)
                .multiply(new BigDecimal(Math.scalb(1.0, k - k / 2)), DIGITS);
    }

    /** {@code e^x - 1}: its series near 0 (no digit lost to the subtraction), {@code e^x - 1} elsewhere. */
    public static BigDecimal expm1(double x) {
        return Math.abs(x) < 1 ? expm1Series(new BigDecimal(x)) : exp(x).subtract(BigDecimal.ONE, DIGITS);
    }

    /** {@code ln(1 + u)} for {@code u ≥ 0}: {@code 2 atanh(s)}, {@code s = u / (2 + u)}, by its series. */
    public static BigDecimal log1p(double u) {
        return log1p(new BigDecimal(u));
    }

    /** {@code ln(1 + u)} for {@code u ≥ 0}, {@code u} exact. */
    public static BigDecimal log1p(BigDecimal u) {
        BigDecimal s = u.divide(u.add(TWO), DIGITS);
        BigDecimal square = s.multiply(s, DIGITS);
        BigDecimal power = s;
        BigDecimal sum = BigDecimal.ZERO;
        for (int n = 0; power.signum() != 0 && power.abs().compareTo(sum.abs().movePointLeft(55)) > 0; n++) {
            sum = sum.add(power.divide(BigDecimal.valueOf(2L * n + 1), DIGITS), DIGITS);
            power = power.multiply(square, DIGITS);
        }
        return sum.multiply(TWO);
    }

    /** {@code tanh(x) = (e^2x - 1) / (e^2x + 1)}, for {@code |x| < 350}. */
    public static BigDecimal tanh(double x) {
        BigDecimal t = expm1(2 * x);
        return t.divide(t.add(TWO), DIGITS);
    }

    /** How far {@code computed} is from {@code exact}, in ulps of the double nearest to {@code exact}. */
    public static double ulpError(double computed, BigDecimal exact) {
        double nearest = exact.doubleValue();
        return new BigDecimal(computed).subtract(exact).abs()
                .divide(new BigDecimal(Math.ulp(nearest)), DIGITS).doubleValue();
    }

    /** How many doubles apart {@code a} and {@code b} are (both of the same sign, or zeros). */
    public static long ulps(double a, double b) {
        return Math.abs(Double.doubleToLongBits(a) - Double.doubleToLongBits(b));
    }

    private static BigDecimal expm1Series(BigDecimal r) {
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal term = BigDecimal.ONE;
        for (int n = 1; n < 60; n++) {
            term = term.multiply(r, DIGITS).divide(BigDecimal.valueOf(n), DIGITS);
            sum = sum.add(term, DIGITS);
        }
        return sum;
    }
}
