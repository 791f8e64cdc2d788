package dev.backflux.engine.kernels;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the JDK's incubating Vector API ({@code jdk.incubator.vector}) is there to be used: it is when the
 * JVM was started with {@code --add-modules jdk.incubator.vector}. {@link PackedProduct} then uses its SIMD
 * micro-kernel ({@link VectorTile}), else its scalar one; both give the same bits.
 */
final class VectorApiSupport {

    static {
        log(LoggerFactory.getLogger(VectorApiSupport.class), VectorApiModule.PRESENT, KernelChoice.nativeAbsent());
    }

    /**
     * Says once which Java kernels run: at debug when they are the SIMD ones; at info when they are the scalar
     * ones, 3 to 4 times slower on large products, with how to get fast ones: the SIMD kernels, or, when no native
     * BLAS loaded ({@link KernelChoice#nativeAbsent()}), the native backend.
     */
    static void log(Logger logger, boolean vectorApi, boolean nativeAbsent) {
        if (vectorApi) {
            logger.debug("Backflux matrix kernels: Vector API (jdk.incubator.vector), {} columns a strip",
                    VectorTile.STRIP);
        } else {
            logger.info("Backflux matrix kernels: scalar, 3 to 4 times slower on large products than the SIMD ones;"
                    + " start the JVM with --add-modules jdk.incubator.vector to use them (same results){}",
                    nativeAbsent ? ", or install the system's OpenBLAS (Debian: libopenblas0-pthread) for the native"
                            + " backend (results within 1e-12)" : "");
        }
    }

    private VectorApiSupport() {
    }

    /** Tells whether the {@code jdk.incubator.vector} module is there to be used. */
    static boolean vectorApi() {
        return VectorApiModule.PRESENT;
    }
}
