package dev.backflux.engine.kernels;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The native BLAS for the native backend's tests, loaded once; they skip, saying why, where it does not load. */
final class NativeBlasAssumption {

    private static final NativeBlas.Loaded LOADED = NativeBlas.load();

    private NativeBlasAssumption() {
    }

    /** The native products; skips the calling test, with the reason, when there are none. */
    static NativeProducts nativeProducts() {
        assumeTrue(LOADED.products() != null, () -> "No native BLAS, so the native backend is not tested: "
                + LOADED.description() + " (on Debian: apt-get install libopenblas0-pthread)");
        return LOADED.products();
    }

    /**
     * Asserts that {@code actual} is within 1e-12 of {@code expected}, relative to {@code expected}'s largest
     * magnitude: the native backend sums in BLAS's order, so its results are not the Java kernels' bits.
     */
    static void assertWithin1e12(double[] expected, double[] actual, String what) {
        if (expected.length != actual.length) {
            throw new AssertionError(what + ": expected " + expected.length + " elements, actual " + actual.length);
        }
        double scale = 0;
        for (double value : expected) {
            scale = Math.max(scale, Math.abs(value));
        }
        for (int i = 0; i < expected.length; i++) {
            double difference = Math.abs(expected[i] - actual[i]);
            if (!(difference <= 1e-12 * scale)) {
                throw new AssertionError(what + ": element " + i + " expected " + expected[i] + ", actual "
                        + actual[i] + ", a difference of " + difference / scale + " of the largest element "
                        + scale + " (at most 1e-12 allowed)");
            }
        }
    }
}
