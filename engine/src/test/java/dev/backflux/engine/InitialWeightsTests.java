package dev.backflux.engine;

import dev.backflux.testing.Tutorial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.backflux.api.Network;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InitialWeightsTests {

    @Test
    void seedOneGivesTheTutorialsThreeLayerWeightsExactly() {
        double[][] weights = InitialWeights.of(Network.of(3, 4, 1));
        assertArrayEquals(Tutorial.W0, weights[0], 0.0);
        assertArrayEquals(Tutorial.W1, weights[1], 0.0);
    }

    @Test
    void theTwoLayerNetworkStartsFromTheFirstThreeNumbers() {
        double[][] weights = InitialWeights.of(Network.of(3, 1));
        assertEquals(1, weights.length);
        assertArrayEquals(Arrays.copyOf(Tutorial.W0, 3), weights[0], 0.0);
    }

    @Test
    void otherSeedsGiveOtherWeights() {
        double[][] one = InitialWeights.of(Network.of(3, 4, 1));
        double[][] two = InitialWeights.of(Network.builder().layerSizes(3, 4, 1).seed(2).build());
        assertEquals(false, Arrays.equals(one[0], two[0]));
        for (double w : two[0]) {
            assertEquals(true, w >= -1 && w < 1, "weight in [-1, 1): " + w);
        }
    }

    @Test
    void explicitWeightsAreCopiedForEachRun() {
        Network network = Network.builder().layerSizes(2, 1).weights(new double[][] {{0.5}, {-0.25}}).build();
        double[][] first = InitialWeights.of(network);
        first[0][0] = 42;
        double[][] second = InitialWeights.of(network);
        assertArrayEquals(new double[] {0.5, -0.25}, second[0], 0.0);
        assertNotSame(first[0], second[0]);
    }
}
