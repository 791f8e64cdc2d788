/**
 * The Backflux engine: matrix kernels, back-propagation and the {@code Flux} of training steps.
 *
 * <p>Nothing here is for applications to call: {@link dev.backflux.api.Trainer} finds the engine
 * with {@link java.util.ServiceLoader}.
 */
module dev.backflux.engine {
    requires dev.backflux.api;
    requires org.slf4j;
    // Optional: the SIMD kernels, when the JVM runs with --add-modules jdk.incubator.vector.
    requires static jdk.incubator.vector;
    // The native backend of the large products: the system's BLAS through JNI, when it loads (an automatic module,
    // by the Automatic-Module-Name of its jar; it reads the f2j classes of arpack_combined_all, another one).
    requires dev.ludovic.netlib.blas;
    // netlib logs through java.util.logging: the engine keeps its line at loading quiet (see NativeBlas).
    requires java.logging;

    // The matrix kernels, for the JMH benchmarks alone (an automatic module on the module path, by the
    // Automatic-Module-Name of its jar): no application can read them.
    exports dev.backflux.engine.kernels to dev.backflux.benchmarks;

    uses dev.backflux.api.spi.Plugin;

    provides dev.backflux.api.spi.TrainingEngine with dev.backflux.engine.ReactorTrainingEngine;
    provides dev.backflux.api.spi.Plugin with dev.backflux.engine.SigmoidPlugin;
}
