package dev.backflux.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Activation;
import dev.backflux.api.internal.Exp;
import dev.backflux.api.internal.Expm1;
import dev.backflux.api.internal.Log1p;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SIMD sigmoid and softplus and the functions under them give the scalar code's bits for every value, whatever
 * the array's length; through the kernels, tanh as well (its scalar code).
 */
class VectorActivationsTests {

    private static final double[] SPECIAL = {0.0, -0.0, 1, -1, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Exp.OVERFLOW, -Exp.OVERFLOW, Math.nextDown(-Exp.OVERFLOW), -Exp.UNDERFLOW,
        Math.nextUp(-Exp.UNDERFLOW), 708.5, 740, -709.5, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE,
        -Double.MIN_VALUE, 1e-300, 36.7368005696771, -36.7368005696771, Math.nextDown(1.0), Math.nextUp(-1.0), 22,
        Math.nextDown(22.0), -22, Expm1.SERIES_BOUND, Math.nextDown(Expm1.SERIES_BOUND), -Expm1.SERIES_BOUND,
        Expm1.SERIES_BOUND / 2, Math.nextDown(Expm1.SERIES_BOUND / 2), -38, Log1p.REDUCE_FROM, 0.5, 2};

    @BeforeAll
    static void theVectorApiIsThere() {
        assertTrue(VectorApiModule.PRESENT, "the build runs the tests with --add-modules jdk.incubator.vector");
        assertTrue(VectorMath.usable(), "a vector of doubles and a vector of as many ints");
    }

    @ParameterizedTest
    @EnumSource(value = BuiltInActivation.class, names = {"SIGMOID", "SOFTPLUS"})
    void everyValueIsTheScalarActivationsBits(BuiltInActivation builtIn) {
        SplittableRandom random = new SplittableRandom(3);
        DoubleSupplier wide = () -> random.nextDouble(-Exp.OVERFLOW - 1, -Exp.UNDERFLOW + 1);
        double[] values = new double[1 << 20];
        for (int i = 0; i < values.length; i++) {
            // The whole range of e^-x, the range where a network's weighted sums mostly are, and values near 0.
            values[i] = switch (i % 4) {
                case 0 -> wide.getAsDouble();
                case 1 -> random.nextDouble(-30, 30);
                case 2 -> random.nextDouble(-1.5, 1.5);
                default -> Math.scalb(random.nextDouble(-1, 1), -random.nextInt(80));
            };
        }
        assertSameBits(builtIn, values);
    }

    @ParameterizedTest
    @EnumSource(BuiltInActivation.class)
    void specialValuesInEveryLaneAndEveryTailLength(BuiltInActivation builtIn) {
        for (int length = 0; length <= SPECIAL.length; length++) {
            assertSameBits(builtIn, specials(0, length));
        }
        // Long enough for the kernels to take the SIMD code, each special value in every lane, every tail length.
        for (int shift = 0; shift < VectorMath.LANES; shift++) {
            for (int tail = 0; tail < VectorMath.LANES; tail++) {
                assertSameBits(builtIn, specials(shift, ActivationKernels.SIMD_FROM + SPECIAL.length + tail));
            }
        }
    }

    @Test
    void theKernelsGiveTheActivationsValuesAtTheEdges() {
        double[] values = specials(0, SPECIAL.length * (ActivationKernels.SIMD_FROM / SPECIAL.length + 1));
        double[] sigmoid = values.clone();
        ActivationKernels.apply(Activation.sigmoid(), sigmoid);
        double[] tanh = values.clone();
        ActivationKernels.apply(Activation.tanh(), tanh);
        double[] softplus = values.clone();
        ActivationKernels.apply(Activation.softplus(), softplus);
        for (int at = 0; at < values.length; at += SPECIAL.length) {
            assertEquals(0.5, sigmoid[at]);
            assertEquals(1.0, sigmoid[at + 5]);
            assertEquals(0.0, sigmoid[at + 6]);
            assertTrue(Double.isNaN(sigmoid[at + 4]));
            assertEquals(-0.0, tanh[at + 1]);
            assertEquals(1.0, tanh[at + 5]);
            assertEquals(-1.0, tanh[at + 6]);
            assertEquals(Math.tanh(1), tanh[at + 2], Math.ulp(1.0));
            assertEquals(Math.log(2), softplus[at]);
            assertEquals(Double.POSITIVE_INFINITY, softplus[at + 5]);
            assertEquals(0.0, softplus[at + 6]);
            assertEquals(Double.MAX_VALUE, softplus[at + 15]);
        }
    }

    @Test
    void expAndLog1pAreTheScalarBitsOverTheirWholeRanges() {
        SplittableRandom random = new SplittableRandom(7);
        int lanes = VectorMath.LANES;
        int[] index = VectorMath.indexes();
        double[] x = new double[lanes];
        double[] u = new double[lanes];
        double[] exp = new double[lanes];
        double[] log1p = new double[lanes];
        double[] specialU = {0.0, 1.0, Double.MIN_VALUE, 0x1p-29, Math.nextDown(0x1p-29), Log1p.REDUCE_FROM,
            Math.nextDown(Log1p.REDUCE_FROM), Math.nextUp(Log1p.REDUCE_FROM), Math.nextDown(1.0), 0.5, Double.NaN};
        for (int round = 0; round < 200_000; round++) {
            for (int lane = 0; lane < lanes; lane++) {
                x[lane] = round < SPECIAL.length ? SPECIAL[(round + lane) % SPECIAL.length]
                        : round % 2 == 0 ? random.nextDouble(-800, 800) : random.nextDouble(-1, 1);
                u[lane] = round < specialU.length ? specialU[(round + lane) % specialU.length]
                        : round % 2 == 0 ? random.nextDouble() : Math.scalb(random.nextDouble(), -random.nextInt(1075));
            }
            VectorMath.exp(DoubleVector.fromArray(VectorMath.SPECIES, x, 0), index).intoArray(exp, 0);
            VectorMath.log1p(DoubleVector.fromArray(VectorMath.SPECIES, u, 0)).intoArray(log1p, 0);
            for (int lane = 0; lane < lanes; lane++) {
                double xi = x[lane];
                double ui = u[lane];
                assertEquals(Double.doubleToRawLongBits(Exp.exp(xi)), Double.doubleToRawLongBits(exp[lane]),
                        () -> "exp(" + xi + ")");
                assertEquals(Double.doubleToRawLongBits(Log1p.log1p(ui)), Double.doubleToRawLongBits(log1p[lane]),
                        () -> "log1p(" + ui + ")");
            }
        }
    }

    /** {@code length} values: the special ones over and over, starting from the {@code shift}-th. */
    private static double[] specials(int shift, int length) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = SPECIAL[(i + shift) % SPECIAL.length];
        }
        return values;
    }

    private static void assertSameBits(BuiltInActivation builtIn, double[] values) {
        Activation activation = builtIn.activation();
        double[] simd = values.clone();
        VectorActivations.apply(builtIn, simd, 0, simd.length);
        double[] viaKernels = values.clone();
        ActivationKernels.apply(activation, viaKernels);
        for (int i = 0; i < values.length; i++) {
            double value = values[i];
            long expected = Double.doubleToRawLongBits(activation.apply(value));
            assertEquals(expected, Double.doubleToRawLongBits(simd[i]), () -> "SIMD " + activation + "(" + value + ")");
            assertEquals(expected, Double.doubleToRawLongBits(viaKernels[i]), () -> activation + "(" + value + ")");
        }
    }
}
