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
    void tanhIsWithinThreeUlpOfMathTanhAndWithinOnePointFourOfTheExactValue() {
        SplittableRandom random = new SplittableRandom(20261203);
        long distance = 0;
        for (int i = 0; i < 3_000_000; i++) {
            double x = switch (i % 3) {
                case 0 -> random.nextDouble(-25, 25);
                case 1 -> random.nextDouble(-1.5, 1.5);
                default -> Math.scalb(random.nextDouble(-1, 1), -random.nextInt(70));
            };
            distance = Math.max(distance, ulps(TANH.apply(x), Math.tanh(x)));
        }
        assertTrue(distance <= 3, "worst distance from Math.tanh: " + distance + " ulp");

        random = new SplittableRandom(5);
        double worst = 0;
        for (int i = 0; i < 30_000; i++) {
            double x = i % 2 == 0 ? random.nextDouble(-3, 3) : Math.scalb(random.nextDouble(-1, 1), -random.nextInt(40));
            worst = Math.max(worst, ExactMath.ulpError(TANH.apply(x), ExactMath.tanh(x)));
        }
        // Measured: 1.37 ulp at worst (JDK 17's Math.tanh, fdlibm's: 1.99 on the same values; JDK 25's: 0.50).
        assertTrue(worst < 1.4, "worst error: " + worst + " ulp");
    }

    @Test
    void tanhNearWhereItsFormulasMeet() {
        for (double edge : new double[] {1.0, 0.5, 19.06, Tanh.ONE_FROM, 0x1p-27}) {
            double below = edge;
            double above = edge;
            for (int i = 0; i < 1000; i++, below = Math.nextDown(below), above = Math.nextUp(above)) {
                for (double x : new double[] {below, above}) {
                    assertTrue(ExactMath.ulpError(TANH.apply(x), ExactMath.tanh(x)) < 1.4, () -> "tanh(" + x + ")");
                    assertEquals(-TANH.apply(x), TANH.apply(-x), () -> "tanh(-" + x + ")");
                }
            }
        }
    }

    @Test
    void tanhsSpecialValues() {
        assertEquals(0.0, TANH.apply(0.0));
        assertEquals(-0.0, TANH.apply(-0.0), "tanh(-0) is -0");
        assertEquals(1e-300, TANH.apply(1e-300));
        assertEquals(-Double.MIN_VALUE, TANH.apply(-Double.MIN_VALUE));
        assertEquals(1.0, TANH.apply(Tanh.ONE_FROM));
        assertEquals(-1.0, TANH.apply(Double.NEGATIVE_INFINITY));
        assertEquals(1.0, TANH.apply(Double.MAX_VALUE));
        assertTrue(Double.isNaN(TANH.apply(Double.NaN)));
    }

    @Test
    void softplusIsAsAccurateAsTheSameFormulaWithTheJdksFunctions() {
        SplittableRandom random = new SplittableRandom(9);
        double ours = 0;
        double jdks = 0;
        double derivative = 0;
        for (int i = 0; i < 30_000; i++) {
            double x = random.nextDouble(-40, 40);
            BigDecimal exact = new BigDecimal(Math.max(x, 0)).add(ExactMath.log1p(ExactMath.exp(-Math.abs(x))));
            ours = Math.max(ours, ExactMath.ulpError(SOFTPLUS.apply(x), exact));
            jdks = Math.max(jdks, ExactMath.ulpError(Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))), exact));
            double output = Math.abs(x) / 10 * (i % 3 == 0 ? 1e-8 : 1);
            derivative = Math.max(derivative,
                    ExactMath.ulpError(SOFTPLUS.derivativeFromOutput(output), ExactMath.expm1(-output).negate()));
        }
        // Measured: 1.29 ulp at worst for both; the derivative 1.02 (-Math.expm1(-out): 0.75).
        assertTrue(ours <= jdks + 0.01, "worst error: " + ours + " ulp, with the JDK's functions: " + jdks);
        assertTrue(ours < 1.35, "worst error: " + ours + " ulp");
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
