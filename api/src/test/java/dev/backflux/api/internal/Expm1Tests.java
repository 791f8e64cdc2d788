package dev.backflux.api.internal;

import static dev.backflux.api.internal.ExactMath.ulps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Expm1Tests {

    @Test
    void theCoefficientsAreTheNearestDoublesToOneOverNFactorial() {
        double[] coefficients = Expm1.coefficients();
        assertEquals(16, coefficients.length);
        BigDecimal factorial = BigDecimal.ONE;
        for (int n = 2; n <= 17; n++) {
            factorial = factorial.multiply(BigDecimal.valueOf(n));
            double nearest = BigDecimal.ONE.divide(factorial, new MathContext(40)).doubleValue();
            assertEquals(nearest, coefficients[17 - n], "1/" + n + "!");
        }
    }

    @Test
    void everyValueIsWithinOneUlpOfMathExpm1() {
        SplittableRandom random = new SplittableRandom(20261203);
        long worst = 0;
        for (int i = 0; i < 3_000_000; i++) {
            double x = switch (i % 3) {
                case 0 -> random.nextDouble(-40, 40);
                case 1 -> random.nextDouble(-2, 2);
                default -> Math.scalb(random.nextDouble(-1, 1), -random.nextInt(70));
            };
            worst = Math.max(worst, ulps(Expm1.expm1(x), Math.expm1(x)));
        }
        assertTrue(worst <= 1, "worst distance from Math.expm1: " + worst + " ulp");
    }

    @Test
    void theWorstErrorAgainstTheExactValueIsJustAboveOneUlp() {
        SplittableRandom random = new SplittableRandom(11);
        double worst = 0;
        for (int i = 0; i < 30_000; i++) {
            double x = i % 2 == 0 ? random.nextDouble(-3, 3) : Math.scalb(random.nextDouble(-1, 1), -random.nextInt(40));
            worst = Math.max(worst, ExactMath.ulpError(Expm1.expm1(x), ExactMath.expm1(x)));
        }
        // Measured: 1.067 ulp at worst, just above ln 2 where e^x - 1 inherits e^x's error (Math.expm1: 0.78).
        assertTrue(worst < 1.1, "worst error: " + worst + " ulp");
    }

    @Test
    void specialValuesAndTheEdgesOfTheSeries() {
        assertEquals(0.0, Expm1.expm1(0.0));
        assertEquals(-0.0, Expm1.expm1(-0.0));
        assertEquals(Double.MIN_VALUE, Expm1.expm1(Double.MIN_VALUE));
        assertEquals(1e-300, Expm1.expm1(1e-300));
        assertEquals(-1.0, Expm1.expm1(-38));
        assertEquals(-1.0, Expm1.expm1(Double.NEGATIVE_INFINITY));
        assertEquals(Double.POSITIVE_INFINITY, Expm1.expm1(Double.POSITIVE_INFINITY));
        assertEquals(Double.POSITIVE_INFINITY, Expm1.expm1(Math.nextUp(Exp.OVERFLOW)));
        assertTrue(Double.isNaN(Expm1.expm1(Double.NaN)));
        for (double x : new double[] {Expm1.SERIES_BOUND, Math.nextDown(Expm1.SERIES_BOUND), -Expm1.SERIES_BOUND,
            Math.nextUp(-Expm1.SERIES_BOUND)}) {
            assertTrue(ulps(Expm1.expm1(x), Math.expm1(x)) <= 1, "expm1(" + x + ")");
        }
    }
}
