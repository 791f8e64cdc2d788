package dev.backflux.engine.kernels;

import dev.ludovic.netlib.blas.NativeBLAS;

/**
 * The three products of {@link MatrixKernels} through the {@code dgemm} of the system's BLAS, for large
 * products when the native backend is chosen ({@link KernelChoice}). Results are within 1e-12 of the Java
 * kernels' (relative to the result's largest element), not the same bits: BLAS sums in its own order.
 *
 * <p>BLAS is column-major: a row-major {@code n x m} array is, read column-major, its {@code m x n}
 * transpose. So {@code C = op(A)·op(B)} is computed as {@code Cᵀ = op(B)ᵀ·op(A)ᵀ}, with the operands swapped
 * and each one's transpose flag read off the way it is stored. {@code beta = 1}: the products add to
 * {@code C}, as the Java kernels do.
 */
final class NativeProducts {

    private final NativeBLAS blas;

    NativeProducts(NativeBLAS blas) {
        this.blas = blas;
    }

    /** {@code c(n x m) += a(n x k) · b(k x m)}. */
    void multiply(double[] a, double[] b, double[] c, int n, int k, int m) {
        blas.dgemm("N", "N", m, n, k, 1.0, b, m, a, k, 1.0, c, m);
    }

    /** {@code c(n x m) += a(k x n)ᵀ · b(k x m)}. */
    void multiplyTransposedA(double[] a, double[] b, double[] c, int k, int n, int m) {
        blas.dgemm("N", "T", m, n, k, 1.0, b, m, a, n, 1.0, c, m);
    }

    /** {@code c(n x m) += a(n x k) · b(m x k)ᵀ}. */
    void multiplyTransposedB(double[] a, double[] b, double[] c, int n, int k, int m) {
        blas.dgemm("T", "N", m, n, k, 1.0, b, k, a, k, 1.0, c, m);
    }
}
