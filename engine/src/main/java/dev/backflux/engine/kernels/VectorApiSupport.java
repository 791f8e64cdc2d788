package dev.backflux.engine.kernels;

import org.slf4j.LoggerFactory;

/**
 * Whether the JDK's incubating Vector API ({@code jdk.incubator.vector}) is there to be used: it is when the
 * JVM was started with {@code --add-modules jdk.incubator.vector}. {@link PackedProduct} then uses its SIMD
 * micro-kernel ({@link VectorTile}), else its scalar one; both give the same bits.
 */
final class VectorApiSupport {

    private static final boolean VECTOR_API = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            || VectorApiSupport.class.getModule().getLayer() != null
            && VectorApiSupport.class.getModule().getLayer().findModule("jdk.incubator.vector").isPresent();

    static {
        LoggerFactory.getLogger(VectorApiSupport.class).debug(VECTOR_API
                ? "Backflux matrix kernels: Vector API (jdk.incubator.vector), {} columns a strip"
                : "Backflux matrix kernels: scalar; start the JVM with --add-modules jdk.incubator.vector for SIMD ones",
                VECTOR_API ? VectorTile.STRIP : 4);
    }

    private VectorApiSupport() {
    }

    /** Tells whether the {@code jdk.incubator.vector} module is there to be used. */
    static boolean vectorApi() {
        return VECTOR_API;
    }
}
