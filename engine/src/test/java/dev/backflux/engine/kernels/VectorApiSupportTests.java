package dev.backflux.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import dev.backflux.testing.CapturedLog;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What the kernels say, once, about which of them run. */
class VectorApiSupportTests {

    @Test
    void scalarKernelsWithoutANativeBlasAreReportedAtInfoWithHowToGetFastOnes() {
        try (CapturedLog log = new CapturedLog(VectorApiSupport.class, Level.INFO)) {
            VectorApiSupport.log(LoggerFactory.getLogger(VectorApiSupport.class), false, true);
            assertEquals("INFO Backflux matrix kernels: scalar, 3 to 4 times slower on large products than the SIMD"
                    + " ones; start the JVM with --add-modules jdk.incubator.vector to use them (same results), or"
                    + " install the system's OpenBLAS (Debian: libopenblas0-pthread) for the native backend (results"
                    + " within 1e-12)", log.text());
        }
    }

    @Test
    void scalarKernelsChosenWithANativeBlasThereAreReportedAtInfoWithHowToGetTheSimdOnes() {
        try (CapturedLog log = new CapturedLog(VectorApiSupport.class, Level.INFO)) {
            VectorApiSupport.log(LoggerFactory.getLogger(VectorApiSupport.class), false, false);
            assertEquals("INFO Backflux matrix kernels: scalar, 3 to 4 times slower on large products than the SIMD"
                    + " ones; start the JVM with --add-modules jdk.incubator.vector to use them (same results)",
                    log.text());
        }
    }

    @Test
    void simdKernelsAreReportedAtDebugOnly() {
        try (CapturedLog log = new CapturedLog(VectorApiSupport.class, Level.INFO)) {
            VectorApiSupport.log(LoggerFactory.getLogger(VectorApiSupport.class), true, true);
            assertEquals("", log.text());
        }
        try (CapturedLog log = new CapturedLog(VectorApiSupport.class, Level.DEBUG)) {
            VectorApiSupport.log(LoggerFactory.getLogger(VectorApiSupport.class), true, true);
            assertEquals("DEBUG Backflux matrix kernels: Vector API (jdk.incubator.vector), " + VectorTile.STRIP
                    + " columns a strip", log.text());
        }
    }
}
