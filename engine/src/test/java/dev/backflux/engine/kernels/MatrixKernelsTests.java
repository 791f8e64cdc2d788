package dev.backflux.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MatrixKernelsTests {

    private final Random random = new Random(7);

    @Test
    void multiplyComputesTheProductOfASmallExampleByHand() {
        double[] a = {1, 2, 3, 4, 5, 6};          // 2x3
        double[] b = {7, 8, 9, 10, 11, 12};       // 3x2
        double[] c = new double[4];
        MatrixKernels.multiply(a, b, c, 2, 3, 2);
        assertEquals(58, c[0]);
        assertEquals(64, c[1]);
        assertEquals(139, c[2]);
        assertEquals(154, c[3]);
    }

    @Test
    void everyProductMatchesTheDefinitionOnRectangularShapes() {
        int n = 5;
        int k = 7;
        int m = 3;
        double[] a = random(n * k);
        double[] b = random(k * m);
        double[] expected = definition(a, b, n, k, m);

        double[] c = new double[n * m];
        MatrixKernels.multiply(a, b, c, n, k, m);
        assertClose(expected, c);

        double[] aTransposed = transpose(a, n, k);       // k x n
        double[] viaTransposedA = new double[n * m];
        MatrixKernels.multiplyTransposedA(aTransposed, b, viaTransposedA, k, n, m);
        assertClose(expected, viaTransposedA);

        double[] bTransposed = transpose(b, k, m);       // m x k
        double[] viaTransposedB = new double[n * m];
        MatrixKernels.multiplyTransposedB(a, bTransposed, viaTransposedB, n, k, m);
        assertClose(expected, viaTransposedB);
    }

    private static double[] definition(double[] a, double[] b, int n, int k, int m) {
        double[] c = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += a[i * k + p] * b[p * m + j];
                }
                c[i * m + j] = sum;
            }
        }
        return c;
    }

    static double[] transpose(double[] a, int rows, int columns) {
        double[] t = new double[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                t[c * rows + r] = a[r * columns + c];
            }
        }
        return t;
    }

    private double[] random(int length) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = random.nextDouble() * 2 - 1;
        }
        return values;
    }

    private static void assertClose(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-12, "element " + i);
        }
    }
}
