package dev.backflux.engine.kernels;

import dev.backflux.api.Activation;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A large product {@code C(n x m) += op(A) · op(B)}, computed by a register-tiled micro-kernel on packed
 * operands, as BLAS libraries do:
 * <ul>
 *   <li>{@code B} is packed once into strips of 4 columns ({@link VectorTile#STRIP} with the Vector API),
 *       {@code strip[p * width + q] = B(p, j + q)} (zero beyond {@code m}), read front to back by every row
 *       block;</li>
 *   <li>each block of {@link #ROWS_PER_BLOCK} rows of {@code A} is packed into groups of 4 rows,
 *       {@code group[p * 4 + r] = A(i + r, p)}, so that the micro-kernel reads both operands sequentially;</li>
 *   <li>the micro-kernel keeps a 4 x 4 tile of {@code C} in 16 local variables (or a 4 x {@code STRIP} tile
 *       in 8 vector registers, see {@link VectorTile}) and sums {@link #DEPTH} values of {@code p} at a time
 *       with a fused multiply-add, in ascending order, adding each pass to {@code C}: both kernels give the
 *       same bits.</li>
 * </ul>
 * Either operand may be read transposed: packing reads it in place. Row blocks are independent; large
 * products hand them out to {@link KernelThreads} as well as computing them on the calling thread. The packing
 * buffers are borrowed from {@link PackingBuffers} for the product and given back when it ends.
 */
final class PackedProduct {

    /** Rows of C per block: a block of A (64 x k doubles) stays in the L2 cache for k up to about 2,000. */
    static final int ROWS_PER_BLOCK = 64;

    /**
     * The depth of a pass of the micro-kernel: a group of A (4 x 256) and a strip of B stay in the L1 cache,
     * and the micro-kernel's loop stays short enough for the JIT to compile it as a method (a loop of
     * thousands of iterations, entered a few times, got an on-stack-replaced compilation that boxed the
     * Vector API's vectors: 8x slower). Each element of C is the sum, in order, of the passes' fused chains.
     */
    static final int DEPTH = 256;

    /** From this many multiply-adds on, the row blocks are shared with other threads. */
    static final long PARALLEL_FROM = 1L << 22;

    private final double[] a;
    private final boolean aTransposed;
    private final double[] packedB;
    private final double[] c;
    private final int n;
    private final int k;
    private final int m;
    private final int blocks;
    private final boolean vector;
    private final int strip;
    /** Applied to each row block once computed, or null: one that {@link ActivationKernels} applies in parts. */
    private final Activation activation;
    private final AtomicInteger nextBlock = new AtomicInteger();
    private final AtomicInteger blocksDone = new AtomicInteger();
    private volatile Throwable helperFailure;

    private PackedProduct(double[] a, boolean aTransposed, double[] packedB, double[] c, int n, int k, int m,
                          boolean vector, Activation activation) {
        this.vector = vector;
        this.activation = activation;
        this.strip = vector ? VectorTile.STRIP : 4;
        this.a = a;
        this.aTransposed = aTransposed;
        this.packedB = packedB;
        this.c = c;
        this.n = n;
        this.k = k;
        this.m = m;
        this.blocks = (n + ROWS_PER_BLOCK - 1) / ROWS_PER_BLOCK;
    }

    /**
     * {@code c += op(a) · op(b)} where {@code op(a)} is {@code n x k} ({@code a} stored {@code k x n} when
     * transposed) and {@code op(b)} is {@code k x m} ({@code b} stored {@code m x k} when transposed).
     */
    static void run(double[] a, boolean aTransposed, double[] b, boolean bTransposed, double[] c, int n, int k, int m) {
        run(a, aTransposed, b, bTransposed, c, n, k, m, VectorApiSupport.vectorApi());
    }

    /** As {@link #run(double[], boolean, double[], boolean, double[], int, int, int)}, with the kernel chosen. */
    static void run(double[] a, boolean aTransposed, double[] b, boolean bTransposed, double[] c, int n, int k, int m,
                    boolean vector) {
        run(a, aTransposed, b, bTransposed, c, n, k, m, vector, null);
    }

    /**
     * As {@link #run(double[], boolean, double[], boolean, double[], int, int, int, boolean)}, then
     * {@code activation} (null for none; else one {@link ActivationKernels#appliesInParts}) applied to each row
     * block of {@code c} by the thread that computed it: {@code c} must then be all zeros.
     */
    static void run(double[] a, boolean aTransposed, double[] b, boolean bTransposed, double[] c, int n, int k, int m,
                    boolean vector, Activation activation) {
        int strip = vector ? VectorTile.STRIP : 4;
        int strips = (m + strip - 1) / strip;
        double[] packedB = PackingBuffers.take(strips * k * strip);
        packB(b, bTransposed, packedB, k, m, strip);
        PackedProduct product = new PackedProduct(a, aTransposed, packedB, c, n, k, m, vector, activation);
        int helpers = (long) n * k * m >= PARALLEL_FROM ? Math.min(KernelThreads.helpers(), product.blocks - 1) : 0;
        for (int h = 0; h < helpers; h++) {
            KernelThreads.execute(product::helpWithBlocks);
        }
        product.computeBlocks();
        product.awaitBlocks();
        // Every block is done: no helper reads packed B any more.
        PackingBuffers.give(packedB);
    }

    /** A helper's share: its failure (out of memory, say) is handed to the caller instead of being lost. */
    private void helpWithBlocks() {
        try {
            computeBlocks();
        } catch (Throwable failure) {
            helperFailure = failure;
        }
    }

    /**
     * Computes row blocks until none is left to claim, in a packed-A buffer borrowed for this thread's share of
     * the product and an edge tile of its own.
     */
    private void computeBlocks() {
        int block = nextBlock.getAndIncrement();
        if (block >= blocks) {
            return;
        }
        double[] packedA = PackingBuffers.take(Math.min(ROWS_PER_BLOCK, (n + 3) / 4 * 4) * k);
        double[] edge = new double[4 * strip];
        try {
            do {
                computeBlock(block, packedA, edge);
                if (activation != null) {
                    int i0 = block * ROWS_PER_BLOCK;
                    ActivationKernels.applyPart(activation, c, i0 * m, Math.min(n, i0 + ROWS_PER_BLOCK) * m);
                }
                blocksDone.incrementAndGet();
            } while ((block = nextBlock.getAndIncrement()) < blocks);
        } finally {
            PackingBuffers.give(packedA);
        }
    }

    /**
     * Waits for the blocks that helpers are still computing: the caller has computed every block no helper had
     * claimed, so it waits for at most one block a helper, and rethrows a helper's failure.
     *
     * <p>It spins ({@link Thread#onSpinWait()}) rather than parks: the caller is often one of Reactor's
     * non-blocking threads, which must not park, and the wait is at most a block. Measured with throwaway
     * instrumentation around this method, JMH's {@code WideNetworkBenchmark}, 4096 examples, 2 cores shared with
     * other work (2026-11-29): at 784-256-10 the longest wait was 6.8 ms (mean 1.0 ms) in a 46 ms weight update
     * (784 x 4096 x 256), at 784-1024-10 22 ms (mean 7.8 ms) in a 181 ms one (784 x 4096 x 1024): one 64-row block
     * of a product whose inner size is the number of examples, about 4% of its time. The computing thread is
     * occupied by its product either way; the wait costs a core left idle. On an oversubscribed machine (load 5
     * to 8 on the 2 cores) the wait is as long as the OS keeps the helper off its core: up to 41 ms and 389 ms.
     * BlockHound counts {@code Thread.onSpinWait} as blocking: an application that installs it allows this
     * method, {@code builder.allowBlockingCallsInside("dev.backflux.engine.kernels.PackedProduct",
     * "awaitBlocks")}, as the engine's test suite does ({@code KernelSpinAllowance}).
     */
    private void awaitBlocks() {
        while (blocksDone.get() < blocks) {
            Throwable failure = helperFailure;
            if (failure != null) {
                throw new IllegalStateException("a kernel thread failed while computing a product", failure);
            }
            Thread.onSpinWait();
        }
    }

    private void computeBlock(int block, double[] packedA, double[] edge) {
        int i0 = block * ROWS_PER_BLOCK;
        int rows = Math.min(ROWS_PER_BLOCK, n - i0);
        int groups = (rows + 3) / 4;
        packA(i0, rows, packedA);
        int strips = (m + strip - 1) / strip;
        for (int p0 = 0; p0 < k; p0 += DEPTH) {
            int depth = Math.min(DEPTH, k - p0);
            for (int s = 0; s < strips; s++) {
                int j = s * strip;
                int columns = Math.min(strip, m - j);
                int bOffset = s * k * strip + p0 * strip;
                for (int g = 0; g < groups; g++) {
                    int tileRows = Math.min(4, rows - g * 4);
                    int aOffset = g * k * 4 + p0 * 4;
                    if (vector) {
                        VectorTile.tile(packedA, aOffset, packedB, bOffset, depth, c, m, i0 + g * 4, tileRows, j, columns,
                                edge);
                    } else {
                        tile(packedA, aOffset, packedB, bOffset, depth, i0 + g * 4, tileRows, j, columns, edge);
                    }
                }
            }
        }
    }

    /**
     * The micro-kernel: a 4 x 4 tile of C from a group of 4 packed rows of A and a strip of 4 packed columns of B;
     * a tile cut by the edge of C goes through {@code edge}.
     */
    private void tile(double[] pa, int aOffset, double[] pb, int bOffset, int depth, int i, int rows, int j, int columns,
                      double[] edge) {
        double c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        double c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        double c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        double c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        int pa4 = aOffset;
        int pb4 = bOffset;
        for (int p = 0; p < depth; p++, pa4 += 4, pb4 += 4) {
            double b0 = pb[pb4];
            double b1 = pb[pb4 + 1];
            double b2 = pb[pb4 + 2];
            double b3 = pb[pb4 + 3];
            double x = pa[pa4];
            c00 = Math.fma(x, b0, c00);
            c01 = Math.fma(x, b1, c01);
            c02 = Math.fma(x, b2, c02);
            c03 = Math.fma(x, b3, c03);
            x = pa[pa4 + 1];
            c10 = Math.fma(x, b0, c10);
            c11 = Math.fma(x, b1, c11);
            c12 = Math.fma(x, b2, c12);
            c13 = Math.fma(x, b3, c13);
            x = pa[pa4 + 2];
            c20 = Math.fma(x, b0, c20);
            c21 = Math.fma(x, b1, c21);
            c22 = Math.fma(x, b2, c22);
            c23 = Math.fma(x, b3, c23);
            x = pa[pa4 + 3];
            c30 = Math.fma(x, b0, c30);
            c31 = Math.fma(x, b1, c31);
            c32 = Math.fma(x, b2, c32);
            c33 = Math.fma(x, b3, c33);
        }
        if (rows == 4 && columns == 4) {
            int r = i * m + j;
            c[r] += c00;
            c[r + 1] += c01;
            c[r + 2] += c02;
            c[r + 3] += c03;
            r += m;
            c[r] += c10;
            c[r + 1] += c11;
            c[r + 2] += c12;
            c[r + 3] += c13;
            r += m;
            c[r] += c20;
            c[r + 1] += c21;
            c[r + 2] += c22;
            c[r + 3] += c23;
            r += m;
            c[r] += c30;
            c[r + 1] += c31;
            c[r + 2] += c32;
            c[r + 3] += c33;
        } else {
            double[] tile = edge;
            tile[0] = c00;
            tile[1] = c01;
            tile[2] = c02;
            tile[3] = c03;
            tile[4] = c10;
            tile[5] = c11;
            tile[6] = c12;
            tile[7] = c13;
            tile[8] = c20;
            tile[9] = c21;
            tile[10] = c22;
            tile[11] = c23;
            tile[12] = c30;
            tile[13] = c31;
            tile[14] = c32;
            tile[15] = c33;
            for (int r = 0; r < rows; r++) {
                for (int q = 0; q < columns; q++) {
                    c[(i + r) * m + j + q] += tile[r * 4 + q];
                }
            }
        }
    }

    /** Packs rows {@code i0 .. i0 + rows} of {@code op(A)} into groups of 4: {@code group[p * 4 + r]}. */
    private void packA(int i0, int rows, double[] packedA) {
        int groups = (rows + 3) / 4;
        for (int g = 0; g < groups; g++) {
            int base = g * k * 4;
            int first = i0 + g * 4;
            int valid = Math.min(4, rows - g * 4);
            if (aTransposed) {
                // A is stored k x n: the 4 values of a group at p are side by side in row p.
                for (int p = 0; p < k; p++) {
                    int from = p * n + first;
                    int to = base + p * 4;
                    for (int r = 0; r < 4; r++) {
                        packedA[to + r] = r < valid ? a[from + r] : 0;
                    }
                }
            } else {
                for (int r = 0; r < 4; r++) {
                    int row = (first + r) * k;
                    for (int p = 0; p < k; p++) {
                        packedA[base + p * 4 + r] = r < valid ? a[row + p] : 0;
                    }
                }
            }
        }
    }

    /** Packs {@code op(B)} ({@code k x m}) into strips of {@code width} columns: {@code strip[p * width + q]}, zero beyond m. */
    private static void packB(double[] b, boolean transposed, double[] packedB, int k, int m, int width) {
        int strips = (m + width - 1) / width;
        for (int s = 0; s < strips; s++) {
            int base = s * k * width;
            int first = s * width;
            int valid = Math.min(width, m - first);
            if (transposed) {
                // B is stored m x k: column j of op(B) is row j, read front to back.
                for (int q = 0; q < width; q++) {
                    int row = (first + q) * k;
                    for (int p = 0; p < k; p++) {
                        packedB[base + p * width + q] = q < valid ? b[row + p] : 0;
                    }
                }
            } else {
                // The values of a strip at p are side by side in row p.
                for (int p = 0; p < k; p++) {
                    int from = p * m + first;
                    int to = base + p * width;
                    for (int q = 0; q < width; q++) {
                        packedB[to + q] = q < valid ? b[from + q] : 0;
                    }
                }
            }
        }
    }

}
