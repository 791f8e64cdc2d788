package dev.backflux.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import dev.backflux.testing.CapturedLog;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** How the system property backflux.kernels chooses the large products' kernels, and what is said about it. */
class KernelChoiceTests {

    private static final NativeProducts PRODUCTS = new NativeProducts(null);
    private static final Supplier<NativeBlas.Loaded> PRESENT =
            () -> new NativeBlas.Loaded(PRODUCTS, "dev.ludovic.netlib.blas.JNIBLAS");
    private static final Supplier<NativeBlas.Loaded> ABSENT =
            () -> new NativeBlas.Loaded(null, "no libblas.so.3 in /usr/lib");
    private static final Supplier<NativeBlas.Loaded> NEVER = () -> fail("the native BLAS was loaded");

    @Test
    void withoutTheVectorApiAutoIsTheDefaultAndTakesTheNativeBlasWhenItLoads() {
        try (CapturedLog log = new CapturedLog(KernelChoice.class, Level.DEBUG)) {
            assertSame(PRODUCTS, choose(null, PRESENT).products());
            assertSame(PRODUCTS, choose("auto", PRESENT).products());
            assertEquals("DEBUG Backflux large matrix products: native BLAS (dev.ludovic.netlib.blas.JNIBLAS),"
                    + " within 1e-12 of the Java kernels (backflux.kernels=auto)", log.text().lines().findFirst()
                    .orElseThrow());
        }
    }

    @Test
    void autoKeepsTheSimdKernelsWhenTheVectorApiIsThere() {
        try (CapturedLog log = new CapturedLog(KernelChoice.class, Level.DEBUG)) {
            KernelChoice.Choice choice =
                    KernelChoice.choose(null, true, NEVER, LoggerFactory.getLogger(KernelChoice.class));
            assertNull(choice.products());
            assertNull(choice.failure());
            assertFalse(choice.nativeAbsent());
            assertEquals("DEBUG Backflux large matrix products: the Java SIMD kernels (backflux.kernels=auto, the Vector"
                    + " API is there)", log.text());
        }
        assertSame(PRODUCTS, KernelChoice.choose("native", true, PRESENT, LoggerFactory.getLogger(KernelChoice.class))
                .products(), "native asked for is native, Vector API or not");
    }

    @Test
    void autoKeepsTheJavaKernelsWithoutANativeBlas() {
        try (CapturedLog log = new CapturedLog(KernelChoice.class, Level.DEBUG)) {
            KernelChoice.Choice choice = choose("auto", ABSENT);
            assertNull(choice.products());
            assertNull(choice.failure());
            assertTrue(choice.nativeAbsent());
            assertEquals("DEBUG Backflux large matrix products: the Java kernels, no native BLAS"
                    + " (no libblas.so.3 in /usr/lib)", log.text());
        }
    }

    @Test
    void javaNeverLoadsTheNativeBlas() {
        try (CapturedLog log = new CapturedLog(KernelChoice.class, Level.DEBUG)) {
            KernelChoice.Choice choice = choose(" java ", NEVER);
            assertNull(choice.products());
            assertNull(choice.failure());
            assertFalse(choice.nativeAbsent());
            assertEquals("DEBUG Backflux large matrix products: the Java kernels (backflux.kernels=java)", log.text());
        }
    }

    @Test
    void nativeWithoutANativeBlasIsAnErrorSayingHowToGetOne() {
        KernelChoice.Choice choice = choose("native", ABSENT);
        assertNull(choice.products());
        assertEquals("backflux.kernels=native: no native BLAS loaded (no libblas.so.3 in /usr/lib); install the"
                + " system's OpenBLAS (Debian: libopenblas0-pthread) or set backflux.kernels to auto or java",
                choice.failure());
        assertSame(PRODUCTS, choose("native", PRESENT).products());
    }

    @Test
    void aBadValueIsAnErrorNamingThePropertyTheValuesAndTheValueGiven() {
        KernelChoice.Choice choice = choose("blas", NEVER);
        assertNull(choice.products());
        assertEquals("backflux.kernels: expected auto, native or java, actual 'blas'", choice.failure());
    }

    @Test
    void theChoiceIsLoggedAtDebugOnly() {
        try (CapturedLog log = new CapturedLog(KernelChoice.class, Level.INFO)) {
            choose("auto", PRESENT);
            choose("auto", ABSENT);
            choose("java", NEVER);
            assertEquals("", log.text());
        }
    }

    @Test
    void thisSuiteRunsOnTheJavaKernels() {
        // engine/pom.xml sets backflux.kernels=java: the other tests assert the Java kernels' bits.
        assertEquals("java", System.getProperty(KernelChoice.PROPERTY));
        assertNull(KernelChoice.nativeProducts());
        assertFalse(KernelChoice.nativeAbsent());
    }

    private static KernelChoice.Choice choose(String property, Supplier<NativeBlas.Loaded> loader) {
        return KernelChoice.choose(property, false, loader, LoggerFactory.getLogger(KernelChoice.class));
    }
}
