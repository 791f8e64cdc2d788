package dev.backflux.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Activation;
import dev.backflux.api.DropoutGradient;
import dev.backflux.api.Matrix;
import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingStep;
import dev.backflux.testing.Tutorial;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tutorial's Part 3: dropout on the hidden layer, as its script computes it (the masks numpy draws, to the
 * draw; the errors and weights to 1e-12), the textbook gradient checked against finite differences of the masked
 * network, and the masks visible in every step.
 */
class DropoutTests {

    /** The tutorial's Part 3 with np.random.seed added, as generate.py runs it with numpy. */
    private record Part3(long seed, double rate, double alpha, int hidden, int steps, Map<Long, Double> errors,
            Map<Long, int[]> masks, double[] synapse0, double[] synapse1) {

        static Part3 read(String name) throws IOException {
            String text;
            try (InputStream in = DropoutTests.class.getResourceAsStream("/dropout/" + name)) {
                text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            }
            long seed = 0;
            double rate = 0;
            double alpha = 0;
            int hidden = 0;
            int steps = 0;
            Map<Long, Double> errors = new HashMap<>();
            Map<Long, int[]> masks = new HashMap<>();
            double[] synapse0 = null;
            double[] synapse1 = null;
            for (String line : text.split("\n")) {
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "case" -> {
                        seed = Long.parseLong(f[1]);
                        rate = Double.parseDouble(f[2]);
                        alpha = Double.parseDouble(f[3]);
                        hidden = Integer.parseInt(f[4]);
                        steps = Integer.parseInt(f[5]);
                    }
                    case "error" -> errors.put(Long.parseLong(f[1]), Double.parseDouble(f[2]));
                    case "mask" -> {
                        int[] mask = new int[f.length - 2];
                        for (int i = 0; i < mask.length; i++) {
                            mask[i] = Integer.parseInt(f[i + 2]);
                        }
                        masks.put(Long.parseLong(f[1]), mask);
                    }
                    case "synapse_0" -> synapse0 = doubles(f);
                    case "synapse_1" -> synapse1 = doubles(f);
                    default -> { }
                }
            }
            return new Part3(seed, rate, alpha, hidden, steps, errors, masks, synapse0, synapse1);
        }

        private static double[] doubles(String[] fields) {
            double[] values = new double[fields.length - 1];
            for (int i = 0; i < values.length; i++) {
                values[i] = Double.parseDouble(fields[i + 1]);
            }
            return values;
        }

