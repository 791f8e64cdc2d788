package dev.backflux.api.internal;

import static dev.backflux.api.internal.ExactMath.ulps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Log1pTests {

    @Test
    void everyValueFromZeroToOneIsWithinOneUlpOfMathLog1p() {
        SplittableRandom random = new SplittableRandom(20261203);
        long worst = 0;
        int differing = 0;
        int values = 3_000_000;
        for (int i = 0; i < values; i++) {
            double u = i % 2 == 0 ? random.nextDouble() : Math.scalb(random.nextDouble(), -random.nextInt(1070));
            long distance = ulps(Log1p.log1p(u), Math.log1p(u));
            worst = Math.max(worst, distance);
            differing += distance == 0 ? 0 : 1;
        }
        assertTrue(worst <= 1, "worst distance from Math.log1p: " + worst + " ulp");
        // fdlibm's algorithm, as Math.log1p: only a few values differ (fused multiply-adds, and fdlibm's own branch
        // below 2^-29).
        assertTrue(differing <= values / 10_000, "differing from Math.log1p: " + differing + " of " + values);
    }

    @Test
    void theWorstErrorAgainstTheExactValueIsBelowOneUlp() {
        SplittableRandom random = new SplittableRandom(13);
        double worst = 0;
        double worstOfMath = 0;
        for (int i = 0; i < 30_000; i++) {
            double u = i % 2 == 0 ? random.nextDouble() : Math.scalb(random.nextDouble(), -random.nextInt(60));
            worst = Math.max(worst, ExactMath.ulpError(Log1p.log1p(u), ExactMath.log1p(u)));
            worstOfMath = Math.max(worstOfMath, ExactMath.ulpError(Math.log1p(u), ExactMath.log1p(u)));
        }
        // Measured: 0.755 ulp at worst, as Math.log1p over the same values.
        assertTrue(worst < 0.76, "worst error: " + worst + " ulp");
        assertTrue(worst <= worstOfMath, "worst error: " + worst + " ulp, Math.log1p's: " + worstOfMath);
    }

    @Test
    void theEndsOfTheRangeAndTheReduction() {
        assertEquals(0.0, Log1p.log1p(0.0));
        assertEquals(Double.MIN_VALUE, Log1p.log1p(Double.MIN_VALUE));
        assertEquals(1e-300, Log1p.log1p(1e-300));
        assertEquals(Math.log(2), Log1p.log1p(1.0));
        for (double u : new double[] {Log1p.REDUCE_FROM, Math.nextDown(Log1p.REDUCE_FROM), 0.5, Math.nextDown(1.0)}) {
            assertTrue(ulps(Log1p.log1p(u), Math.log1p(u)) <= 1, "log1p(" + u + ")");
        }
    }
}
