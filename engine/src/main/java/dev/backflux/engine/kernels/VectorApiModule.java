package dev.backflux.engine.kernels;

/**
 * Whether the JDK's incubating Vector API module, {@code jdk.incubator.vector}, is there to be used: it is when
 * the JVM was started with {@code --add-modules jdk.incubator.vector}. Says nothing: {@link VectorApiSupport}
 * logs which matrix kernels run, at the first large product.
 */
final class VectorApiModule {

    /** True when the module is present, in the boot layer or in the engine's own layer. */
    static final boolean PRESENT = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            || VectorApiModule.class.getModule().getLayer() != null
            && VectorApiModule.class.getModule().getLayer().findModule("jdk.incubator.vector").isPresent();

    private VectorApiModule() {
    }
}