        Network network(DropoutGradient gradient) {
            return Network.builder().layerSizes(3, hidden, 1).learningRate(alpha).seed(seed)
                    .dropout(1, rate).dropoutGradient(gradient).build();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"seed-1-rate-0_2.txt", "seed-1-rate-0_5.txt", "seed-2-rate-0_2.txt", "seed-2-rate-0_5.txt"})
    void theTutorialOptionReproducesPart3AsNumpyComputesIt(String fixture) throws IOException {
        Part3 part3 = Part3.read(fixture);
        List<TrainingStep> kept = new ArrayList<>();
        Set<Long> wanted = new java.util.HashSet<>(part3.errors().keySet());
        wanted.addAll(part3.masks().keySet());
        TrainingStep last = Trainer.train(part3.network(DropoutGradient.TUTORIAL), Tutorial.XOR, part3.steps())
                .doOnNext(step -> {
                    if (wanted.contains(step.step())) {
                        kept.add(step);
                    }
                })
                .blockLast();

        for (TrainingStep step : kept) {
            int[] draws = part3.masks().get(step.step());
            if (draws != null) {
                Matrix mask = step.dropoutMask(1);
                for (int i = 0; i < draws.length; i++) {
                    int e = i / part3.hidden();
                    int unit = i % part3.hidden();
                    // The mask numpy multiplies by: the draw times 1 / (1 - p), exactly.
                    assertEquals(draws[i] * (1.0 / (1 - part3.rate())), mask.get(e, unit),
                            "step " + step.step() + ", example " + e + ", unit " + unit);
                    assertEquals(draws[i] == 0, step.dropped(1, e, unit));
                }
            }
            Double error = part3.errors().get(step.step());
            if (error != null) {
                assertEquals(error, step.meanAbsoluteError(), Math.abs(error) * 1e-12, "error at step " + step.step());
            }
        }
        assertWeights(part3.synapse0(), last.weights(0));
        assertWeights(part3.synapse1(), last.weights(1));
    }

    private static void assertWeights(double[] expected, Matrix actual) {
        double[] values = actual.toRowMajorArray();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], values[i], Math.abs(expected[i]) * 1e-12, "weight " + i);
        }
    }

    @Test
    void theTextbookGradientIsTheMaskedNetworksGradient() {
        // A random 4-6-5-2 network with dropout on both hidden layers, at its third step.
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
        TrainingData data = TrainingData.of(inputs, targets);
        Network network = Network.builder().layerSizes(4, 6, 5, 2).learningRate(0.5).seed(3)
                .dropout(1, 0.3).dropout(2, 0.5).build();
        TrainingStep step = Trainer.train(network, data, 3).blockLast();
        assertTrue(anyDropped(step, 1) && anyDropped(step, 2), "the check needs dropped units");

        double h = 1e-6;
        for (int k = 0; k < 3; k++) {
            Matrix update = step.update(k);
            for (int r = 0; r < update.rows(); r++) {
                for (int c = 0; c < update.columns(); c++) {
                    double[][][] plus = MaskedNetwork.shifted(step, k, r, c, h);
                    double[][][] minus = MaskedNetwork.shifted(step, k, r, c, -h);
                    double gradient = (MaskedNetwork.loss(Activation.sigmoid(), step, data, plus)
                            - MaskedNetwork.loss(Activation.sigmoid(), step, data, minus)) / (2 * h);
                    // The update is α times minus the gradient of ½Σ(y − out)², the masks held as drawn.
                    assertEquals(-0.5 * gradient, update.get(r, c), 1e-7 + 1e-6 * Math.abs(gradient),
                            "syn" + k + "[" + r + "][" + c + "]");
                }
            }
        }
    }

    @Test
    void theTutorialsQuirkTakesTheSlopeOfTheMaskedLayer() {
        Network textbook = Network.builder().layerSizes(3, 4, 1).learningRate(0.5).dropout(1, 0.2).build();
        Network tutorial = textbook.toBuilder().dropoutGradient(DropoutGradient.TUTORIAL).build();
        TrainingStep a = Trainer.train(textbook, Tutorial.XOR, 1).blockLast();
        TrainingStep b = Trainer.train(tutorial, Tutorial.XOR, 1).blockLast();
        // Same weights, same masks, same forward pass; only the hidden slope differs, for kept units.
        assertEquals(a.layer(1), b.layer(1));
        assertEquals(a.dropoutMask(1), b.dropoutMask(1));
        Matrix layer = b.layer(1);
        Matrix mask = b.dropoutMask(1);
        for (int e = 0; e < 4; e++) {
            for (int j = 0; j < 4; j++) {
                double h = layer.get(e, j);
                double m = mask.get(e, j);
                assertEquals(h * (1 - h), b.slope(1).get(e, j), 0, "the tutorial: layer_1 * (1 - layer_1)");
                double unmasked = m == 0 ? 0 : h / m;
                assertEquals(unmasked * (1 - unmasked) * m, a.slope(1).get(e, j), 1e-15,
                        "the textbook: the slope at the unmasked unit, times the mask");
                assertEquals(a.error(1).get(e, j) * a.slope(1).get(e, j), a.delta(1).get(e, j), 0);
                assertEquals(b.error(1).get(e, j) * b.slope(1).get(e, j), b.delta(1).get(e, j), 0);
                if (m != 0) {
                    assertNotEquals(a.slope(1).get(e, j), b.slope(1).get(e, j));
                }
            }
        }
        assertEquals(a.explain(0, 2, 1).slope(3), a.slope(1).get(3, 1), 0);
        assertEquals(b.explain(0, 2, 1).slope(3), b.slope(1).get(3, 1), 0);
    }

    @Test
    void predictionsAndTheValidationErrorUseTheWholeUnscaledNetwork() {
        TrainingData data = Tutorial.XOR.withValidation(Tutorial.INPUTS, new double[][] {{0}, {1}, {1}, {0}});
        Network network = Network.builder().layerSizes(3, 4, 1).learningRate(0.5).dropout(1, 0.5).build();
        TrainingStep step = Trainer.train(network, data, 5).blockLast();
        Network plain = Network.builder().layerSizes(3, 4, 1)
                .weights(step.weightsBefore(0).toArray(), step.weightsBefore(1).toArray()).build();
        double[] plainOutput = Trainer.train(plain, Tutorial.XOR, 1).blockLast().output().toRowMajorArray();
        double expected = 0;
        for (int e = 0; e < 4; e++) {
            expected += Math.abs(Tutorial.XOR.targets().get(e, 0) - plainOutput[e]);
        }
        assertEquals(expected / 4, step.validationMeanAbsoluteError().getAsDouble(), 1e-15);
        double[] predicted = step.network().predict(1, 0, 1);
        Network after = Network.builder().layerSizes(3, 4, 1)
                .weights(step.weights(0).toArray(), step.weights(1).toArray()).build();
        assertEquals(Trainer.train(after, TrainingData.of(new double[][] {{1, 0, 1}}, new double[][] {{0}}), 1)
                .blockLast().output().get(0, 0), predicted[0], 0);
    }

    @Test
    void aRunWithoutDropoutHasMasksOfOnesAndTheSameNumbersAsBefore() {
        TrainingStep plain = Trainer.train(Network.of(3, 4, 1), Tutorial.XOR, 3).blockLast();
        TrainingStep zero = Trainer.train(Network.builder().layerSizes(3, 4, 1).dropout(1, 0).build(), Tutorial.XOR, 3)
                .blockLast();
        for (int layer = 0; layer < 3; layer++) {
            for (double factor : plain.dropoutMask(layer).toRowMajorArray()) {
                assertEquals(1.0, factor);
            }
            assertFalse(plain.dropped(layer, 0, 0));
        }
        assertEquals(plain.weights(0), zero.weights(0));
        assertEquals(plain.meanAbsoluteError(), zero.meanAbsoluteError());
    }

    @Test
    void theMasksOfALayerAreDrawnOnlyOnItAndTheOutputNeverDrops() {
        TrainingStep step = Trainer.train(Network.builder().layerSizes(3, 5, 4, 1).dropout(2, 0.5).build(),
                Tutorial.XOR, 2).blockLast();
        assertEquals(List.of(1.0), distinct(step.dropoutMask(1)));
        assertEquals(Set.of(0.0, 2.0), Set.copyOf(distinct(step.dropoutMask(2))));
        assertEquals(List.of(1.0), distinct(step.dropoutMask(3)));
        assertThrows(IndexOutOfBoundsException.class, () -> step.dropoutMask(4));
        assertEquals("unit: expected a unit of layer 2 in [0, 3], actual 4",
                assertThrows(IndexOutOfBoundsException.class, () -> step.dropped(2, 0, 4)).getMessage());
    }

    @Test
    void badDropoutIsRefusedNamingTheArgument() {
        assertEquals("dropout: expected a rate in [0, 1) for layer 1, actual 1.0", assertThrows(
                IllegalArgumentException.class, () -> Network.builder().dropout(1, 1.0)).getMessage());
        assertEquals("dropout: expected a rate in [0, 1) for layer 1, actual -0.1", assertThrows(
                IllegalArgumentException.class, () -> Network.builder().dropout(1, -0.1)).getMessage());
        assertEquals("dropout: expected a rate in [0, 1) for layer 1, actual NaN", assertThrows(
                IllegalArgumentException.class, () -> Network.builder().dropout(1, Double.NaN)).getMessage());
        assertEquals("dropout: expected a hidden layer in [1, 1] for layer sizes [3, 4, 1], actual 0 (the input layer)",
                assertThrows(IllegalArgumentException.class,
                        () -> Network.builder().layerSizes(3, 4, 1).dropout(0, 0.2).build()).getMessage());
        assertEquals("dropout: expected a hidden layer in [1, 1] for layer sizes [3, 4, 1], actual 2 (the output layer)",
                assertThrows(IllegalArgumentException.class,
                        () -> Network.builder().layerSizes(3, 4, 1).dropout(2, 0.2).build()).getMessage());
        Network withRelu = Network.builder().layerSizes(3, 4, 1).dropout(1, 0.2)
                .dropoutGradient(DropoutGradient.TUTORIAL).activation(new dev.backflux.api.Activation() {
                    @Override
                    public double apply(double input) {
                        return Math.max(0, input);
                    }

                    @Override
                    public double derivativeFromOutput(double output) {
                        throw new UnsupportedOperationException("the slope needs the input");
                    }

                    @Override
                    public double derivative(double input) {
                        return input > 0 ? 1 : 0;
                    }

                    @Override
                    public boolean hasDerivativeFromOutput() {
                        return false;
                    }
                }).build();
        IllegalArgumentException tutorial = assertThrows(IllegalArgumentException.class,
                () -> Trainer.training(withRelu, Tutorial.XOR).steps(1).configuration(Map.of()).build());
        assertTrue(tutorial.getMessage().startsWith("dropoutGradient: expected TEXTBOOK for an activation whose slope"
                + " needs its input, actual TUTORIAL with "), tutorial.getMessage());
    }

    private static boolean anyDropped(TrainingStep step, int layer) {
        for (double factor : step.dropoutMask(layer).toRowMajorArray()) {
            if (factor == 0) {
                return true;
            }
        }
        return false;
    }

    private static List<Double> distinct(Matrix matrix) {
        return java.util.Arrays.stream(matrix.toRowMajorArray()).boxed().distinct().sorted().toList();
    }
}
