package dev.backflux.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Activation;
import dev.backflux.api.DropoutGradient;
import dev.backflux.api.Matrix;
import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingRun;
import dev.backflux.api.TrainingStep;
import dev.backflux.testing.Tutorial;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Dropout beyond the tutorial: deeper networks against numpy, other activations, reproducibility, the builder. */
class DropoutNetworkTests {

    /** Swish, x·σ(x): its slope needs the input. */
    static final Activation SWISH = new Activation() {
        @Override
        public double apply(double x) {
            return x / (1 + Math.exp(-x));
        }

        @Override
        public double derivativeFromOutput(double output) {
            throw new UnsupportedOperationException("swish needs the input");
        }

        @Override
        public double derivative(double x) {
            double s = 1 / (1 + Math.exp(-x));
            return s + x * s * (1 - s);
        }

        @Override
        public boolean hasDerivativeFromOutput() {
            return false;
        }

        @Override
        public String toString() {
            return "swish";
        }
    };

    /** tanh, slope 1 − out² from the output. */
    static final Activation TANH = new Activation() {
        @Override
        public double apply(double x) {
            return Math.tanh(x);
        }

        @Override
        public double derivativeFromOutput(double out) {
            return 1 - out * out;
        }

        @Override
        public String toString() {
            return "tanh";
        }
    };

    private static TrainingData randomData() {
        Random random = new Random(11);
        double[][] inputs = new double[7][4];
        double[][] targets = new double[7][2];
        for (int e = 0; e < 7; e++) {
            for (int i = 0; i < 4; i++) {
                inputs[e][i] = random.nextDouble() * 2 - 1;
            }
            targets[e][0] = random.nextDouble();
            targets[e][1] = random.nextDouble();
        }
        return TrainingData.of(inputs, targets);
    }

    private void checkTextbook(Activation activation) {
        TrainingData data = randomData();
        Network network = Network.builder().layerSizes(4, 6, 5, 2).learningRate(0.5).seed(3).activation(activation)
                .dropout(1, 0.3).dropout(2, 0.6).build();
        TrainingStep step = Trainer.train(network, data, 3).blockLast();
        double h = 1e-6;
        for (int k = 0; k < 3; k++) {
            Matrix update = step.update(k);
            for (int r = 0; r < update.rows(); r++) {
                for (int c = 0; c < update.columns(); c++) {
                    double g = (MaskedNetwork.loss(activation, step, data, MaskedNetwork.shifted(step, k, r, c, h))
                            - MaskedNetwork.loss(activation, step, data, MaskedNetwork.shifted(step, k, r, c, -h))) / (2 * h);
                    assertEquals(-0.5 * g, update.get(r, c), 1e-7 + 1e-6 * Math.abs(g),
                            activation + " syn" + k + "[" + r + "][" + c + "]");
                }
            }
        }
        // slope = f'(z) × mask, z recomputed from the masked layer below; delta = error ⊙ slope; explain agrees.
        for (int layer = 1; layer <= 2; layer++) {
            Matrix below = step.layer(layer - 1);
            Matrix w = step.weightsBefore(layer - 1);
            Matrix mask = step.dropoutMask(layer);
            Matrix slope = step.slope(layer);
            for (int e = 0; e < below.rows(); e++) {
                for (int j = 0; j < w.columns(); j++) {
                    double z = 0;
                    for (int i = 0; i < w.rows(); i++) {
                        z += below.get(e, i) * w.get(i, j);
                    }
                    assertEquals(activation.derivative(z) * mask.get(e, j), slope.get(e, j), 1e-12,
                            activation + " slope(" + layer + ") at " + e + "," + j);
                    assertEquals(step.error(layer).get(e, j) * slope.get(e, j), step.delta(layer).get(e, j), 0);
                    assertEquals(slope.get(e, j), step.explain(layer - 1, 0, j).slope(e), 1e-15);
                    assertEquals(step.delta(layer).get(e, j), step.explain(layer - 1, 0, j).delta(e), 0);
                }
            }
        }
    }

    @Test
    void textbookWithAnActivationWhoseSlopeNeedsTheInput() {
        checkTextbook(SWISH);
    }

