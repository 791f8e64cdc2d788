package dev.backflux.engine.kernels;

import java.lang.ref.SoftReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The packing buffers of {@link PackedProduct}, lent to one product (packed B) or to one thread's share of a
 * product (packed A) and given back when it ends. Between products they wait in a few slots shared by every
 * thread, softly referenced: no thread keeps a buffer once its product is done, at most {@link #SLOTS}
 * buffers are kept, and the garbage collector may take them back rather than run short of memory. A training
 * step thus allocates no packing buffer once its largest products have run, whichever threads run them.
 *
 * <p>Lock-free (compare-and-set on the slots), so that taking or giving never blocks a non-blocking thread.
 * When several products run at once and the slots run dry, a product allocates its buffers, as it would
 * without the pool.
 */
final class PackingBuffers {

    /**
     * Slots: a product in flight uses one packed B and one packed A per thread that computes its blocks (the
     * caller and its {@code cores - 1} helpers), so two products at once find their buffers here.
     */
    static final int SLOTS = 2 * (Runtime.getRuntime().availableProcessors() + 1);

    private static final AtomicReferenceArray<SoftReference<double[]>> FREE = new AtomicReferenceArray<>(SLOTS);

    private PackingBuffers() {
    }

    /**
     * A buffer of at least {@code length} doubles, its contents left over from earlier products: the smallest
     * kept one that is long enough, else a new one.
     */
    static double[] take(int length) {
        for (int attempt = 0; attempt < 2; attempt++) {
            int best = -1;
            SoftReference<double[]> bestReference = null;
            double[] bestBuffer = null;
            for (int i = 0; i < SLOTS; i++) {
                SoftReference<double[]> reference = FREE.get(i);
                double[] buffer = reference == null ? null : reference.get();
                if (buffer != null && buffer.length >= length && (bestBuffer == null || buffer.length < bestBuffer.length)) {
                    best = i;
                    bestReference = reference;
                    bestBuffer = buffer;
                }
            }
            if (best < 0) {
                break;
            }
            if (FREE.compareAndSet(best, bestReference, null)) {
                return bestBuffer;
            }
        }
        return new double[length];
    }

    /**
     * Gives a buffer back for later products: kept in an empty slot (or one the collector cleared), else in
     * place of the smallest kept buffer if that one is shorter, else left to the collector.
     */
    static void give(double[] buffer) {
        int smallest = -1;
        SoftReference<double[]> smallestReference = null;
        int smallestLength = buffer.length;
        for (int i = 0; i < SLOTS; i++) {
            SoftReference<double[]> reference = FREE.get(i);
            double[] kept = reference == null ? null : reference.get();
            if (kept == null) {
                if (FREE.compareAndSet(i, reference, new SoftReference<>(buffer))) {
                    return;
                }
            } else if (kept.length < smallestLength) {
                smallest = i;
                smallestReference = reference;
                smallestLength = kept.length;
            }
        }
        if (smallest >= 0) {
            FREE.compareAndSet(smallest, smallestReference, new SoftReference<>(buffer));
        }
    }

    /** The buffers kept now, for tests: {@code null} where a slot is empty or was cleared. */
    static double[][] kept() {
        double[][] kept = new double[SLOTS][];
        for (int i = 0; i < SLOTS; i++) {
            SoftReference<double[]> reference = FREE.get(i);
            kept[i] = reference == null ? null : reference.get();
        }
        return kept;
    }
}
