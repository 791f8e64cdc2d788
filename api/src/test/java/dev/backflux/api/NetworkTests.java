package dev.backflux.api;

import static dev.backflux.api.TrainingDataTests.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NetworkTests {

    @Test
    void defaultsAreTheTutorials() {
        Network network = Network.of(3, 4, 1);

        assertArrayEquals(new int[] {3, 4, 1}, network.layerSizes());
        assertEquals(3, network.layerCount());
        assertEquals(4, network.layerSize(1));
        assertSame(Activation.sigmoid(), network.activation());
        assertEquals(1.0, network.learningRate());
        assertEquals(1, network.seed().orElseThrow());
        assertTrue(network.initialWeights().isEmpty());
    }

    @Test
    void layerSizesAreCopiedInAndOut() {
        int[] sizes = {2, 3, 1};
        Network network = Network.of(sizes);
        sizes[1] = 99;
        network.layerSizes()[0] = 99;
        assertArrayEquals(new int[] {2, 3, 1}, network.layerSizes());
    }

    @Test
    void fewerThanTwoLayersAreRejected() {
        assertMessage("layerSizes: expected at least 2 layers (input and output), actual 1: [3]", () -> Network.of(3));
        assertMessage("layerSizes: expected at least 2 layers (input and output), actual 0: []", () -> Network.of());
        assertEquals("layerSizes: expected at least 2 layers, actual none: call layerSizes(...)",
                assertThrows(IllegalStateException.class, () -> Network.builder().build()).getMessage());
    }

    @Test
    void aLayerSizeBelowOneIsRejected() {
        assertMessage("layerSizes[1]: expected a layer size of at least 1, actual 0 in [3, 0, 1]", () -> Network.of(3, 0, 1));
        assertMessage("layerSizes[2]: expected a layer size of at least 1, actual -4 in [3, 4, -4]", () -> Network.of(3, 4, -4));
    }

    @Test
    void layerSizesWhoseWeightsWouldNotFitInAnArrayAreRejected() {
        assertMessage("layerSizes: weights(1) expected at most 2147483639 elements, actual 60000x60000 = 3600000000"
                + " in [3, 60000, 60000, 1]", () -> Network.of(3, 60000, 60000, 1));
    }

    @Test
    void aNanInfiniteOrNegativeLearningRateIsRejected() {
        assertMessage("learningRate: expected a finite value >= 0, actual NaN",
                () -> Network.builder().learningRate(Double.NaN));
        assertMessage("learningRate: expected a finite value >= 0, actual Infinity",
                () -> Network.builder().learningRate(Double.POSITIVE_INFINITY));
        assertMessage("learningRate: expected a finite value >= 0, actual -0.1",
                () -> Network.builder().learningRate(-0.1));
        assertEquals(0.0, Network.builder().layerSizes(1, 1).learningRate(0).build().learningRate());
    }

    @Test
    void seedsOutsideNumpysRangeAreRejected() {
        assertMessage("seed: expected a value in [0, 4294967295] (numpy's legacy seeding), actual -1",
                () -> Network.builder().seed(-1));
        assertMessage("seed: expected a value in [0, 4294967295] (numpy's legacy seeding), actual 4294967296",
                () -> Network.builder().seed(1L << 32));
    }

    @Test
    void explicitWeightsOfTheWrongShapeAreRejected() {
        Network.Builder builder = Network.builder().layerSizes(3, 4, 1);
        assertMessage("weights: expected 2 matrices for layer sizes [3, 4, 1], actual 1",
                () -> builder.weights(new double[3][4]).build());
        assertMessage("weights[1]: expected 4x1 for layer sizes [3, 4, 1], actual 4x2",
                () -> builder.weights(new double[3][4], new double[4][2]).build());
        assertMessage("weights[0]: expected 3x4 for layer sizes [3, 4, 1], actual 4x3",
                () -> builder.weights(new double[4][3], new double[4][1]).build());
        assertMessage("weights[1][2]: expected 1 columns (as weights[1][0]), actual 0 (ragged rows)",
                () -> builder.weights(new double[3][4], new double[][] {{1}, {1}, {}, {1}}));
        assertMessage("weights[0][0][1]: expected a finite value, actual NaN",
                () -> builder.weights(new double[][] {{1, Double.NaN}}));
    }

    @Test
    void theLastOfSeedAndWeightsWins() {
        Network weighted = Network.builder().layerSizes(1, 1).seed(5).weights(new double[][] {{0.5}}).build();
        assertTrue(weighted.seed().isEmpty());
        assertEquals(0.5, weighted.initialWeights().orElseThrow().get(0).get(0, 0));

        Network seeded = weighted.toBuilder().seed(7).build();
        assertEquals(7, seeded.seed().orElseThrow());
        assertTrue(seeded.initialWeights().isEmpty());
    }

    @Test
    void explicitWeightsAreCopied() {
        double[][] w = {{0.5}, {0.25}};
        Network network = Network.builder().layerSizes(2, 1).weights(w).build();
        w[0][0] = 42;
        assertEquals(0.5, network.initialWeights().orElseThrow().get(0).get(0, 0));
    }

    @Test
    void aNullActivationIsRejected() {
        assertEquals("activation", assertThrows(NullPointerException.class,
                () -> Network.builder().activation(null)).getMessage());
    }
}
