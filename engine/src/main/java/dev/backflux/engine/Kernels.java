package dev.backflux.engine;

import org.slf4j.LoggerFactory;

/**
 * Which micro-kernel {@link PackedProduct} uses: the Vector API one when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}, the scalar one otherwise. Both give the same bits.
 */
final class Kernels {

    private static final boolean VECTOR_API = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            || Kernels.class.getModule().getLayer() != null
            && Kernels.class.getModule().getLayer().findModule("jdk.incubator.vector").isPresent();

    static {
        LoggerFactory.getLogger(Kernels.class).debug(VECTOR_API
                ? "Backflux matrix kernels: Vector API (jdk.incubator.vector), {} columns a strip"
                : "Backflux matrix kernels: scalar; start the JVM with --add-modules jdk.incubator.vector for SIMD ones",
                VECTOR_API ? VectorTile.STRIP : 4);
    }

    private Kernels() {
    }

    /** Tells whether the {@code jdk.incubator.vector} module is there to be used. */
    static boolean vectorApi() {
        return VECTOR_API;
    }
}