    @Test
    void textbookWithTanh() {
        checkTextbook(TANH);
    }

    /** numpy (src/test/resources/dropout/deep.py): 3-5-4-1, seed 3, rates 0.3 and 0.6 on l1 and l2, α 0.5, 2000 steps; syn2 after. */
    @Test
    void twoHiddenLayersWithDropoutAsNumpyComputesThem() {
        double[] tutorial = {0x1.b5b752821fcf8p-2, -0x1.9ff9e0b355238p-6, -0x1.11513d93a06d2p-3, 0x1.2f532f2394498p-5};
        double[] textbook = {0x1.9c17d237b47e6p-2, 0x1.dcdf9cf551f20p-4, -0x1.5157fbfeb6ffep-2, 0x1.4a085b6bf4828p-2};
        for (DropoutGradient gradient : DropoutGradient.values()) {
            Network network = Network.builder().layerSizes(3, 5, 4, 1).learningRate(0.5).seed(3)
                    .dropout(1, 0.3).dropout(2, 0.6).dropoutGradient(gradient).build();
            double[] actual = Trainer.train(network, Tutorial.XOR, 2000).blockLast().weights(2).toRowMajorArray();
            assertArrayEquals(gradient == DropoutGradient.TUTORIAL ? tutorial : textbook, actual, 1e-10,
                    gradient.name());
        }
    }

    /**
     * The tutorial's quirk zeroes a dropped unit's delta only because sigmoid'(0) from the output is 0·(1−0) = 0;
     * with tanh, whose slope from output 0 is 1, TUTORIAL makes a nonzero delta for a dropped unit and so moves
     * the weights into a unit that contributed nothing.
     */
    @Test
    void tutorialWithTanhGivesADroppedUnitNoDelta() {
        Network network = Network.builder().layerSizes(3, 4, 1).learningRate(0.5).dropout(1, 0.5)
                .activation(TANH).dropoutGradient(DropoutGradient.TUTORIAL).build();
        TrainingStep step = Trainer.train(network, Tutorial.XOR, 1).blockLast();
        boolean checked = false;
        for (int e = 0; e < 4; e++) {
            for (int j = 0; j < 4; j++) {
                if (step.dropped(1, e, j)) {
                    checked = true;
                    assertEquals(0.0, step.delta(1).get(e, j), 0, "delta of dropped unit " + e + "," + j);
                }
            }
        }
        assertTrue(checked);
    }

    @Test
    void twoSubscriptionsAndASharedRunDrawTheSameMasks() {
        Network network = Network.builder().layerSizes(3, 5, 4, 1).dropout(1, 0.3).dropout(2, 0.6).build();
        var flux = Trainer.train(network, Tutorial.XOR, 50);
        List<TrainingStep> a = flux.collectList().block();
        List<TrainingStep> b = flux.collectList().block();
        TrainingRun run = Trainer.training(network, Tutorial.XOR).steps(50).configuration(Map.of()).build().start();
        TrainingStep shared = run.steps().blockLast();
        for (int s = 0; s < 50; s++) {
            assertEquals(a.get(s).dropoutMask(1), b.get(s).dropoutMask(1));
            assertEquals(a.get(s).dropoutMask(2), b.get(s).dropoutMask(2));
        }
        assertEquals(a.get(49).weights(0), shared.weights(0));
        assertEquals(a.get(49).dropoutMask(2), shared.dropoutMask(2));
    }

    @Test
    void validationNeitherConsumesNorAppliesMasks() {
        Network network = Network.builder().layerSizes(3, 4, 1).dropout(1, 0.4).build();
        TrainingStep plain = Trainer.train(network, Tutorial.XOR, 30).blockLast();
        TrainingStep validated = Trainer.train(network,
                Tutorial.XOR.withValidation(Tutorial.INPUTS, new double[][] {{0}, {1}, {1}, {0}}), 30).blockLast();
        assertEquals(plain.dropoutMask(1), validated.dropoutMask(1));
        assertEquals(plain.weights(0), validated.weights(0));
        plain.network().predict(1, 1, 1);
        assertEquals(plain.weights(1), validated.weights(1));
    }

