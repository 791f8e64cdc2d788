package dev.backflux.engine.kernels;

import dev.backflux.api.internal.Exp;
import dev.backflux.api.internal.Log1p;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The API's {@link Exp#exp} and {@link Log1p#log1p} on SIMD registers, through the JDK's
 * incubating Vector API: each lane computes exactly the operations of the scalar function, in the same order
 * (where the scalar code branches, both sides are computed and the lane takes the side the scalar code would
 * have taken), so the values are the same bits as the scalar code's.
 *
 * <p>Loaded only when {@link VectorApiModule#PRESENT}; used only when {@link #usable()}.
 */
final class VectorMath {

    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    /** The table indexes' species, as many lanes as {@link #SPECIES}; null when the platform has no such shape. */
    private static final VectorSpecies<Integer> INDEXES = indexSpecies();
    private static final long SHIFT_BITS = Double.doubleToRawLongBits(Exp.SHIFT);
    private static final double[] HIGHS = Exp.highs();
    private static final double[] LOWS = Exp.lows();

    private VectorMath() {
    }

    /**
     * Tells whether these functions run here: the preferred vector has at least two lanes and there is an int
     * vector shape with as many ({@code -XX:MaxVectorSize=8}, or some SVE sizes, leave none).
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

    /** A scratch array for one vector's table indexes, which {@link #exp} gathers with. */
    static int[] indexes() {
        return new int[LANES];
    }

    /** {@link Exp#exp(double)} lane by lane; {@code index} holds a vector's table indexes. */
    static DoubleVector exp(DoubleVector x, int[] index) {
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

    /** {@link Log1p#log1p(double)} lane by lane, for {@code u} from 0 to 1. */
    static DoubleVector log1p(DoubleVector u) {
        VectorMask<Double> reduced = u.compare(VectorOperators.LT, Log1p.REDUCE_FROM).not();
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector w = u.add(1.0);
        DoubleVector k = zero.blend(1.0, reduced);
        DoubleVector f = u.blend(w.mul(0.5).sub(1.0), reduced);
        DoubleVector c = zero.blend(u.sub(w.sub(1.0)).div(w), reduced);
        DoubleVector s = f.div(f.add(2.0));
        DoubleVector z = s.mul(s);
        DoubleVector r = z.fma(Log1p.LP7, Log1p.LP6);
        r = r.fma(z, DoubleVector.broadcast(SPECIES, Log1p.LP5));
        r = r.fma(z, DoubleVector.broadcast(SPECIES, Log1p.LP4));
        r = r.fma(z, DoubleVector.broadcast(SPECIES, Log1p.LP3));
        r = r.fma(z, DoubleVector.broadcast(SPECIES, Log1p.LP2));
        r = r.fma(z, DoubleVector.broadcast(SPECIES, Log1p.LP1));
        r = r.mul(z);
        DoubleVector hfsq = f.mul(0.5).mul(f);
        DoubleVector sum = s.mul(hfsq.add(r)).add(k.mul(Log1p.LN2_LO).add(c));
        return k.mul(Log1p.LN2_HI).sub(hfsq.sub(sum).sub(f));
    }
}
