package dev.backflux.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MersenneTwisterTests {

    @Test
    void seedOneGivesNumpysFirstRawOutputs() {
        MersenneTwister random = new MersenneTwister(1);
        long[] expected = {1791095845L, 4282876139L, 3093770124L, 4005303368L};
        for (long value : expected) {
            assertEquals(value, Integer.toUnsignedLong(random.nextInt()));
        }
    }

    @Test
    void seedOneGivesNumpysFirstDoublesBitForBit() {
        MersenneTwister random = new MersenneTwister(1);
        double[] expected = {0.417022004702574, 0.7203244934421581, 0.00011437481734488664, 0.30233257263183977};
        for (double value : expected) {
            assertEquals(value, random.nextDouble(), 0.0);
        }
    }

    @Test
    void theReferenceImplementationsSeed5489GivesItsPublishedFirstOutputs() {
        // mt19937ar.c's init_genrand(5489) (the C++ std::mt19937 default): first outputs, and the 10000th.
        MersenneTwister random = new MersenneTwister(5489);
        assertEquals(3499211612L, Integer.toUnsignedLong(random.nextInt()));
        assertEquals(581869302L, Integer.toUnsignedLong(random.nextInt()));
        for (int i = 3; i < 10_000; i++) {
            random.nextInt();
        }
        assertEquals(4123659995L, Integer.toUnsignedLong(random.nextInt()));
    }

    @Test
    void theSmallestAndLargestSeedsGiveNumpysDoubles() {
        // np.random.seed(s); np.random.random(2) with numpy 2.4
        MersenneTwister zero = new MersenneTwister(0);
        assertEquals(0.5488135039273248, zero.nextDouble(), 0.0);
        assertEquals(0.7151893663724195, zero.nextDouble(), 0.0);
        MersenneTwister largest = new MersenneTwister(0xFFFF_FFFFL);
        assertEquals(0.0976320289940138, largest.nextDouble(), 0.0);
        assertEquals(0.9123828453026218, largest.nextDouble(), 0.0);
    }

    @Test
    void skippingOutputsLeavesTheGeneratorWhereDrawingThemWould() {
        for (long skipped : new long[] {0, 1, 623, 624, 625, 1_247, 1_248, 10_000, 99_999}) {
            MersenneTwister drawn = new MersenneTwister(7);
            MersenneTwister jumped = new MersenneTwister(7);
            drawn.nextDouble(); // both part-way into their state first, as a run's weights leave them
            jumped.nextDouble();
            for (long i = 0; i < skipped; i++) {
                drawn.nextInt();
            }
            jumped.skip(skipped);
            assertEquals(drawn.drawn(), jumped.drawn(), "outputs counted after skipping " + skipped);
            assertEquals(2 + skipped, jumped.drawn());
            for (int i = 0; i < 1_300; i++) {
                assertEquals(drawn.nextInt(), jumped.nextInt(), "output " + i + " after skipping " + skipped);
            }
        }
    }
}
