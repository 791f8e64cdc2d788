package dev.backflux.engine.kernels;

import static dev.backflux.engine.kernels.NativeBlasAssumption.assertWithin1e12;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The native backend's three products against the Java kernels, to 1e-12 relative to the result's largest
 * element (not bit for bit); and {@link MatrixKernels} sending large products, and only those, to it.
 */
class NativeProductsTests {

    @ParameterizedTest(name = "{0} x {1} x {2}")
    @CsvSource({"256, 784, 100", "129, 257, 65", "1, 40000, 1", "300, 1, 200", "1000, 300, 10"})
    void everyProductMatchesTheJavaKernels(int n, int k, int m) throws Exception {
        NativeProducts products = NativeBlasAssumption.nativeProducts();
        assertTrue((long) n * k * m >= MatrixKernels.PACKED_FROM);
        SplittableRandom random = new SplittableRandom(n * 31L + k * 7L + m);
        double[] a = random.doubles((long) n * k, -1, 1).toArray();          // n x k, or k x n transposed
        double[] b = random.doubles((long) k * m, -1, 1).toArray();          // k x m, or m x k transposed

        double[] expected = new double[n * m];
        PackedProduct.run(a, false, b, false, expected, n, k, m);
        double[] actual = new double[n * m];
        products.multiply(a, b, actual, n, k, m);
        assertWithin1e12(expected, actual, "A·B");

        expected = new double[n * m];
        PackedProduct.run(a, true, b, false, expected, n, k, m);
        actual = new double[n * m];
        products.multiplyTransposedA(a, b, actual, k, n, m);
        assertWithin1e12(expected, actual, "Aᵀ·B");

        expected = new double[n * m];
        PackedProduct.run(a, false, b, true, expected, n, k, m);
        actual = new double[n * m];
        products.multiplyTransposedB(a, b, actual, n, k, m);
        assertWithin1e12(expected, actual, "A·Bᵀ");
    }

    @ParameterizedTest(name = "{0} x {1} x {2}")
    @CsvSource({"16, 32, 16", "64, 32, 16", "128, 64, 32"})
    void onlyLargeProductsGoNativeAndTheyAddToTheResult(int n, int k, int m) throws Exception {
        NativeProducts products = NativeBlasAssumption.nativeProducts();
        SplittableRandom random = new SplittableRandom(3);
        double[] a = random.doubles((long) n * k, -1, 1).toArray();
        double[] b = random.doubles((long) k * m, -1, 1).toArray();
        double[] start = random.doubles((long) n * m, -1, 1).toArray();
        boolean large = (long) n * k * m >= MatrixKernels.PACKED_FROM;

        double[] expected = start.clone();
        if (large) {
            products.multiply(a, b, expected, n, k, m);
        } else {
            MatrixKernels.plainMultiply(a, b, expected, n, k, m);
        }
        double[] actual = start.clone();
        try (AutoCloseable chosen = KernelChoice.use(products)) {
            MatrixKernels.multiply(a, b, actual, n, k, m);
        }
        assertArrayEquals(expected, actual);

        double[] onJava = start.clone();
        try (AutoCloseable chosen = KernelChoice.use(null)) {
            MatrixKernels.multiply(a, b, onJava, n, k, m);
        }
        assertWithin1e12(onJava, actual, "C + A·B");
    }
}
