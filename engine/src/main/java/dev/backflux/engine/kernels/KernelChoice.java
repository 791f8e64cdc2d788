package dev.backflux.engine.kernels;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which code computes the large products ({@link MatrixKernels#PACKED_FROM} multiply-adds and more): the Java
 * kernels ({@link PackedProduct}) or the system's BLAS ({@link NativeProducts}). Chosen once per JVM, at the
 * first large product or when a run with one is built, from the system property {@value #PROPERTY}:
 * <ul>
 *   <li>{@code auto} (the default): the Java kernels when the Vector API is there (the SIMD ones: as fast, and
 *       the same bits everywhere); else the native BLAS when it loads; else the Java (scalar) kernels;</li>
 *   <li>{@code native}: the native BLAS, and an error naming the property when it does not load;</li>
 *   <li>{@code java}: the Java kernels, whose results are the same bits on any number of threads, with or
 *       without the Vector API. The native BLAS is then never loaded.</li>
 * </ul>
 * The choice is logged once, at debug. Small products always use the plain loops.
 */
final class KernelChoice {

    /** The system property that chooses the kernels of the large products. */
    static final String PROPERTY = "backflux.kernels";

    private static final Logger LOGGER = LoggerFactory.getLogger(KernelChoice.class);

    /** What was chosen: the native products or none (the Java kernels), or the error to give every product. */
    record Choice(NativeProducts products, String failure, boolean nativeAbsent) {
    }

    private static final class Holder {
        static final Choice CHOICE =
                choose(System.getProperty(PROPERTY), VectorApiModule.PRESENT, NativeBlas::load, LOGGER);
    }

    /** A test's choice, in place of the JVM's while it is set. */
    private static volatile Choice override;

    private KernelChoice() {
    }

    /**
     * The native products to use, or {@code null} for the Java kernels.
     *
     * @throws IllegalArgumentException when {@value #PROPERTY} has a value other than {@code auto}, {@code native}
     *     or {@code java}, or is {@code native} and no native BLAS loads
     */
    static NativeProducts nativeProducts() {
        Choice choice = current();
        if (choice.failure() != null) {
            throw new IllegalArgumentException(choice.failure());
        }
        return choice.products();
    }

    /** Tells whether the Java kernels run because no native BLAS loaded (not because {@code java} was asked). */
    static boolean nativeAbsent() {
        return current().nativeAbsent();
    }

    private static Choice current() {
        Choice chosen = override;
        return chosen != null ? chosen : Holder.CHOICE;
    }

    /** For tests: the large products use {@code products} (the Java kernels when {@code null}) until closed. */
    static AutoCloseable use(NativeProducts products) {
        override = new Choice(products, null, false);
        return () -> override = null;
    }

    /**
     * Chooses from the property's value and whether the Vector API is there, loading the native BLAS only when it
     * may be used, and logs the choice.
     */
    static Choice choose(String property, boolean vectorApi, Supplier<NativeBlas.Loaded> loader, Logger logger) {
        String value = property == null ? "auto" : property.strip();
        if (value.equals("java")) {
            logger.debug("Backflux large matrix products: the Java kernels ({}=java)", PROPERTY);
            return new Choice(null, null, false);
        }
        if (!value.equals("auto") && !value.equals("native")) {
            String failure = PROPERTY + ": expected auto, native or java, actual '" + property + "'";
            logger.debug("Backflux large matrix products: none, {}", failure);
            return new Choice(null, failure, false);
        }
        if (value.equals("auto") && vectorApi) {
            logger.debug("Backflux large matrix products: the Java SIMD kernels ({}=auto, the Vector API is there)",
                    PROPERTY);
            return new Choice(null, null, false);
        }
        NativeBlas.Loaded loaded = loader.get();
        if (loaded.products() != null) {
            logger.debug("Backflux large matrix products: native BLAS ({}), within 1e-12 of the Java kernels"
                    + " ({}={})", loaded.description(), PROPERTY, value);
            return new Choice(loaded.products(), null, false);
        }
        if (value.equals("native")) {
            String failure = PROPERTY + "=native: no native BLAS loaded (" + loaded.description() + "); install"
                    + " the system's OpenBLAS (Debian: libopenblas0-pthread) or set " + PROPERTY + " to auto or java";
            logger.debug("Backflux large matrix products: none, {}", failure);
            return new Choice(null, failure, true);
        }
        logger.debug("Backflux large matrix products: the Java kernels, no native BLAS ({})", loaded.description());
        return new Choice(null, null, true);
    }
}