    /** Javadoc: "0 removes dropout from the layer". Deriving a smaller network should then build. */
    @Test
    void rateZeroRemovesDropoutEvenFromALayerThatIsNoLongerHidden() {
        Network deep = Network.builder().layerSizes(3, 5, 4, 1).dropout(2, 0.5).build();
        assertDoesNotThrow(() -> deep.toBuilder().layerSizes(3, 4, 1).dropout(2, 0).build());
    }

    @Test
    void dropoutOnANetworkWithoutHiddenLayersSaysSo() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> Network.builder().layerSizes(3, 1).dropout(1, 0.2).build()).getMessage();
        assertFalse(message.contains("[1, 0]"), message);
    }

    @Test
    void aRunResumedFromAStepWithItsGeneratorPositionDrawsTheSameMasksAndWeightsBitForBit() {
        Network network = Network.builder().layerSizes(3, 5, 4, 1).dropout(1, 0.3).dropout(2, 0.5).seed(4).build();
        List<TrainingStep> whole = Trainer.train(network, Tutorial.XOR, 300).collectList().block();
        TrainingStep at = whole.get(119);
        double[][][] weights = at.network().weights().stream().map(Matrix::toArray).toArray(double[][][]::new);
        Network resumedNetwork = network.toBuilder().weights(weights)
                .dropoutStream(network.dropoutSeed(), at.dropoutDraws().getAsLong()).build();

        List<TrainingStep> resumed = Trainer.training(resumedNetwork, Tutorial.XOR).firstStep(120).steps(180)
                .configuration(Map.of()).build().flux().collectList().block();

        assertEquals(180, resumed.size());
        for (int i = 0; i < 180; i++) {
            TrainingStep expected = whole.get(120 + i);
            TrainingStep actual = resumed.get(i);
            assertEquals(expected.step(), actual.step());
            assertEquals(expected.dropoutDraws(), actual.dropoutDraws(), "generator position at " + actual.step());
            assertEquals(expected.dropoutMask(1), actual.dropoutMask(1), "masks at " + actual.step());
            assertEquals(expected.dropoutMask(2), actual.dropoutMask(2), "masks at " + actual.step());
            assertEquals(Double.doubleToRawLongBits(expected.meanAbsoluteError()),
                    Double.doubleToRawLongBits(actual.meanAbsoluteError()), "error at " + actual.step());
            for (int k = 0; k < 3; k++) {
                assertArrayEquals(expected.weights(k).toRowMajorArray(), actual.weights(k).toRowMajorArray(),
                        "syn" + k + " at " + actual.step());
            }
        }
    }

    @Test
    void aStepsGeneratorPositionCountsTheWeightsAndEveryMaskDrawnSoFar() {
        Network network = Network.builder().layerSizes(3, 4, 1).dropout(1, 0.5).build();
        List<TrainingStep> steps = Trainer.train(network, Tutorial.XOR, 3).collectList().block();
        // 16 weights as doubles (two outputs each), then per step 16 binomial draws of at least one double each.
        long weights = 2 * (3 * 4 + 4 * 1);
        assertTrue(steps.get(0).dropoutDraws().getAsLong() >= weights + 2 * 16, steps.get(0).dropoutDraws().toString());
        assertTrue(steps.get(1).dropoutDraws().getAsLong() >= steps.get(0).dropoutDraws().getAsLong() + 2 * 16);
        assertTrue(Trainer.train(Network.of(3, 4, 1), Tutorial.XOR, 1).blockLast().dropoutDraws().isEmpty());
    }

    @Test
    void aDropoutStreamOutOfRangeIsRefusedNamingIt() {
        assertEquals("dropoutStream: expected a seed in [0, 4294967295], actual -1", assertThrows(
                IllegalArgumentException.class, () -> Network.builder().dropoutStream(-1, 0)).getMessage());
        assertEquals("dropoutStream: expected draws of at least 0, actual -5", assertThrows(
                IllegalArgumentException.class, () -> Network.builder().dropoutStream(1, -5)).getMessage());
    }
}
