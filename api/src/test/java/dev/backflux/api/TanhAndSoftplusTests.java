package dev.backflux.api;

import static dev.backflux.api.internal.ExactMath.ulps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.internal.ExactMath;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The API's tanh and softplus: their accuracy against the exact values and the JDK's, and their edges. */
class TanhAndSoftplusTests {

    private static final Activation TANH = Activation.tanh();
    private static final Activation SOFTPLUS = Activation.softplus();

    @Test
    void tanhIsWithinThreeUlpOfMathTanhAndCloserToTheExactValue() {
        SplittableRandom random = new SplittableRandom(20261203);
        long worst = 0;
        for (int i = 0; i < 3_000_000; i++) {
            double x = switch (i % 3) {
                case 0 -> random.nextDouble(-25, 25);
                case 1 -> random.nextDouble(-1.5, 1.5);
                default -> Math.scalb(random.nextDouble(-1, 1), -random.nextInt(70));
            };
            worst = Math.max(worst, ulps(TANH.apply(x), Math.tanh(x)));
        }
        assertTrue(worst <= 3, "worst distance from Math.tanh: " + worst + " ulp");

        random = new SplittableRandom(5);
        double ours = 0;
        double jdks = 0;
        for (int i = 0; i < 30_000; i++) {
            double x = i % 2 == 0 ? random.nextDouble(-3, 3) : Math.scalb(random.nextDouble(-1, 1), -random.nextInt(40));
            BigDecimal exact = ExactMath.tanh(x);
            ours = Math.max(ours, ExactMath.ulpError(TANH.apply(x), exact));
            jdks = Math.max(jdks, ExactMath.ulpError(Math.tanh(x), exact));
        }
        // Measured: 1.38 ulp at worst, Math.tanh 2.08 on the same values.
        assertTrue(ours < 1.4, "worst error: " + ours + " ulp");
        assertTrue(ours < jdks, "worst error: " + ours + " ulp, Math.tanh's: " + jdks);
    }

    @Test
    void tanhIsOddAndItsEdges() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            double x = random.nextDouble(-30, 30);
            assertEquals(-TANH.apply(x), TANH.apply(-x), "tanh(-" + x + ")");
        }
        assertEquals(0.0, TANH.apply(0.0));
        assertEquals(-0.0, TANH.apply(-0.0), "tanh(-0) is -0");
        assertEquals(1e-300, TANH.apply(1e-300));
        assertEquals(-Double.MIN_VALUE, TANH.apply(-Double.MIN_VALUE));
        assertEquals(1.0, TANH.apply(22));
        assertEquals(Math.tanh(Math.nextDown(22.0)), TANH.apply(Math.nextDown(22.0)));
        assertEquals(-1.0, TANH.apply(Double.NEGATIVE_INFINITY));
        assertEquals(1.0, TANH.apply(Double.MAX_VALUE));
        assertTrue(Double.isNaN(TANH.apply(Double.NaN)));
        assertTrue(ulps(TANH.apply(1.0), Math.tanh(1.0)) <= 1);
        assertTrue(ulps(TANH.apply(Math.nextDown(1.0)), Math.tanh(Math.nextDown(1.0))) <= 2);
    }

    @Test
    void softplusIsAsAccurateAsTheSameFormulaWithTheJdksFunctions() {
        SplittableRandom random = new SplittableRandom(9);
        double ours = 0;
        double jdks = 0;
        double derivative = 0;
        for (int i = 0; i < 30_000; i++) {
            double x = random.nextDouble(-40, 40);
            BigDecimal exact = new BigDecimal(Math.max(x, 0)).add(ExactMath.log1p(ExactMath.exp(-Math.abs(x))
                    .doubleValue()));
            // The exact log1p of e^-|x| rounded: the rounding costs at most half an ulp of a value below ln 2.
            ours = Math.max(ours, ExactMath.ulpError(SOFTPLUS.apply(x), exact));
            jdks = Math.max(jdks, ExactMath.ulpError(Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))), exact));
            double output = Math.abs(x) / 10 * (i % 3 == 0 ? 1e-8 : 1);
            derivative = Math.max(derivative,
                    ExactMath.ulpError(SOFTPLUS.derivativeFromOutput(output), ExactMath.expm1(-output).negate()));
        }
        // Measured: 1.40 ulp at worst for both; the derivative 1.02 (-Math.expm1(-out): 0.75).
        assertTrue(ours <= jdks + 0.01, "worst error: " + ours + " ulp, with the JDK's functions: " + jdks);
        assertTrue(ours < 1.5, "worst error: " + ours + " ulp");
        assertTrue(derivative < 1.1, "the derivative's worst error: " + derivative + " ulp");
    }

    @Test
    void softplusNeverOverflowsAndKeepsTinyValues() {
        assertEquals(800.0, SOFTPLUS.apply(800));
        assertEquals(Double.MAX_VALUE, SOFTPLUS.apply(Double.MAX_VALUE));
        assertEquals(Double.POSITIVE_INFINITY, SOFTPLUS.apply(Double.POSITIVE_INFINITY));
        assertEquals(0.0, SOFTPLUS.apply(Double.NEGATIVE_INFINITY));
        assertTrue(ulps(SOFTPLUS.apply(-700), Math.exp(-700)) <= 1, "softplus(-700) = e^-700, nearly");
        assertEquals(Math.log(2), SOFTPLUS.apply(0), 0.0);
        assertTrue(Double.isNaN(SOFTPLUS.apply(Double.NaN)));
        assertEquals(1.0, SOFTPLUS.derivativeFromOutput(800));
        assertEquals(0.0, SOFTPLUS.derivativeFromOutput(0.0));
        assertEquals(1e-300, SOFTPLUS.derivativeFromOutput(1e-300));
        assertEquals(0.5, SOFTPLUS.derivativeFromOutput(SOFTPLUS.apply(0)), 1e-16);
    }
}
