package dev.backflux.engine.kernels;

import dev.backflux.api.Activation;

/**
 * The three matrix products a training step needs, over row-major {@code double[]} arrays:
 * {@code C += A·B}, {@code C += Aᵀ·B} and {@code C += A·Bᵀ}. Transposed operands are read in place, never
 * materialised. Every result array must be fresh (all zeros): the kernels accumulate into it.
 *
 * <p>Small products use plain loops. Large ones pack their operands, a block at a time, into the order the
 * {@link PackedProduct} micro-kernel reads them, and large enough ones share their row blocks between the
 * calling thread and {@link KernelThreads}. Each element of {@code C} is always summed by one thread, over
 * {@code p} in ascending order, so on the Java kernels a result never depends on the number of threads.
 *
 * <p>When {@link KernelChoice} picks the system's BLAS (the system property {@code backflux.kernels}), large
 * products go to its {@code dgemm} instead: their results are then within 1e-12 of the Java kernels', relative
 * to the result's largest element, not the same bits. Small products never leave the plain loops.
 *
 * <p>With {@link ActivationKernels}, the public types of the engine's kernels, for the engine's
 * back-propagation and for the benchmarks module (the only module this package is exported to); not for
 * applications.
 */
public final class MatrixKernels {

    /**
     * The system property that chooses the kernels of the large products: {@code auto} (the default),
     * {@code native} or {@code java} (see the class's description).
     */
    public static final String KERNELS_PROPERTY = KernelChoice.PROPERTY;

    /** Below this many multiply-adds, packing costs more than it saves. */
    static final long PACKED_FROM = 1L << 15;

    private MatrixKernels() {
    }

    /**
     * Chooses the kernels of the large products now, on the calling thread, if a product of {@code multiplyAdds}
     * is large: loading the native BLAS reads and writes files, which the first product may be on a thread that
     * must not block. Builders of runs call it; a product chooses them itself otherwise.
     *
     * @param multiplyAdds the multiply-adds of the largest product to come
     * @throws IllegalArgumentException when the system property {@code backflux.kernels} is not
     *     {@code auto}, {@code native} or {@code java}, or is {@code native} and no native BLAS loads
     */
    public static void prepareFor(long multiplyAdds) {
        if (multiplyAdds >= PACKED_FROM) {
            KernelChoice.nativeProducts();
        }
    }

    /**
     * {@code c(n x m) += a(n x k) · b(k x m)}.
     *
     * @param a the left operand, {@code n x k}, row-major
     * @param b the right operand, {@code k x m}, row-major
     * @param c the result, {@code n x m}, row-major, added to
     * @param n the rows of {@code a} and {@code c}
     * @param k the columns of {@code a}, the rows of {@code b}
     * @param m the columns of {@code b} and {@code c}
     */
    public static void multiply(double[] a, double[] b, double[] c, int n, int k, int m) {
        if ((long) n * k * m < PACKED_FROM) {
            plainMultiply(a, b, c, n, k, m);
            return;
        }
        NativeProducts products = KernelChoice.nativeProducts();
        if (products != null) {
            products.multiply(a, b, c, n, k, m);
        } else {
            PackedProduct.run(a, false, b, false, c, n, k, m);
        }
    }

    /**
     * {@code c(n x m) = activation(a(n x k) · b(k x m))}: a layer's forward pass. On the Java kernels, the API's
     * own activations (sigmoid, tanh, softplus) are applied by the threads that computed the product, each to the
     * rows it computed, while they are in its cache; any other activation, or after a native product, to the whole
     * result by the calling thread.
     *
     * @param a the left operand, {@code n x k}, row-major
     * @param b the right operand, {@code k x m}, row-major
     * @param c the result, {@code n x m}, row-major, all zeros
     * @param n the rows of {@code a} and {@code c}
     * @param k the columns of {@code a}, the rows of {@code b}
     * @param m the columns of {@code b} and {@code c}
     * @param activation the layer's activation
     */
    public static void multiplyAndActivate(double[] a, double[] b, double[] c, int n, int k, int m,
                                           Activation activation) {
        if ((long) n * k * m >= PACKED_FROM && ActivationKernels.appliesInParts(activation)
                && KernelChoice.nativeProducts() == null) {
            PackedProduct.run(a, false, b, false, c, n, k, m, VectorApiSupport.vectorApi(), activation);
        } else {
            multiply(a, b, c, n, k, m);
            ActivationKernels.apply(activation, c);
        }
    }

    /**
     * {@code c(n x m) += a(k x n)ᵀ · b(k x m)}, without materialising the transpose of {@code a}.
     *
     * @param a the left operand as stored, {@code k x n}, row-major
     * @param b the right operand, {@code k x m}, row-major
     * @param c the result, {@code n x m}, row-major, added to
     * @param k the rows of {@code a} and {@code b}
     * @param n the columns of {@code a}, the rows of {@code c}
     * @param m the columns of {@code b} and {@code c}
     */
    public static void multiplyTransposedA(double[] a, double[] b, double[] c, int k, int n, int m) {
        if ((long) n * k * m < PACKED_FROM) {
            plainMultiplyTransposedA(a, b, c, k, n, m);
            return;
        }
        NativeProducts products = KernelChoice.nativeProducts();
        if (products != null) {
            products.multiplyTransposedA(a, b, c, k, n, m);
        } else {
            PackedProduct.run(a, true, b, false, c, n, k, m);
        }
    }

    /**
     * {@code c(n x m) += a(n x k) · b(m x k)ᵀ}, without materialising the transpose of {@code b}.
     *
     * @param a the left operand, {@code n x k}, row-major
     * @param b the right operand as stored, {@code m x k}, row-major
     * @param c the result, {@code n x m}, row-major, added to
     * @param n the rows of {@code a} and {@code c}
     * @param k the columns of {@code a} and {@code b}
     * @param m the rows of {@code b}, the columns of {@code c}
     */
    public static void multiplyTransposedB(double[] a, double[] b, double[] c, int n, int k, int m) {
        if ((long) n * k * m < PACKED_FROM) {
            plainMultiplyTransposedB(a, b, c, n, k, m);
            return;
        }
        NativeProducts products = KernelChoice.nativeProducts();
        if (products != null) {
            products.multiplyTransposedB(a, b, c, n, k, m);
        } else {
            PackedProduct.run(a, false, b, true, c, n, k, m);
        }
    }

    static void plainMultiply(double[] a, double[] b, double[] c, int n, int k, int m) {
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

    static void plainMultiplyTransposedA(double[] a, double[] b, double[] c, int k, int n, int m) {
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

    static void plainMultiplyTransposedB(double[] a, double[] b, double[] c, int n, int k, int m) {
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
