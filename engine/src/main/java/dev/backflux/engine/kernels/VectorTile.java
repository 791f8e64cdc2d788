package dev.backflux.engine.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The micro-kernel of {@link PackedProduct} on SIMD registers, through the JDK's incubating Vector API: a tile
 * of 4 rows by {@link #STRIP} columns of C, kept in 8 vector registers, each lane summing its element over p
 * in ascending order with a fused multiply-add: exactly what the scalar kernel computes, many lanes at a time.
 *
 * <p>Loaded only when {@link VectorApiSupport#vectorApi()} says the {@code jdk.incubator.vector} module is present
 * (the JVM was started with {@code --add-modules jdk.incubator.vector}).
 */
final class VectorTile {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    /** Columns of a strip of packed B: two vectors. */
    static final int STRIP = 2 * LANES;

    private VectorTile() {
    }

    /**
     * {@code c[i .. i + rows][j .. j + columns] += A-group · B-strip} over {@code depth} values of p, the group
     * packed as {@code pa[p * 4 + r]}, the strip as {@code pb[p * STRIP + q]}; a strip cut by the edge of C goes
     * through {@code edge} (at least {@code 4 * STRIP} doubles).
     */
    static void tile(double[] pa, int aOffset, double[] pb, int bOffset, int depth, double[] c, int m,
                     int i, int rows, int j, int columns, double[] edge) {
        DoubleVector c00 = DoubleVector.zero(SPECIES);
        DoubleVector c01 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        for (int p = 0, a4 = aOffset, b2 = bOffset; p < depth; p++, a4 += 4, b2 += STRIP) {
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, pb, b2);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, pb, b2 + LANES);
            DoubleVector x = DoubleVector.broadcast(SPECIES, pa[a4]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            x = DoubleVector.broadcast(SPECIES, pa[a4 + 1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            x = DoubleVector.broadcast(SPECIES, pa[a4 + 2]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            x = DoubleVector.broadcast(SPECIES, pa[a4 + 3]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
        }
        if (columns == STRIP) {
            int r = i * m + j;
            add(c00, c01, c, r);
            if (rows > 1) {
                add(c10, c11, c, r + m);
            }
            if (rows > 2) {
                add(c20, c21, c, r + 2 * m);
            }
            if (rows > 3) {
                add(c30, c31, c, r + 3 * m);
            }
        } else {
            // A strip cut by the edge of C: through the caller's edge row, so that no vector escapes into an
            // array (which would make the JIT box all of them, in every call).
            c00.intoArray(edge, 0);
            c01.intoArray(edge, LANES);
            c10.intoArray(edge, STRIP);
            c11.intoArray(edge, STRIP + LANES);
            c20.intoArray(edge, 2 * STRIP);
            c21.intoArray(edge, 2 * STRIP + LANES);
            c30.intoArray(edge, 3 * STRIP);
            c31.intoArray(edge, 3 * STRIP + LANES);
            for (int t = 0; t < rows; t++) {
                int r = (i + t) * m + j;
                for (int q = 0; q < columns; q++) {
                    c[r + q] += edge[t * STRIP + q];
                }
            }
        }
    }

    private static void add(DoubleVector low, DoubleVector high, double[] c, int r) {
        low.add(DoubleVector.fromArray(SPECIES, c, r)).intoArray(c, r);
        high.add(DoubleVector.fromArray(SPECIES, c, r + LANES)).intoArray(c, r + LANES);
    }
}
