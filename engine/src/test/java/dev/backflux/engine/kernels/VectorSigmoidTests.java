package dev.backflux.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Activation;
import dev.backflux.api.internal.Exp;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The SIMD sigmoid gives the scalar sigmoid's bits for every value, whatever the array's length. */
class VectorSigmoidTests {

    private static final Activation SIGMOID = Activation.sigmoid();

    @Test
    void everyValueIsTheScalarSigmoidsBits() {
        assertTrue(VectorApiModule.PRESENT, "the build runs the tests with --add-modules jdk.incubator.vector");
        assertTrue(VectorSigmoid.usable(), "a vector of doubles and a vector of as many ints");
        SplittableRandom random = new SplittableRandom(3);
        double[] values = new double[1 << 20];
        for (int i = 0; i < values.length; i++) {
            // The whole range of e^-x, and the range where a network's weighted sums mostly are.
            values[i] = i % 2 == 0 ? random.nextDouble(-Exp.OVERFLOW - 1, -Exp.UNDERFLOW + 1)
                    : random.nextDouble(-30, 30);
        }
        assertSameBits(values);
    }

    @Test
    void specialValuesAndEveryTailLength() {
        double[] special = {0.0, -0.0, 1, -1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            -Exp.OVERFLOW, Math.nextDown(-Exp.OVERFLOW), -Exp.UNDERFLOW, Math.nextUp(-Exp.UNDERFLOW), 708.5, 740,
            -709.5, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, 36.7368005696771, -36.7368005696771};
        for (int length = 0; length <= special.length; length++) {
            double[] values = new double[length];
            System.arraycopy(special, 0, values, 0, length);
            assertSameBits(values);
        }
        double[] edges = special.clone();
        ActivationKernels.apply(SIGMOID, edges);
        assertEquals(0.5, edges[0]);
        assertEquals(1.0, edges[5]);
        assertEquals(0.0, edges[6]);
        assertTrue(Double.isNaN(edges[4]));
    }

    private static void assertSameBits(double[] values) {
        double[] simd = values.clone();
        VectorSigmoid.apply(simd, 0, simd.length);
        double[] viaKernels = values.clone();
        ActivationKernels.apply(SIGMOID, viaKernels);
        for (int i = 0; i < values.length; i++) {
            double value = values[i];
            long expected = Double.doubleToRawLongBits(SIGMOID.apply(value));
            assertEquals(expected, Double.doubleToRawLongBits(simd[i]), () -> "SIMD sigmoid(" + value + ")");
            assertEquals(expected, Double.doubleToRawLongBits(viaKernels[i]), () -> "sigmoid(" + value + ")");
        }
    }
}
