package dev.backflux.engine;

/**
 * The three matrix products a training step needs, over row-major {@code double[]} arrays.
 *
 * <p>Each element is summed in index order, as a plain dot product, and every result array must be
 * fresh (all zeros): the kernels accumulate into it. Transposed operands are read in place, never copied.
 */
final class MatrixKernels {

    private MatrixKernels() {
    }

    /** {@code c(n x m) += a(n x k) · b(k x m)}. */
    static void multiply(double[] a, double[] b, double[] c, int n, int k, int m) {
        for (int i = 0; i < n; i++) {
            int rowC = i * m;
            int rowA = i * k;
            for (int p = 0; p < k; p++) {
                double aip = a[rowA + p];
                int rowB = p * m;
                for (int j = 0; j < m; j++) {
                    c[rowC + j] += aip * b[rowB + j];
                }
            }
        }
    }

    /** {@code c(n x m) += a(k x n)ᵀ · b(k x m)}, without materialising the transpose of {@code a}. */
    static void multiplyTransposedA(double[] a, double[] b, double[] c, int k, int n, int m) {
        for (int p = 0; p < k; p++) {
            int rowA = p * n;
            int rowB = p * m;
            for (int i = 0; i < n; i++) {
                double api = a[rowA + i];
                int rowC = i * m;
                for (int j = 0; j < m; j++) {
                    c[rowC + j] += api * b[rowB + j];
                }
            }
        }
    }

    /** {@code c(n x m) += a(n x k) · b(m x k)ᵀ}, without materialising the transpose of {@code b}. */
    static void multiplyTransposedB(double[] a, double[] b, double[] c, int n, int k, int m) {
        for (int i = 0; i < n; i++) {
            int rowA = i * k;
            int rowC = i * m;
            for (int j = 0; j < m; j++) {
                int rowB = j * k;
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += a[rowA + p] * b[rowB + p];
                }
                c[rowC + j] += sum;
            }
        }
    }
}
