package dev.backflux.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The packing buffers are lent per product and kept, a bounded number of them, in slots shared by all threads. */
class PackingBuffersTests {

    @Test
    void aBufferGivenBackIsLentAgainInsteadOfANewOne() {
        drain();
        double[] buffer = PackingBuffers.take(12_345);
        PackingBuffers.give(buffer);

        assertSame(buffer, takeAndGiveBack(12_345));
        assertSame(buffer, takeAndGiveBack(12_000), "a longer buffer serves a shorter need");
    }

    @Test
    void theShortestKeptBufferThatIsLongEnoughIsLent() {
        drain();
        PackingBuffers.give(new double[100]);
        PackingBuffers.give(new double[1_000]);
        PackingBuffers.give(new double[10_000]);

        assertEquals(1_000, PackingBuffers.take(500).length);
        assertEquals(20_000, PackingBuffers.take(20_000).length, "none is long enough: a new one");
    }

    @Test
    void atMostSlotsBuffersAreKeptTheLongestOnes() {
        drain();
        int given = PackingBuffers.SLOTS + 2;
        for (int i = 1; i <= given; i++) {
            PackingBuffers.give(new double[i * 10]);
        }

        int[] kept = Arrays.stream(PackingBuffers.kept()).filter(Objects::nonNull).mapToInt(b -> b.length).sorted().toArray();
        assertEquals(PackingBuffers.SLOTS, kept.length);
        assertEquals(30, kept[0], "the two shortest were dropped");
        assertEquals(given * 10, kept[kept.length - 1]);
    }

    @Test
    void aProductGivesItsPackedOperandsBackForTheNextProduct() {
        drain();
        int n = 300;
        int k = 200;
        int m = 90;
        PackedProduct.run(new double[n * k], false, new double[k * m], false, new double[n * m], n, k, m);

        // Packed B holds k x m values at least; a packed A, 64 rows of k.
        assertTrue(Arrays.stream(PackingBuffers.kept()).filter(Objects::nonNull).anyMatch(b -> b.length >= k * m),
                "packed B is kept");
    }

    private static double[] takeAndGiveBack(int length) {
        double[] buffer = PackingBuffers.take(length);
        PackingBuffers.give(buffer);
        return buffer;
    }

    /** Takes every kept buffer, so that a test starts from empty slots. */
    private static void drain() {
        for (double[] buffer : PackingBuffers.kept()) {
            if (buffer != null) {
                PackingBuffers.take(buffer.length);
            }
        }
    }
}
