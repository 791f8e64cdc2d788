package dev.backflux.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Activation;
import dev.backflux.testing.CountingActivation;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packed kernels, on shapes whose sides are not multiples of the tile, small and large enough to be shared
 * between threads: each element must be exactly the fused multiply-add chain over p in ascending order.
 */
class PackedProductTests {

    private final SplittableRandom random = new SplittableRandom(11);

    @ParameterizedTest
    @CsvSource({"37, 29, 31", "131, 67, 45", "257, 130, 129", "300, 200, 90", "70, 600, 40", "1027, 64, 64",
        "66, 1030, 64", "45, 700, 3", "129, 300, 256", "130, 77, 200"})
    void everyProductIsTheFusedSumInAscendingOrder(int n, int k, int m) {
        assertTrue((long) n * k * m >= MatrixKernels.PACKED_FROM, "the packed path is what this test is about");
        double[] a = random(n * k);
        double[] b = random(k * m);
        double[] expected = fusedProduct(a, b, n, k, m);

        double[] aTransposed = MatrixKernelsTests.transpose(a, n, k);
        double[] bTransposed = MatrixKernelsTests.transpose(b, k, m);
        for (boolean vector : new boolean[] {false, true}) {
            String kernel = vector ? "vector" : "scalar";
            double[] c = new double[n * m];
            PackedProduct.run(a, false, b, false, c, n, k, m, vector);
            assertArrayEquals(expected, c, 0.0, kernel + " A·B");

            double[] cTa = new double[n * m];
            PackedProduct.run(aTransposed, true, b, false, cTa, n, k, m, vector);
            assertArrayEquals(expected, cTa, 0.0, kernel + " Aᵀ·B");

            double[] cTb = new double[n * m];
            PackedProduct.run(a, false, bTransposed, true, cTb, n, k, m, vector);
            assertArrayEquals(expected, cTb, 0.0, kernel + " A·Bᵀ");
        }
        double[] viaKernels = new double[n * m];
        MatrixKernels.multiply(a, b, viaKernels, n, k, m);
        assertArrayEquals(expected, viaKernels, 0.0, "MatrixKernels.multiply");
    }

    /**
     * A layer's forward pass with the API's sigmoid, tanh or softplus applied by the threads that computed each row
     * block gives the bits of the product followed by the scalar activation, whichever kernel and however many
     * threads; another activation is applied after the product.
     */
    @ParameterizedTest
    @CsvSource({"1024, 64, 64", "131, 67, 45", "300, 200, 90", "3, 4, 1"})
    void anActivatedProductIsTheProductThenTheActivation(int n, int k, int m) {
        double[] a = random(n * k);
        double[] b = random(k * m);
        double[] expected = fusedProduct(a, b, n, k, m);
        if ((long) n * k * m < MatrixKernels.PACKED_FROM) {
            expected = new double[n * m];
            MatrixKernels.plainMultiply(a, b, expected, n, k, m);
        }
        for (BuiltInActivation builtIn : BuiltInActivation.values()) {
            Activation activation = builtIn.activation();
            double[] activated = expected.clone();
            for (int i = 0; i < expected.length; i++) {
                activated[i] = activation.apply(expected[i]);
            }
            double[] c = new double[n * m];
            MatrixKernels.multiplyAndActivate(a, b, c, n, k, m, activation);
            assertArrayEquals(activated, c, 0.0, activation.toString());
            if ((long) n * k * m >= MatrixKernels.PACKED_FROM) {
                for (boolean vector : new boolean[] {false, true}) {
                    double[] viaKernel = new double[n * m];
                    PackedProduct.run(a, false, b, false, viaKernel, n, k, m, vector, activation);
                    assertArrayEquals(activated, viaKernel, 0.0,
                            activation + (vector ? ", vector kernel" : ", scalar kernel"));
                }
            }
        }
        double[] sigmoid = expected.clone();
        for (int i = 0; i < expected.length; i++) {
            sigmoid[i] = Activation.sigmoid().apply(expected[i]);
        }
        // An activation the engine does not know (the sigmoid, counting its whole-layer applications): applied once,
        // to the whole layer, after the product.
        CountingActivation other = new CountingActivation(1);
        double[] viaOther = new double[n * m];
        MatrixKernels.multiplyAndActivate(a, b, viaOther, n, k, m, other);
        assertArrayEquals(sigmoid, viaOther, 0.0, "an activation applied after the product");
        assertEquals(1, other.computedSteps(), "whole-layer applications");
    }

    @org.junit.jupiter.api.Test
    void theTestsRunWithTheVectorApi() {
        assertTrue(VectorApiSupport.vectorApi(), "the build runs the tests with --add-modules jdk.incubator.vector");
    }

    /**
     * {@code c[i][j]}: for each pass of {@link PackedProduct#DEPTH} values of p in order, the fused chain
     * {@code fma(a[i][p], b[p][j], ...)} from 0, added to {@code c[i][j]}.
     */
    private static double[] fusedProduct(double[] a, double[] b, int n, int k, int m) {
        double[] c = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                for (int p0 = 0; p0 < k; p0 += PackedProduct.DEPTH) {
                    double sum = 0;
                    for (int p = p0; p < Math.min(k, p0 + PackedProduct.DEPTH); p++) {
                        sum = Math.fma(a[i * k + p], b[p * m + j], sum);
                    }
                    c[i * m + j] += sum;
                }
            }
        }
        return c;
    }


    private double[] random(int length) {
        return random.doubles(length, -1, 1).toArray();
    }
}
