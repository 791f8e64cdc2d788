package dev.backflux.engine.kernels;

import dev.backflux.api.Activation;
import dev.backflux.api.internal.Exp;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The sigmoid {@code 1 / (1 + e^-x)} on SIMD registers, through the JDK's incubating Vector API: each lane
 * computes exactly the operations of {@link Exp#exp(double)}, in the same order, then the same sum and
 * division as the API's scalar sigmoid, so the values are the same bits as the scalar code's.
 *
 * <p>Loaded only when {@link VectorApiModule#PRESENT}; used only when {@link #usable()}.
 */
final class VectorSigmoid {

    private static final Activation SIGMOID = Activation.sigmoid();
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** The table indexes' species, as many lanes as {@link #SPECIES}; null when the platform has no such shape. */
    private static final VectorSpecies<Integer> INDEXES = indexSpecies();
    private static final long SHIFT_BITS = Double.doubleToRawLongBits(Exp.SHIFT);
    private static final double[] HIGHS = Exp.highs();
    private static final double[] LOWS = Exp.lows();

    private VectorSigmoid() {
    }

    /**
     * Tells whether this kernel runs here: the preferred vector has at least two lanes and there is an int vector
     * shape with as many ({@code -XX:MaxVectorSize=8}, or some SVE sizes, leave none).
     */
    static boolean usable() {
        return INDEXES != null;
    }

    private static VectorSpecies<Integer> indexSpecies() {
        try {
            return LANES < 2 ? null : VectorSpecies.of(int.class, VectorShape.forBitSize(LANES * Integer.SIZE));
        } catch (IllegalArgumentException noSuchShape) {
            return null;
        }
    }

    /** Replaces each value {@code x} of {@code values[from .. to)} by {@code 1 / (1 + e^-x)}. */
    static void apply(double[] values, int from, int to) {
        int[] index = new int[LANES];
        int i = from;
        for (int whole = to - LANES; i <= whole; i += LANES) {
            DoubleVector e = exp(DoubleVector.fromArray(SPECIES, values, i).neg(), index);
            DoubleVector.broadcast(SPECIES, 1.0).div(e.add(1.0)).intoArray(values, i);
        }
        for (; i < to; i++) {
            values[i] = SIGMOID.apply(values[i]);
        }
    }

    /** {@link Exp#exp(double)} lane by lane; {@code index} holds a vector's table indexes. */
    private static DoubleVector exp(DoubleVector x, int[] index) {
        DoubleVector t = x.fma(Exp.N_OVER_LN2, Exp.SHIFT);
        DoubleVector minusN = t.sub(Exp.SHIFT).neg();
        DoubleVector r = minusN.fma(DoubleVector.broadcast(SPECIES, Exp.LN2_N_HI), x);
        r = minusN.fma(DoubleVector.broadcast(SPECIES, Exp.LN2_N_LO), r);
        DoubleVector p = r.fma(Exp.C5, Exp.C4);
        p = p.fma(r, DoubleVector.broadcast(SPECIES, Exp.C3));
        p = p.fma(r, DoubleVector.broadcast(SPECIES, 0.5));
        DoubleVector q = p.mul(r).fma(r, r);
        LongVector n = t.reinterpretAsLongs().sub(SHIFT_BITS);
        n.and(127).convertShape(VectorOperators.L2I, INDEXES, 0).reinterpretAsInts().intoArray(index, 0);
        DoubleVector hi = DoubleVector.fromArray(SPECIES, HIGHS, 0, index, 0);
        DoubleVector lo = DoubleVector.fromArray(SPECIES, LOWS, 0, index, 0);
        DoubleVector result = hi.add(hi.fma(q, lo));
        LongVector k = n.lanewise(VectorOperators.ASHR, 7);
        LongVector k1 = k.lanewise(VectorOperators.ASHR, 1);
        DoubleVector scale1 = k1.add(Exp.BIAS).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        DoubleVector scale2 = k.sub(k1).add(Exp.BIAS).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        result = result.mul(scale1).mul(scale2);
        return result.blend(Double.POSITIVE_INFINITY, x.compare(VectorOperators.GT, Exp.OVERFLOW))
                .blend(0.0, x.compare(VectorOperators.LT, Exp.UNDERFLOW));
    }
}
